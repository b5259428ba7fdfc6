namespace Syn2Mas.Bench.Running;

/// <summary>The migration's medians over the runs, each figure taken on its own.</summary>
/// <param name="WritePath">Prepare, copy, the wait for the data checks, rebuild and commit: from the first write on.</param>
/// <param name="ProcessWall">The process from start to exit, .NET start-up and report writing included.</param>
/// <param name="RowsPerSecond">MAS rows written per second of <paramref name="Total"/>.</param>
/// <param name="UsersPerSecond">Synapse users per second of <paramref name="Total"/>.</param>
internal sealed record MigrationMedians(
    double Checks,
    double DataChecks,
    double Prepare,
    double Copy,
    double ChecksWait,
    double Rebuild,
    double Commit,
    double Total,
    double WritePath,
    double ProcessWall,
    long RowsWritten,
    long SynapseUsers,
    double RowsPerSecond,
    double UsersPerSecond,
    double PeakResidentMiB,
    double CpuSeconds,
    double UserCpuSeconds,
    double SystemCpuSeconds)
{
    public static MigrationMedians Of(IReadOnlyList<MigrationSample> samples) => new(
        Stats.Median(samples, s => s.Checks),
        Stats.Median(samples, s => s.DataChecks),
        Stats.Median(samples, s => s.Prepare),
        Stats.Median(samples, s => s.Copy),
        Stats.Median(samples, s => s.ChecksWait),
        Stats.Median(samples, s => s.Rebuild),
        Stats.Median(samples, s => s.Commit),
        Stats.Median(samples, s => s.Total),
        Stats.Median(samples, s => s.WritePath),
        Stats.Median(samples, s => s.Process.WallSeconds),
        samples[0].RowsWritten,
        samples[0].SynapseUsers,
        Stats.Median(samples, s => s.RowsWritten / s.Total),
        Stats.Median(samples, s => s.SynapseUsers / s.Total),
        Stats.Median(samples, s => s.Process.PeakResidentBytes / (1024.0 * 1024.0)),
        Stats.Median(samples, s => s.Process.CpuSeconds),
        Stats.Median(samples, s => s.Process.UserCpuSeconds),
        Stats.Median(samples, s => s.Process.SystemCpuSeconds));
}
