namespace Syn2Mas.Bench.Running;

/// <summary>One run of the benchmark: the advisor, then the migration, then the floor load, on the same data set.</summary>
internal sealed record RunSample(int Run, ProcessSample Advisor, MigrationSample Migration, FloorSample Floor)
{
    /// <summary>The headline of this run alone: the migration's total over the floor's.</summary>
    public double RatioToFloor => Migration.Total / Floor.Total;
}
