using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Syn2Mas.Bench.Generation;
using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Bench.Running;

/// <summary>
/// One <c>run</c>: makes or reuses the data set, then for every run resets MAS, times the advisor, the
/// migration and the floor load, one after the other on the same data, and finally writes the medians.
/// Migration and floor alternate, so a machine that gets busier or quieter affects both alike.
/// </summary>
internal static class BenchmarkRunner
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // A file for people and scripts, never embedded in HTML: keep ÷, ≤ and + readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static async Task<BenchmarkResults> RunAsync(RunSettings settings, string commandLine, TextWriter output, TextWriter log, CancellationToken cancellationToken)
    {
        var started = settings.StartedAt;
        var clock = Stopwatch.StartNew();
        var cli = CliTool.Find(settings.Cli);
        var server = new BenchServer(ParseServer(settings.Postgres));
        var machine = MachineInfo.Read();
        var postgres = await server.DescribeAsync(cancellationToken);
        var dataSet = await DataSetCache.EnsureAsync(settings, server, log, cancellationToken);

        var runFolder = new DirectoryInfo(Path.Combine(
            settings.Work.FullName, "runs", string.Create(CultureInfo.InvariantCulture, $"{dataSet.Key}-{started:yyyyMMdd-HHmmss}")));
        runFolder.Create();
        await ConfigFileWriter.WriteMasAsync(runFolder, server.Database(BenchServer.MasDatabase), cancellationToken);
        var masConfig = Path.Combine(runFolder.FullName, ConfigFileWriter.MasFile);
        string[] Common(string report) => ["--synapse-config", dataSet.HomeserverConfig, "--mas-config", masConfig, "--report", report];

        var runs = new List<RunSample>();
        var checkpoints = true;
        FloorFiles? floorFiles = null;
        try
        {
            for (var run = 1; run <= settings.Runs; run++)
            {
                await server.ResetMasAsync(cancellationToken);
                checkpoints &= await server.CheckpointAsync(cancellationToken);
                var advisorReport = Path.Combine(runFolder.FullName, $"advisor-{run}.json");
                var advisor = await MeasuredProcess.RunAsync(
                    cli.Host, cli.Arguments(["advisor", .. Common(advisorReport)]), Path.Combine(runFolder.FullName, $"advisor-{run}.log"), cancellationToken);
                RequireExit(advisor, "advisor", [0, 11], Path.Combine(runFolder.FullName, $"advisor-{run}.log"));

                checkpoints &= await server.CheckpointAsync(cancellationToken);
                var migrateReport = Path.Combine(runFolder.FullName, $"migrate-{run}.json");
                var migrateLog = Path.Combine(runFolder.FullName, $"migrate-{run}.log");
                var process = await MeasuredProcess.RunAsync(cli.Host, cli.Arguments(["migrate", .. Common(migrateReport)]), migrateLog, cancellationToken);
                RequireExit(process, "migrate", [0], migrateLog);
                var migration = await MigrationReportReader.ReadAsync(migrateReport, process, cancellationToken);

                await using (var mas = server.OpenDataSource(BenchServer.MasDatabase))
                {
                    await RequireCountsAsync(mas, migration.Written, $"after migration {run}", cancellationToken);
                    floorFiles ??= await FloorFiles.DumpAsync(mas, Path.Combine(runFolder.FullName, "floor"), cancellationToken);
                }

                await server.ResetMasAsync(cancellationToken);
                checkpoints &= await server.CheckpointAsync(cancellationToken);
                FloorSample floor;
                await using (var mas = server.OpenDataSource(BenchServer.MasDatabase))
                {
                    floor = await FloorLoad.RunAsync(mas, floorFiles, cancellationToken);
                    await RequireCountsAsync(mas, migration.Written, $"after floor load {run}", cancellationToken);
                }

                var sample = new RunSample(run, advisor, migration, floor);
                runs.Add(sample);
                await log.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"run {run}/{settings.Runs}: migrate {migration.Total:0.00} s (process {process.WallSeconds:0.00} s, peak RSS {process.PeakResidentBytes / 1048576.0:0} MiB, CPU {process.CpuSeconds:0.00} s), floor {floor.Total:0.00} s, ratio {sample.RatioToFloor:0.00}; advisor {advisor.WallSeconds:0.00} s"));
            }
        }
        finally
        {
            // The files hold a copy of every migrated row; they are cheap to make again and not worth the disk.
            floorFiles?.Delete();
        }

        var migrationMedians = MigrationMedians.Of(runs.Select(run => run.Migration).ToList());
        var floorMedians = FloorMedians.Of(runs.Select(run => run.Floor).ToList());
        var advisorMedians = AdvisorMedians.Of(runs.Select(run => run.Advisor).ToList());
        var ratios = Ratios.Of(migrationMedians, floorMedians);
        var results = new BenchmarkResults(
            commandLine,
            settings.Source.ToString().ToLowerInvariant(),
            settings.Users,
            settings.Seed,
            settings.Runs,
            started,
            clock.Elapsed.TotalSeconds,
            dataSet,
            cli.Display(["migrate", .. Common("REPORT.json")]),
            cli.Display(["advisor", .. Common("REPORT.json")]),
            machine,
            postgres,
            checkpoints,
            MachineInfo.ReadLoadAverage(),
            floorFiles?.Bytes ?? 0,
            runs,
            migrationMedians,
            floorMedians,
            TableMedians.Of(runs),
            advisorMedians,
            ratios,
            TargetCheck.For(settings.Source, settings.Users, migrationMedians, advisorMedians, ratios));

        var markdown = ResultsMarkdown.Render(results);
        var json = JsonSerializer.Serialize(results, Json);
        settings.Results.Directory?.Create();
        await File.WriteAllTextAsync(settings.Results.FullName, json + "\n", cancellationToken);
        await File.WriteAllTextAsync(Path.ChangeExtension(settings.Results.FullName, ".md"), markdown, cancellationToken);
        await output.WriteAsync(settings.Json ? json + "\n" : markdown);
        await log.WriteLineAsync($"results: {settings.Results.FullName} and {Path.ChangeExtension(settings.Results.FullName, ".md")}; logs and reports: {runFolder.FullName}");
        return results;
    }

    private static PostgresConnectionSettings ParseServer(string value)
    {
        try
        {
            return PostgresConnectionSettings.Parse(value);
        }
        catch (ConfigurationException exception)
        {
            throw new GeneratorException($"--pg: {exception.Message}", exception);
        }
    }

    private static void RequireExit(ProcessSample sample, string command, int[] accepted, string logPath)
    {
        if (!accepted.Contains(sample.ExitCode))
        {
            throw new BenchmarkFailedException($"syn2mas-net {command} exited with {sample.ExitCode}; see {logPath}.");
        }
    }

    private static async Task RequireCountsAsync(Npgsql.NpgsqlDataSource mas, IReadOnlyDictionary<string, long> expected, string when, CancellationToken cancellationToken)
    {
        var differences = MasRowCounts.Differences(expected, await MasRowCounts.ReadAsync(mas, cancellationToken));
        if (differences.Count > 0)
        {
            throw new BenchmarkFailedException($"MAS's row counts {when} differ from the migration's report (expected/actual): {string.Join(", ", differences)}.");
        }
    }
}
