namespace Syn2Mas.Cli;

/// <summary>
/// ANSI colour for a terminal, plain text otherwise (files, pipes, CI logs, <c>NO_COLOR</c>), so that
/// captured output stays greppable.
/// </summary>
public sealed class TerminalStyle
{
    private TerminalStyle(bool enabled) => Enabled = enabled;

    public static TerminalStyle Plain { get; } = new(false);

    public bool Enabled { get; }

    /// <summary>The escape sequences <see cref="Wrap"/> writes, and the only ones <see cref="TerminalSafeWriter"/> lets through.</summary>
    internal static string[] Sequences { get; } = new[] { "31", "33", "36", "1", "2", "0" }.Select(code => $"\u001b[{code}m").ToArray();

    public static TerminalStyle For(TextWriter writer) =>
        new(ReferenceEquals(writer is TerminalSafeWriter safe ? safe.Inner : writer, Console.Out) && !Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && Environment.GetEnvironmentVariable("TERM") is not "dumb");

    public string Red(string text) => Wrap(text, "31");

    public string Yellow(string text) => Wrap(text, "33");

    public string Cyan(string text) => Wrap(text, "36");

    public string Bold(string text) => Wrap(text, "1");

    public string Dim(string text) => Wrap(text, "2");

    private string Wrap(string text, string code) => Enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
