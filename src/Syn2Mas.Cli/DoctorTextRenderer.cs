using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Doctor;

namespace Syn2Mas.Cli;

/// <summary>
/// <c>doctor</c>'s report for people: the stage, every live request with its outcome, then the findings
/// as the advisor prints them, then the verdict.
/// </summary>
public static class DoctorTextRenderer
{
    public static void Render(DoctorReport report, TextWriter output, TerminalStyle style)
    {
        output.WriteLine(style.Bold($"syn2mas-net {report.Tool.Version} doctor"));
        var stage = report.Stage == DoctorStage.Before ? "before the switch (Synapse logs users in itself)" : "after the switch (Synapse delegates to MAS)";
        output.WriteLine($"  checked for: {stage}, {(report.StageFrom == "option" ? "as --stage says" : "as homeserver.yaml says; --stage chooses")}");
        if (report.Live is { } live)
        {
            output.WriteLine();
            output.WriteLine(style.Bold("Live requests:"));
            foreach (var check in live)
            {
                var outcome = check.Outcome switch
                {
                    LiveOutcome.Ok => "ok     ",
                    LiveOutcome.Failed => style.Red("failed "),
                    _ => style.Dim("skipped"),
                };
                output.WriteLine($"  {outcome} {check.Name}: GET {check.Url} ({check.Detail})");
            }
        }

        output.WriteLine();
        foreach (var finding in report.Findings)
        {
            FindingText.Write(finding, output, style);
        }

        output.WriteLine();
        var verdict = report.Outcome switch
        {
            CheckOutcome.Errors => style.Red("Synapse and MAS are not wired correctly; fix the errors"),
            CheckOutcome.Warnings => style.Yellow("the wiring works; read the warnings"),
            _ => "Synapse and MAS are wired as they should be",
        };
        FindingText.WriteVerdict(output, report.Errors, report.Warnings, report.Notes, verdict);
    }
}
