using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Reporting;

namespace Syn2Mas.Net.Migration;

/// <summary>
/// What a migration did, for the summary and <c>--report</c>: the checks' findings, one line per MAS table,
/// the mapping warnings, the timings and the outcome. Holds user ids and counts, never a secret.
/// </summary>
public sealed record MigrationReport
{
    public ToolInfo Tool { get; init; } = ToolInfo.Current;

    public required bool DryRun { get; init; }

    public required MigrationOutcome Outcome { get; init; }

    /// <summary>What MAS was left with; always said, so that no reader has to infer it from the outcome.</summary>
    public MasState MasState { get; init; } = MasState.Untouched;

    /// <summary>The one-line reason when <see cref="Outcome"/> is <c>failed</c> or <c>cancelled</c>.</summary>
    public string? Error { get; init; }

    /// <summary>The phase the run was in when it failed or was cancelled.</summary>
    public MigrationPhase? FailedPhase { get; init; }

    /// <summary>Null only when the run failed before Synapse's database was open.</summary>
    public SynapseDatabaseInfo? Synapse { get; init; }

    public MasDatabaseInfo? Mas { get; init; }

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    public SynapseCounts? Counts { get; init; }

    public IReadOnlyList<TableSummary> Tables { get; init; } = [];

    /// <summary>Rows migrated with a loss worth knowing (e.g. an unparsable device IP), by warning code.</summary>
    public IReadOnlyList<SkippedRows> Warnings { get; init; } = [];

    public MigrationTimings? Timings { get; init; }

    /// <summary>The memory MAS's transaction was given for the rebuild (only ever raised above the server's settings).</summary>
    public MasRebuildMemory? RebuildMemory { get; init; }
}
