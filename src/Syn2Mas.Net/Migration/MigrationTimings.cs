namespace Syn2Mas.Net.Migration;

/// <summary>Seconds spent in each phase, and in all.</summary>
public sealed record MigrationTimings(double Checks, double Prepare, double Copy, double Rebuild, double Finish, double Total);
