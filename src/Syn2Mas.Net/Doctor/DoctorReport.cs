using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Reporting;

namespace Syn2Mas.Net.Doctor;

/// <summary>
/// What <c>doctor</c> found, in the advisor's format: the same findings, severities and outcome, plus the
/// stage it checked for and, with <c>--live</c>, every request it made. Holds no secret by construction.
/// </summary>
public sealed record DoctorReport
{
    public ToolInfo Tool { get; init; } = ToolInfo.Current;

    public required DoctorStage Stage { get; init; }

    /// <summary><c>option</c> when --stage chose the stage, <c>synapse-config</c> when delegation in homeserver.yaml did.</summary>
    public required string StageFrom { get; init; }

    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>The live requests; null without --live.</summary>
    public IReadOnlyList<LiveCheck>? Live { get; init; }

    public int Errors => Findings.Count(finding => finding.Severity == Severity.Error);

    public int Warnings => Findings.Count(finding => finding.Severity == Severity.Warning);

    public int Notes => Findings.Count(finding => finding.Severity == Severity.Note);

    /// <summary><c>errors</c>, <c>warnings</c> or <c>clean</c>, as the exit code says.</summary>
    public CheckOutcome Outcome => Errors > 0 ? CheckOutcome.Errors : Warnings > 0 ? CheckOutcome.Warnings : CheckOutcome.Clean;
}
