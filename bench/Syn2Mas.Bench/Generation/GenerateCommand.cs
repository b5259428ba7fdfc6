using System.CommandLine;

namespace Syn2Mas.Bench.Generation;

/// <summary><c>generate</c>: a deterministic Synapse database of a given size, with its configuration files.</summary>
internal static class GenerateCommand
{
    /// <summary>Far above the benchmark's 5M; keeps every per-user number (phone numbers, bridge ids) inside its range.</summary>
    private const long MaxUsers = 100_000_000;

    public static Command Build(TextWriter output, TextWriter error)
    {
        var users = new Option<long>("--users")
        {
            Description = "How many users to generate; the other tables follow the profile in bench/README.md",
            Required = true,
            HelpName = "N",
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the data: the same seed and user count give byte-identical data",
            DefaultValueFactory = _ => 1,
            HelpName = "S",
        };
        var source = new Option<string>("--source")
        {
            Description = "Database engine of the generated Synapse database",
            Required = true,
        };
        source.AcceptOnlyFromAmong("sqlite", "postgres");
        var outFolder = new Option<DirectoryInfo?>("--out")
        {
            Description = "Folder for homeserver.db (sqlite), homeserver.yaml and, with --mas-db, mas.yaml; required for sqlite",
            HelpName = "DIR",
        };
        var synapseDb = new Option<string?>("--synapse-db")
        {
            Description = "The existing, empty PostgreSQL database to fill (Host=…;Port=…;Username=…;Password=…;Database=… or a postgresql:// URI); required for postgres",
            HelpName = "CONNSTRING",
        };
        var masDb = new Option<string?>("--mas-db")
        {
            Description = "An existing, empty PostgreSQL database to load the MAS schema (v1.22) and upstream providers into",
            HelpName = "CONNSTRING",
        };
        var sampleProblems = new Option<bool>("--sample-problems")
        {
            Description = "Add a few bad rows for demonstrating the advisor (an orphan device, a user on another server, a user without creation time, an oauth-delegated external id)",
        };

        var command = new Command("generate", "Write a deterministic Synapse database (users, threepids, external ids, devices, tokens) for benchmarks and demos");
        foreach (var option in new Option[] { users, seed, source, outFolder, synapseDb, masDb, sampleProblems })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            var count = result.GetValue(users);
            if (count is < 1 or > MaxUsers)
            {
                result.AddError($"--users must be between 1 and {MaxUsers:N0}.");
            }

            var isSqlite = result.GetValue(source) == "sqlite";
            if (isSqlite && result.GetValue(outFolder) is null)
            {
                result.AddError("--source sqlite needs --out DIR for homeserver.db.");
            }

            if (isSqlite && result.GetValue(synapseDb) is not null)
            {
                result.AddError("--synapse-db is for --source postgres; SQLite writes DIR/homeserver.db.");
            }

            if (result.GetValue(source) == "postgres" && result.GetValue(synapseDb) is null)
            {
                result.AddError("--source postgres needs --synapse-db CONNSTRING.");
            }
        });

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = new GenerateSettings(
                Users: parseResult.GetValue(users),
                Seed: parseResult.GetValue(seed),
                Source: parseResult.GetValue(source) == "sqlite" ? SourceKind.Sqlite : SourceKind.Postgres,
                Out: parseResult.GetValue(outFolder),
                SynapseDatabase: parseResult.GetValue(synapseDb),
                MasDatabase: parseResult.GetValue(masDb),
                SampleProblems: parseResult.GetValue(sampleProblems));
            await GenerateRun.RunAsync(settings, output, error, cancellationToken);
            return 0;
        });
        return command;
    }
}
