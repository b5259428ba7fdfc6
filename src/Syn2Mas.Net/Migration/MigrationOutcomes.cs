namespace Syn2Mas.Net.Migration;

/// <summary>The values of <see cref="MigrationReport.Outcome"/>; scripts read them from the report, so they never change.</summary>
public static class MigrationOutcomes
{
    public const string Migrated = "migrated";

    public const string DryRunSucceeded = "dry-run-succeeded";

    /// <summary>The checks found errors; nothing was written.</summary>
    public const string Blocked = "blocked";

    /// <summary>A failure stopped the run before its commit; MAS was rolled back or never touched.</summary>
    public const string Failed = "failed";

    /// <summary>SIGINT or SIGTERM stopped the run before its commit; MAS was rolled back or never touched.</summary>
    public const string Cancelled = "cancelled";
}
