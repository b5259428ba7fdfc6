using System.Globalization;
using System.Text;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// Turns a stored value into an example fit for a one-line finding: user ids come straight from Synapse's
/// tables, where nothing stops a newline or a NUL, so control characters are shown escaped, and so are
/// bytes that were not UTF-8 (<see cref="Synapse.SynapseText"/>), as <c>\xE9</c>.
/// </summary>
internal static class ExampleText
{
    public static string Of(string? value)
    {
        if (value is null)
        {
            return "NULL";
        }

        if (!value.Any(char.IsControl) && !Synapse.SynapseText.HasInvalidBytes(value))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 8);
        for (var index = 0; index < value.Length; index++)
        {
            var c = value[index];
            if (Synapse.SynapseText.EscapedByte(value, index) is var invalid and >= 0)
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\x{invalid:X2}");
            }
            else if (char.IsControl(c))
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
