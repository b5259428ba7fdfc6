using System.Globalization;
using Syn2Mas.Net.Verification;

namespace Syn2Mas.Cli;

/// <summary><c>verify</c>'s report for people: the findings, one row per MAS table, and the verdict.</summary>
public static class VerificationTextRenderer
{
    public static void Render(VerificationReport report, TextWriter output, TerminalStyle style)
    {
        output.WriteLine(style.Bold($"syn2mas-net {report.Tool.Version} verify"));
        output.WriteLine($"  Synapse: {report.Synapse.Database}{(report.Synapse.SchemaVersion is { } version ? $" (schema {version})" : "")}"
            + (report.SynapseInUse ? ", other clients connected: Synapse may be running" : ""));
        output.WriteLine($"  MAS:     {report.Mas.Database}{(report.Mas.SchemaVersion is { } masVersion ? $" (migration {masVersion})" : "")}");
        output.WriteLine();
        foreach (var finding in report.Findings)
        {
            FindingText.Write(finding, output, style);
        }

        output.WriteLine();
        output.WriteLine(style.Bold($"{"MAS table",-34} {"matched",12} {"missing",10} {"unexpected",10} {"different",10}"));
        foreach (var table in report.Tables)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{table.Table,-34} {table.Matched,12:N0} {table.MissingInMas.Count,10:N0} {table.UnexpectedInMas.Count,10:N0} {table.Different.Count,10:N0}"));
        }

        output.WriteLine();
        output.WriteLine(report.Outcome == VerificationOutcome.Match
            ? style.Bold("MAS holds exactly what the migration rules give from Synapse.")
            : style.Red("MAS differs from what the migration rules give from Synapse (above)."));
    }
}
