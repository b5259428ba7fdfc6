using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Bench.Running;

/// <summary>
/// <c>read</c>: how long reading Synapse alone takes, the way migrate reads it (every table in user id
/// order, merged user by user), then with the mapping too, and nothing written. It is the part of the
/// migration that the floor of PostgreSQL's own COPY does not contain, measured on its own.
/// </summary>
internal static class ReadCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var synapseConfig = new Option<FileInfo>("--synapse-config") { Description = "The data set's homeserver.yaml", Required = true, HelpName = "FILE" };
        var masConfig = new Option<FileInfo>("--mas-config") { Description = "The mas.yaml of a run on the data set (WORK/runs/SET-TIME/mas.yaml): the mapper needs its upstream providers", Required = true, HelpName = "FILE" };
        var runs = new Option<int>("--runs") { Description = "Runs; the results are their medians", DefaultValueFactory = _ => 3, HelpName = "R" };
        var command = new Command("read", "Time reading a Synapse database as migrate does (read and merge, then read, merge and map), writing nothing");
        foreach (var option in new Option[] { synapseConfig, masConfig, runs })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var configuration = LoadedConfiguration.Load(new ConfigurationRequest
            {
                SynapseConfigFiles = [parseResult.GetValue(synapseConfig)!.FullName],
                MasConfigFiles = [parseResult.GetValue(masConfig)!.FullName],
            });
            var readSeconds = new List<double>();
            var mapSeconds = new List<double>();
            long rows = 0;
            for (var run = 1; run <= parseResult.GetValue(runs); run++)
            {
                (var seconds, rows) = await TimeAsync(configuration, map: false, cancellationToken);
                readSeconds.Add(seconds);
                (seconds, _) = await TimeAsync(configuration, map: true, cancellationToken);
                mapSeconds.Add(seconds);
                await error.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture, $"run {run}: read and merge {readSeconds[^1]:0.00} s, with the mapping {mapSeconds[^1]:0.00} s"));
            }

            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{rows:N0} Synapse rows: read and merge {Stats.Median(readSeconds, value => value):0.00} s, read, merge and map {Stats.Median(mapSeconds, value => value):0.00} s (medians of {readSeconds.Count})"));
            return 0;
        });
        return command;
    }

    internal static async Task<(double Seconds, long Rows)> TimeAsync(LoadedConfiguration configuration, bool map, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var source = await SynapseSource.OpenAsync(configuration.Synapse.Database, cancellationToken);
        var reader = new SynapseReader(source);
        var mapper = new UserMapper(new MappingContext(
            configuration.Synapse.ServerName, configuration.ProviderMapping, DateTimeOffset.UtcNow, MasIdGenerator.CreateForRun()));
        long rows = 0;
        await foreach (var group in reader.ReadByUserAsync(cancellationToken))
        {
            rows += (group.User is null ? 0 : 1) + group.Threepids.Count + group.ExternalIds.Count
                + group.Devices.Count + group.AccessTokens.Count + group.RefreshTokens.Count;
            if (map)
            {
                mapper.Map(group);
            }
        }

        return (clock.Elapsed.TotalSeconds, rows);
    }
}
