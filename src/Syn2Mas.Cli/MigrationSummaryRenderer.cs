using System.Globalization;
using Syn2Mas.Net.Migration;

namespace Syn2Mas.Cli;

/// <summary>The end of a migration for people: one row per MAS table, what was skipped and why, the timings.</summary>
public static class MigrationSummaryRenderer
{
    public static void Render(MigrationReport report, TextWriter output, TerminalStyle style)
    {
        if (report.Tables.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(style.Bold($"{"MAS table",-34} {"from Synapse",-18} {"read",12} {"written",12} {"skipped",10} {"seconds",8}"));
            foreach (var table in report.Tables)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{table.Table,-34} {table.SourceTable,-18} {table.Read,12:N0} {table.Written,12:N0} {table.SkippedTotal,10:N0} {table.Seconds,8:F2}"));
                foreach (var skip in table.Skipped)
                {
                    output.WriteLine(style.Dim(string.Create(CultureInfo.InvariantCulture,
                        $"    skipped {skip.Count:N0} {skip.Reason}{Examples(skip.Examples)}")));
                }
            }
        }

        foreach (var warning in report.Warnings)
        {
            output.WriteLine(style.Yellow(string.Create(CultureInfo.InvariantCulture,
                $"warning {warning.Reason}: {warning.Count:N0} rows{Examples(warning.Examples)}")));
        }

        if (report.Timings is { } t)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Total {t.Total:F1} s: checks {t.Checks:F1} s, prepare {t.Prepare:F1} s, copy {t.Copy:F1} s, index and constraint rebuild {t.Rebuild:F1} s{(report.RebuildMemory is { } memory ? $" ({memory})" : "")}, then waited {t.ChecksWait:F1} s for the checks of Synapse's data (they took {t.DataChecks:F1} s beside the copy and rebuild), {(report.DryRun ? "rollback" : "commit")} {t.Finish:F1} s."));
        }

        output.WriteLine(report.Outcome switch
        {
            MigrationOutcome.Migrated => style.Bold("Migrated: MAS now holds the users and sessions above."),
            MigrationOutcome.DryRunSucceeded => style.Bold("Dry run succeeded: everything was copied, every index and constraint rebuilt and checked, then rolled back. MAS is unchanged."),
            MigrationOutcome.Blocked => style.Red("Nothing was written: the checks found errors (above). Fix them, or use the skip options they name, and run again."),
            _ => style.Red($"Nothing was written: {report.Error}"),
        });
    }

    private static string Examples(IReadOnlyList<string> examples) =>
        examples.Count == 0 ? "" : $" (e.g. {string.Join(", ", examples.Take(3))}{(examples.Count > 3 ? ", …" : "")})";
}
