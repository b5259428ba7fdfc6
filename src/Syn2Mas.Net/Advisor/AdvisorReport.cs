using Syn2Mas.Net.Reporting;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// Everything the advisor found, in the order an admin should read it (errors, warnings, notes), with the
/// figures a migration would move. Serialized as is for <c>--format json</c> and <c>--report</c>; holds
/// no secret by construction (findings carry user ids and counts only).
/// </summary>
public sealed record AdvisorReport
{
    public ToolInfo Tool { get; init; } = ToolInfo.Current;

    public required SynapseDatabaseInfo Synapse { get; init; }

    /// <summary>Null when no MAS database was given.</summary>
    public MasDatabaseInfo? Mas { get; init; }

    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>What a migration would move; null when the Synapse database could not be read as one.</summary>
    public SynapseCounts? Counts { get; init; }

    public int Errors => Findings.Count(finding => finding.Severity == Severity.Error);

    public int Warnings => Findings.Count(finding => finding.Severity == Severity.Warning);

    public int Notes => Findings.Count(finding => finding.Severity == Severity.Note);

    /// <summary><c>errors</c>, <c>warnings</c> or <c>clean</c>: what the exit code says, for readers of the file.</summary>
    public CheckOutcome Outcome => Errors > 0 ? CheckOutcome.Errors : Warnings > 0 ? CheckOutcome.Warnings : CheckOutcome.Clean;
}
