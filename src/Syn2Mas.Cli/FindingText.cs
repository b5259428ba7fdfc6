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
}
