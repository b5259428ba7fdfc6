using System.Globalization;
using System.Text;

namespace Syn2Mas.Net.Reporting;

/// <summary>
/// Makes text from a database or a configuration file safe to show on a terminal: a user id, a device
/// name or an <c>auth_provider</c> may hold escape sequences that clear the screen or rewrite what was
/// printed, or bidi controls that make a line read differently from what it says. Such characters are
/// shown as <c>\uXXXX</c> instead. A byte that was not UTF-8, which the Synapse reader keeps as a lone
/// surrogate U+DC80–U+DCFF, is shown as the byte it stands for, <c>\xE9</c>.
/// </summary>
public static class PrintableText
{
    /// <summary>
    /// C0 controls (newline included), DEL, C1 controls, and the bidi embeddings, overrides and isolates
    /// (U+202A–U+202E, U+2066–U+2069).
    /// </summary>
    public static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Any(c => IsUnsafe(c) || c is >= '\uDC80' and <= '\uDCFF'))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 8);
        for (var index = 0; index < value.Length; index++)
        {
            var c = value[index];
            if (char.IsHighSurrogate(c) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]))
            {
                escaped.Append(c).Append(value[++index]);
            }
            else if (c is >= '\uDC80' and <= '\uDCFF')
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\x{c - 0xDC00:X2}");
            }
            else
            {
                Append(escaped, c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>Appends <paramref name="c"/>, escaped when unsafe.</summary>
    public static void Append(StringBuilder builder, char c)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (IsUnsafe(c))
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }
        else
        {
            builder.Append(c);
        }
    }
}
