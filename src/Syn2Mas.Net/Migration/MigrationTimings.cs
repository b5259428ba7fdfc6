namespace Syn2Mas.Net.Migration;

/// <summary>Seconds spent in each phase, and in all.</summary>
/// <param name="Checks">From the start until MAS is written to: the configuration's and MAS's checks, and
/// Synapse's data checks when errors elsewhere already block the run.</param>
/// <param name="DataChecks">The checks of Synapse's data, run side by side with the copy and the rebuild.</param>
/// <param name="ChecksWait">How long the commit, once the rebuild was done, waited for the data checks to finish.</param>
public sealed record MigrationTimings(double Checks, double DataChecks, double Prepare, double Copy, double Rebuild, double ChecksWait, double Finish, double Total);
