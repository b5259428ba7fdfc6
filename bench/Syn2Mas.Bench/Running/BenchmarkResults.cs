namespace Syn2Mas.Bench.Running;

/// <summary>Everything one <c>run</c> measured, as written to the results JSON.</summary>
/// <param name="Command">The benchmark's own command line, to reproduce it.</param>
/// <param name="MigrateCommand">The measured migrate command (passwords stay in the config files, not here).</param>
/// <param name="Postgres">The server's version and bulk-load settings.</param>
/// <param name="Checkpoints">Whether a CHECKPOINT preceded every timed step.</param>
/// <param name="LoadAverageAtEnd">Load averages when the benchmark ended, next to <see cref="MachineInfo.LoadAverage"/>.</param>
/// <param name="FloorFileBytes">Size of the binary COPY files the floor loads.</param>
internal sealed record BenchmarkResults(
    string Command,
    string Source,
    long Users,
    ulong Seed,
    int RunCount,
    DateTimeOffset StartedAt,
    double BenchmarkSeconds,
    DataSet DataSet,
    string MigrateCommand,
    string AdvisorCommand,
    MachineInfo Machine,
    IReadOnlyDictionary<string, string> Postgres,
    bool Checkpoints,
    string LoadAverageAtEnd,
    long FloorFileBytes,
    IReadOnlyList<RunSample> Runs,
    MigrationMedians Migration,
    FloorMedians Floor,
    IReadOnlyList<TableMedians> Tables,
    AdvisorMedians Advisor,
    Ratios Ratios,
    IReadOnlyList<TargetCheck> Targets);
