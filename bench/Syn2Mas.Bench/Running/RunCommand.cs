using System.CommandLine;
using System.Globalization;
using Syn2Mas.Bench.Generation;

namespace Syn2Mas.Bench.Running;

/// <summary><c>run</c>: measures the real CLI on a generated data set against the floor of PostgreSQL's own COPY.</summary>
internal static class RunCommand
{
    private const long MaxUsers = 100_000_000;
    private const string PostgresVariable = "SYN2MAS_BENCH_PG";

    public static Command Build(TextWriter output, TextWriter error)
    {
        var users = new Option<long>("--users") { Description = "Users in the data set (generated once, then reused)", Required = true, HelpName = "N" };
        var source = new Option<string>("--source") { Description = "Engine of the Synapse database", Required = true };
        source.AcceptOnlyFromAmong("sqlite", "postgres");
        var runs = new Option<int>("--runs") { Description = "Runs of advisor, migration and floor; the results are their medians", DefaultValueFactory = _ => 3, HelpName = "R" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the data set", DefaultValueFactory = _ => 1, HelpName = "S" };
        var postgres = new Option<string?>("--pg")
        {
            Description = $"A throwaway PostgreSQL server for MAS and a PostgreSQL Synapse, as a superuser (Host=…;Port=…;Username=…;Password=… or a postgresql:// URI); default ${PostgresVariable}. Its syn2mas_bench_* databases are dropped and recreated at will",
            HelpName = "CONNSTRING",
        };
        var work = new Option<DirectoryInfo>("--work")
        {
            Description = "Folder for the cached data sets, the per-run logs and reports, and the floor's files",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Path.GetTempPath(), "syn2mas-bench")),
            HelpName = "DIR",
        };
        var results = new Option<FileInfo?>("--results")
        {
            Description = "The results JSON (the markdown goes next to it as .md); default bench/results/SOURCE-USERS-TIME.json",
            HelpName = "FILE.json",
        };
        var cli = new Option<FileInfo?>("--cli")
        {
            Description = "The syn2mas-net.dll to measure; default the one built in the same configuration as this benchmark",
            HelpName = "PATH",
        };
        var regenerate = new Option<bool>("--regenerate") { Description = "Generate the data set again even if a complete one is cached" };
        var format = new Option<string>("--format") { Description = "What goes to stdout; both are always written to the results files", DefaultValueFactory = _ => "markdown" };
        format.AcceptOnlyFromAmong("markdown", "json");

        var command = new Command("run", "Measure syn2mas-net migrate and advisor on a generated data set, next to the floor of PostgreSQL's own COPY of the same rows");
        foreach (var option in new Option[] { users, source, runs, seed, postgres, work, results, cli, regenerate, format })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetValue(users) is < 1 or > MaxUsers)
            {
                result.AddError($"--users must be between 1 and {MaxUsers:N0}.");
            }

            if (result.GetValue(runs) is < 1 or > 100)
            {
                result.AddError("--runs must be between 1 and 100.");
            }

            if (result.GetValue(postgres) is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresVariable)))
            {
                result.AddError($"--pg CONNSTRING (or {PostgresVariable}) is required: MAS is always a PostgreSQL database.");
            }
        });

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var sourceKind = parseResult.GetValue(source) == "sqlite" ? SourceKind.Sqlite : SourceKind.Postgres;
            var userCount = parseResult.GetValue(users);
            var started = DateTimeOffset.UtcNow;
            var stamp = started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var settings = new RunSettings(
                userCount,
                parseResult.GetValue(seed),
                sourceKind,
                parseResult.GetValue(runs),
                parseResult.GetValue(postgres) ?? Environment.GetEnvironmentVariable(PostgresVariable)!,
                parseResult.GetValue(work)!,
                parseResult.GetValue(results) ?? new FileInfo(Path.Combine(
                    RepositoryPaths.Root, "bench", "results", string.Create(CultureInfo.InvariantCulture, $"{sourceKind.ToString().ToLowerInvariant()}-{userCount}-{stamp}.json"))),
                parseResult.GetValue(cli) ?? DefaultCli(),
                parseResult.GetValue(regenerate),
                parseResult.GetValue(format) == "json",
                started);
            await BenchmarkRunner.RunAsync(settings, CommandLine(parseResult), output, error, cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>src/Syn2Mas.Cli/bin/CONFIGURATION/TFM/syn2mas-net.dll, with this program's own configuration and framework.</summary>
    internal static FileInfo DefaultCli()
    {
        var benchProject = Path.Combine(RepositoryPaths.Root, "bench", "Syn2Mas.Bench");
        var outputFolder = Path.GetRelativePath(benchProject, AppContext.BaseDirectory);
        return new FileInfo(Path.Combine(RepositoryPaths.Root, "src", "Syn2Mas.Cli", outputFolder, "syn2mas-net.dll"));
    }

    /// <summary>The command as typed, with the connection string (and its password) left out.</summary>
    private static string CommandLine(ParseResult parseResult)
    {
        var tokens = parseResult.Tokens.Select(token => token.Value).ToList();
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            if (tokens[i] == "--pg")
            {
                tokens[i + 1] = "CONNSTRING";
            }
        }

        return "dotnet run -c Release --project bench/Syn2Mas.Bench -- " + string.Join(' ', tokens);
    }
}
