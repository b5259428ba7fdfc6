namespace Syn2Mas.Net.Migration;

/// <summary>Where a run is and what it has found so far, so that a failure at any point can be reported truthfully.</summary>
internal sealed class MigrationRunState(MigrationReport report)
{
    public MigrationReport Report { get; set; } = report;

    public MigrationPhase Phase { get; set; } = MigrationPhase.Checking;
}
