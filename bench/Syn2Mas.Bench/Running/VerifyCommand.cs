using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Bench.Running;

/// <summary>
/// <c>verify</c>: how long <c>syn2mas-net verify</c> takes against a migrated MAS, next to migrate's read phase
/// (Synapse read, merged and mapped, as <c>read</c> times it) on the same data set, the two alternating
/// run by run; and verify's peak resident memory. verify runs as a separate process of the real tool,
/// measured like migrate.
/// </summary>
internal static class VerifyCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var synapseConfig = new Option<FileInfo>("--synapse-config") { Description = "The data set's homeserver.yaml", Required = true, HelpName = "FILE" };
        var masConfig = new Option<FileInfo>("--mas-config")
        {
            Description = "The mas.yaml of the latest run on the data set (WORK/runs/SET-TIME/mas.yaml): its MAS holds that data set's rows",
            Required = true,
            HelpName = "FILE",
        };
        var runs = new Option<int>("--runs") { Description = "Runs; the results are their medians", DefaultValueFactory = _ => 3, HelpName = "R" };
        var cli = new Option<FileInfo?>("--cli") { Description = "The syn2mas-net.dll to measure; default the one built with this benchmark", HelpName = "PATH" };
        var command = new Command("verify", "Time syn2mas-net verify against a migrated MAS, alternating with migrate's read phase on the same data set");
        foreach (var option in new Option[] { synapseConfig, masConfig, runs, cli })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var homeserver = parseResult.GetValue(synapseConfig)!.FullName;
            var mas = parseResult.GetValue(masConfig)!.FullName;
            var configuration = LoadedConfiguration.Load(new ConfigurationRequest { SynapseConfigFiles = [homeserver], MasConfigFiles = [mas] });
            var tool = CliTool.Find(parseResult.GetValue(cli) ?? RunCommand.DefaultCli());
            var log = Path.Combine(Path.GetTempPath(), "syn2mas-bench-verify.log");
            var readSeconds = new List<double>();
            var readCpuSeconds = new List<double>();
            var verifySamples = new List<ProcessSample>();
            for (var run = 1; run <= parseResult.GetValue(runs); run++)
            {
                // This process does nothing else meanwhile, so its CPU time is the read's: on a shared, loaded
                // machine the CPU each side needed compares better than wall time, which depends on the neighbours.
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var (seconds, _) = await ReadCommand.TimeAsync(configuration, map: true, cancellationToken);
                readSeconds.Add(seconds);
                readCpuSeconds.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
                var sample = await MeasuredProcess.RunAsync(
                    tool.Host, tool.Arguments("verify", "--synapse-config", homeserver, "--mas-config", mas), log, cancellationToken);
                if (sample.ExitCode != 0)
                {
                    throw new BenchmarkFailedException($"verify exited {sample.ExitCode}, not 0 (MAS does not hold this data set's migration?); its output is in {log}");
                }

                verifySamples.Add(sample);
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}: read, merge and map {seconds:0.00} s, CPU {readCpuSeconds[^1]:0.00} s; verify {sample.WallSeconds:0.00} s, peak RSS {sample.PeakResidentBytes / 1048576.0:0} MiB, CPU {sample.CpuSeconds:0.00} s"));
            }

            var read = Stats.Median(readSeconds, value => value);
            var verify = Stats.Median(verifySamples, sample => sample.WallSeconds);
            var readCpu = Stats.Median(readCpuSeconds, value => value);
            var verifyCpu = Stats.Median(verifySamples, sample => sample.CpuSeconds);
            var migrateReadPhase = await MigrateReadPhaseAsync(Path.GetDirectoryName(mas)!, cancellationToken);
            if (migrateReadPhase is { } phase)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"migrate's read phase in its runs beside this mas.yaml (compat_sessions' pass: read, merge, map and that table's COPY): {phase:0.00} s; verify: {verify / phase:0.00} x"));
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"verify {verify:0.00} s (process, start to exit), read, merge and map {read:0.00} s: {verify / read:0.00} x; "
                + $"CPU {verifyCpu:0.00} s against {readCpu:0.00} s: {verifyCpu / readCpu:0.00} x; "
                + $"verify peak RSS {Stats.Median(verifySamples, sample => (double)sample.PeakResidentBytes) / 1048576.0:0} MiB (medians of {readSeconds.Count})"));
            return 0;
        });
        return command;
    }

    /// <summary>The median of <c>compat_sessions</c>' pass seconds over the migrate reports in the run's folder, if any.</summary>
    private static async Task<double?> MigrateReadPhaseAsync(string runFolder, CancellationToken cancellationToken)
    {
        var seconds = new List<double>();
        foreach (var report in Directory.EnumerateFiles(runFolder, "migrate-*.json"))
        {
            var sample = await MigrationReportReader.ReadAsync(report, new ProcessSample(0, 0, 0, 0, 0), cancellationToken);
            if (sample.PassSeconds.TryGetValue("compat_sessions", out var pass))
            {
                seconds.Add(pass);
            }
        }

        return seconds.Count == 0 ? null : Stats.Median(seconds, value => value);
    }
}
