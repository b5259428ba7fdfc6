using System.Text.Json;
using System.Text.Json.Serialization;

namespace Syn2Mas.Net.Reporting;

/// <summary>
/// The one JSON dialect of every report: camelCase names, kebab-case enum values, nulls left out,
/// indented for people who open the file.
/// </summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Serialize<T>(T report) => JsonSerializer.Serialize(report, Options);

    /// <summary>Writes the report next to its final name first, so a reader never sees half a file.</summary>
    public static async Task WriteFileAsync<T>(T report, string path, CancellationToken cancellationToken = default)
    {
        var fullPath = Path.GetFullPath(path);
        var temporary = fullPath + ".tmp";
        await File.WriteAllTextAsync(temporary, Serialize(report) + Environment.NewLine, cancellationToken);
        File.Move(temporary, fullPath, overwrite: true);
    }
}
