using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Migration;

namespace Syn2Mas.Cli;

/// <summary>
/// The checks' errors and warnings as <c>migrate</c> shows them before its summary: notes are left to the
/// advisor and the JSON report, so the operator sees what matters.
/// </summary>
public static class MigrationFindingsRenderer
{
    public static void Render(MigrationReport report, TextWriter output, TerminalStyle style)
    {
        foreach (var finding in report.Findings.Where(finding => finding.Severity != Severity.Note))
        {
            FindingText.Write(finding, output, style);
        }
    }
}
