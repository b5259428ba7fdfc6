using System.Text;
using Syn2Mas.Net.Reporting;

namespace Syn2Mas.Cli;

/// <summary>
/// The one door to the operator's terminal: everything the command line writes passes through it, so a
/// value from a database or a configuration file can never carry a control character or an escape
/// sequence there, whichever message it ends up in (<see cref="PrintableText"/>). Line ends pass, and so do
/// the colour sequences of <see cref="TerminalStyle"/> when it is enabled for this writer.
/// </summary>
public sealed class TerminalSafeWriter : TextWriter
{
    private readonly string[] _allowedSequences;

    private TerminalSafeWriter(TextWriter inner, bool styled)
    {
        Inner = inner;
        _allowedSequences = styled ? TerminalStyle.Sequences : [];
    }

    /// <summary>The writer underneath, which <see cref="TerminalStyle.For"/> looks at.</summary>
    public TextWriter Inner { get; }

    public override Encoding Encoding => Inner.Encoding;

    public static TextWriter Wrap(TextWriter writer) =>
        writer is TerminalSafeWriter ? writer : new TerminalSafeWriter(writer, TerminalStyle.For(writer).Enabled);

    public override void Write(char value) => Inner.Write(value == '\n' ? "\n" : PrintableText.Escape(value.ToString()));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (value is not null)
        {
            Inner.Write(Sanitize(value));
        }
    }

    public override void Flush() => Inner.Flush();

    private string Sanitize(string value)
    {
        var safe = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\n' || (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n'))
            {
                safe.Append(c);
                continue;
            }

            if (c == '\u001b' && _allowedSequences.FirstOrDefault(sequence => string.CompareOrdinal(value, i, sequence, 0, sequence.Length) == 0) is { } allowed)
            {
                safe.Append(allowed);
                i += allowed.Length - 1;
                continue;
            }

            PrintableText.Append(safe, c);
        }

        return safe.ToString();
    }
}
