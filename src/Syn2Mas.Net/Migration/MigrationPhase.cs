namespace Syn2Mas.Net.Migration;

/// <summary>Where a migration is, for progress display and for the report's timings.</summary>
public enum MigrationPhase
{
    Checking,
    Preparing,
    Copying,
    Rebuilding,
    Committing,
    RollingBack,
    Done,
}
