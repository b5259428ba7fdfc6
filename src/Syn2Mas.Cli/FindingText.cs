using System.Globalization;
using Syn2Mas.Net.Advisor;

namespace Syn2Mas.Cli;

/// <summary>One finding as people read it: severity, code, count and message on a line, examples indented below.</summary>
public static class FindingText
{
    public static void Write(Finding finding, TextWriter output, TerminalStyle style)
    {
        var label = finding.Severity switch
        {
            Severity.Error => style.Red("error  "),
            Severity.Warning => style.Yellow("warning"),
            _ => style.Cyan("note   "),
        };
        var count = finding.Count is { } n ? $" [{n.ToString("N0", CultureInfo.InvariantCulture)}]" : "";
        output.WriteLine($"{label} {style.Bold(finding.Code)}{count}: {finding.Message}");
        foreach (var example in finding.Examples)
        {
            output.WriteLine(style.Dim($"          {example}"));
        }
    }

    /// <summary>The closing line of a report: how many findings of each severity, and what that means.</summary>
    public static void WriteVerdict(TextWriter output, int errors, int warnings, int notes, string verdict) =>
        output.WriteLine($"{Plural(errors, "error")}, {Plural(warnings, "warning")}, {Plural(notes, "note")}: {verdict}.");

    private static string Plural(int count, string word) => count == 1 ? $"1 {word}" : $"{count} {word}s";
}
