using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Reporting;

namespace Syn2Mas.Net.Verification;

/// <summary>
/// What <c>verify</c> found, in the advisor's document style: findings with stable codes (one per MAS table
/// and kind of difference), then one entry per MAS table. Holds user ids, column names and counts, never
/// a token, a hash or another secret.
/// </summary>
public sealed record VerificationReport
{
    public ToolInfo Tool { get; init; } = ToolInfo.Current;

    public required SynapseDatabaseInfo Synapse { get; init; }

    public required MasDatabaseInfo Mas { get; init; }

    /// <summary>
    /// Whether other clients were connected to Synapse's PostgreSQL database while it was read (Synapse
    /// may be running); null for SQLite, where that cannot be told.
    /// </summary>
    public bool SynapseInUse { get; init; }

    /// <summary>The creation time of the newest session or access token in MAS, what "changed after the migration" is measured against.</summary>
    public DateTimeOffset? NewestMigratedSession { get; init; }

    public required IReadOnlyList<Finding> Findings { get; init; }

    public required IReadOnlyList<TableVerification> Tables { get; init; }

    /// <summary>Missing sessions and tokens that Synapse created after <see cref="NewestMigratedSession"/>.</summary>
    public DifferenceCount ChangedAfterMigration { get; init; } = DifferenceCount.None;

    /// <summary><c>match</c> or <c>differences</c>: what the exit code says, for readers of the file.</summary>
    public VerificationOutcome Outcome => Tables.All(table => table.Matches) ? VerificationOutcome.Match : VerificationOutcome.Differences;
}
