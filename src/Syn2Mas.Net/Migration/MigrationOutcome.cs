namespace Syn2Mas.Net.Migration;

/// <summary>How a migration ended; scripts read it from the report (in kebab case), so the names never change.</summary>
public enum MigrationOutcome
{
    Migrated,

    DryRunSucceeded,

    /// <summary>The checks found errors; nothing was written.</summary>
    Blocked,

    /// <summary>A failure stopped the run before its commit; MAS was rolled back or never touched.</summary>
    Failed,

    /// <summary>SIGINT or SIGTERM stopped the run before its commit; MAS was rolled back or never touched.</summary>
    Cancelled,
}
