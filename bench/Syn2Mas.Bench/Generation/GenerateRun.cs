using System.Globalization;
using Npgsql;
using Syn2Mas.Bench.Data;
using Syn2Mas.Bench.Sinks;
using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Bench.Generation;

/// <summary>One run of <c>generate</c>: prepares the databases, streams the users into them, finishes them and writes the configs.</summary>
internal static class GenerateRun
{
    private const string ApplicationName = "syn2mas-bench";
    private const string SqliteFile = "homeserver.db";

    public static async Task RunAsync(GenerateSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var progress = new ProgressReporter(error, settings.Users);
        var synapseSettings = settings.SynapseDatabase is null ? null : ParseConnection(settings.SynapseDatabase, "--synapse-db");
        var masSettings = settings.MasDatabase is null ? null : ParseConnection(settings.MasDatabase, "--mas-db");
        settings.Out?.Create();
        foreach (var database in new[] { masSettings, synapseSettings }.OfType<PostgresConnectionSettings>())
        {
            await PostgresDatabaseCreator.EnsureCreatedAsync(database, cancellationToken);
        }

        // The MAS side is quick and fails on a non-empty database: do it first, before minutes of generation.
        if (masSettings is not null)
        {
            progress.Phase("loading the MAS schema and providers");
            await using var masSource = masSettings.CreateDataSource(ApplicationName);
            await MasDatabaseLoader.LoadAsync(masSource, cancellationToken);
        }

        progress.Phase("loading the Synapse schema");
        var schema = await File.ReadAllTextAsync(
            RepositoryPaths.Fixture("synapse", settings.Source == SourceKind.Sqlite ? "sqlite" : "postgres", "schema-94.sql"), cancellationToken);
        NpgsqlDataSource? synapseSource = null;
        string? sqlitePath = null;
        var createdSqlite = false;
        try
        {
            ISynapseLoad load;
            if (settings.Source == SourceKind.Sqlite)
            {
                sqlitePath = Path.Combine(settings.Out!.FullName, SqliteFile);
                load = await SqliteSynapseSink.CreateAsync(sqlitePath, schema, cancellationToken);
                createdSqlite = true;
            }
            else
            {
                synapseSource = synapseSettings!.CreateDataSource(ApplicationName);
                load = await PostgresSynapseSink.CreateAsync(synapseSource, schema, cancellationToken);
            }

            await using (load)
            {
                var counts = new TableCounts(load);
                var generator = new SynapseDataGenerator(settings.Seed, settings.Users);
                progress.Phase($"generating {settings.Users:N0} users (seed {settings.Seed})");
                for (var block = 0L; block < generator.BlockCount; block++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    generator.WriteBlock(block, counts);
                    progress.Rows(Math.Min((block + 1) * DataProfile.BlockSize, settings.Users), counts.Total);
                }

                progress.Rows(settings.Users, counts.Total, force: true);
                if (settings.SampleProblems)
                {
                    SampleProblems.Write(counts);
                }

                await load.CompleteAsync(progress.Phase, cancellationToken);
                progress.EndPhase();
                await WriteConfigsAsync(settings, synapseSettings, masSettings, cancellationToken);
                var seconds = progress.Elapsed.TotalSeconds;
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"generated {settings.Source.ToString().ToLowerInvariant()} seed {settings.Seed}: {counts}; {counts.Total:N0} rows in {seconds:F1} s ({counts.Total / seconds:N0} rows/s)"));
            }
        }
        catch when (createdSqlite)
        {
            // A half-written file would only be refused by the next run; nobody can use it.
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(sqlitePath + suffix);
            }

            throw;
        }
        finally
        {
            if (synapseSource is not null)
            {
                await synapseSource.DisposeAsync();
            }
        }
    }

    private static async Task WriteConfigsAsync(
        GenerateSettings settings, PostgresConnectionSettings? synapse, PostgresConnectionSettings? mas, CancellationToken cancellationToken)
    {
        if (settings.Out is not { } folder)
        {
            return;
        }

        if (synapse is null)
        {
            await ConfigFileWriter.WriteHomeserverForSqliteAsync(folder, SqliteFile, cancellationToken);
        }
        else
        {
            await ConfigFileWriter.WriteHomeserverForPostgresAsync(folder, synapse, cancellationToken);
        }

        if (mas is not null)
        {
            await ConfigFileWriter.WriteMasAsync(folder, mas, cancellationToken);
        }
    }

    private static PostgresConnectionSettings ParseConnection(string value, string option)
    {
        try
        {
            var parsed = PostgresConnectionSettings.Parse(value);
            return parsed.Database is null
                ? throw new GeneratorException($"{option} names no database; add Database=… (the database must exist and be empty).")
                : parsed;
        }
        catch (ConfigurationException exception)
        {
            throw new GeneratorException($"{option}: {exception.Message}", exception);
        }
    }
}
