using System.Globalization;
using Syn2Mas.Net.Advisor;

namespace Syn2Mas.Cli;

/// <summary>
/// The advisor's report for people: errors first, then warnings, then notes, one line each with its
/// examples indented below, then what a migration would move.
/// </summary>
public static class AdvisorTextRenderer
{
    public static void Render(AdvisorReport report, TextWriter output, TerminalStyle style)
    {
        output.WriteLine(style.Bold($"syn2mas-net {report.Tool.Version} advisor"));
        output.WriteLine($"  Synapse: {report.Synapse.Database}{(report.Synapse.SchemaVersion is { } version ? $" (schema {version})" : "")}");
        if (report.Mas is { } mas)
        {
            output.WriteLine($"  MAS:     {mas.Database}{(mas.SchemaVersion is { } masVersion ? $" (migration {masVersion})" : "")}");
        }

        output.WriteLine();
        foreach (var finding in report.Findings)
        {
            FindingText.Write(finding, output, style);
        }

        if (report.Counts is { } counts)
        {
            output.WriteLine();
            output.WriteLine(style.Bold("A migration would read:"));
            foreach (var line in SynapseCountsText.Lines(counts))
            {
                output.WriteLine($"  {line}");
            }
        }

        output.WriteLine();
        var verdict = report.Outcome switch
        {
            CheckOutcome.Errors => style.Red("the migration is blocked until the errors are fixed"),
            CheckOutcome.Warnings => style.Yellow("the migration can run; read the warnings first"),
            _ => "nothing stands in the way of the migration",
        };
        FindingText.WriteVerdict(output, report.Errors, report.Warnings, report.Notes, verdict);
    }
}
