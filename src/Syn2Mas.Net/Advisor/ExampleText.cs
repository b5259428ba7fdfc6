using System.Globalization;
using System.Text;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// Turns a stored value into an example fit for a one-line finding: user ids come straight from Synapse's
/// tables, where nothing stops a newline or a NUL, so control characters are shown escaped.
/// </summary>
internal static class ExampleText
{
    public static string Of(string? value)
    {
        if (value is null)
        {
            return "NULL";
        }

        if (!value.Any(char.IsControl))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }
}
