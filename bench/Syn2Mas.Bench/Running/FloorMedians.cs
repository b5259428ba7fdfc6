namespace Syn2Mas.Bench.Running;

/// <summary>The floor's medians over the runs, per phase.</summary>
internal sealed record FloorMedians(double Prepare, double Copy, double Rebuild, double Commit, double Total, int PausedObjects)
{
    public static FloorMedians Of(IReadOnlyList<FloorSample> samples) => new(
        Stats.Median(samples, s => s.Prepare),
        Stats.Median(samples, s => s.Copy),
        Stats.Median(samples, s => s.Rebuild),
        Stats.Median(samples, s => s.Commit),
        Stats.Median(samples, s => s.Total),
        samples[0].PausedObjects);
}
