namespace Syn2Mas.Bench.Running;

/// <summary>The advisor's medians over the runs: a separate process reading the same data set.</summary>
internal sealed record AdvisorMedians(double WallSeconds, double PeakResidentMiB, double CpuSeconds)
{
    public static AdvisorMedians Of(IReadOnlyList<ProcessSample> samples) => new(
        Stats.Median(samples, s => s.WallSeconds),
        Stats.Median(samples, s => s.PeakResidentBytes / (1024.0 * 1024.0)),
        Stats.Median(samples, s => s.CpuSeconds));
}
