using System.Text.Json;

namespace Syn2Mas.Net.Doctor;

/// <summary>A JSON object fetched over HTTP, or why there is none (status, network or TLS error, timeout).</summary>
internal sealed record LiveAnswer(JsonElement? Json, string Status, string? Error)
{
    public static LiveAnswer Failed(string error) => new(null, error, error);

    /// <summary>A string member of the answer, if it has one.</summary>
    public string? Text(params string[] path)
    {
        if (Json is not { } element)
        {
            return null;
        }

        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
