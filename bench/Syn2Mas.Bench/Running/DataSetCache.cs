using System.Diagnostics;
using Syn2Mas.Bench.Generation;

namespace Syn2Mas.Bench.Running;

/// <summary>
/// Generates a data set once and reuses it, keyed by source, seed and user count. A set counts as made
/// only once the generator finished: SQLite gets a marker file next to <c>homeserver.db</c>, PostgreSQL a
/// comment on its database; anything without the mark is a half-made leftover and is made again. The
/// configuration files are always rewritten, since the server's address may have changed.
/// </summary>
internal static class DataSetCache
{
    private const string MarkerFile = "complete";
    private const string CommentPrefix = "syn2mas-bench data set, complete: ";

    public static Task<DataSet> EnsureAsync(RunSettings settings, BenchServer server, TextWriter log, CancellationToken cancellationToken) =>
        settings.Source == SourceKind.Sqlite
            ? EnsureSqliteAsync(settings, log, cancellationToken)
            : EnsurePostgresAsync(settings, server, log, cancellationToken);

    private static string Key(RunSettings settings) => $"{settings.Source.ToString().ToLowerInvariant()}-seed{settings.Seed}-users{settings.Users}";

    private static async Task<DataSet> EnsureSqliteAsync(RunSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var key = Key(settings);
        var folder = new DirectoryInfo(Path.Combine(settings.Work.FullName, "data", key));
        var database = Path.Combine(folder.FullName, "homeserver.db");
        var marker = Path.Combine(folder.FullName, MarkerFile);
        var config = Path.Combine(folder.FullName, ConfigFileWriter.HomeserverFile);
        if (!settings.Regenerate && File.Exists(marker) && File.Exists(database))
        {
            await log.WriteLineAsync($"data set {key}: reusing {database}");
            await ConfigFileWriter.WriteHomeserverForSqliteAsync(folder, "homeserver.db", cancellationToken);
            return new DataSet(key, config, database, (await File.ReadAllTextAsync(marker, cancellationToken)).Trim(), Reused: true, 0);
        }

        if (folder.Exists)
        {
            folder.Delete(recursive: true);
        }

        await log.WriteLineAsync($"data set {key}: generating into {folder.FullName}");
        var (summary, seconds) = await GenerateAsync(
            new GenerateSettings(settings.Users, settings.Seed, SourceKind.Sqlite, folder, SynapseDatabase: null, MasDatabase: null, SampleProblems: false),
            log,
            cancellationToken);
        await File.WriteAllTextAsync(marker, summary + "\n", cancellationToken);
        return new DataSet(key, config, database, summary, Reused: false, seconds);
    }

    private static async Task<DataSet> EnsurePostgresAsync(RunSettings settings, BenchServer server, TextWriter log, CancellationToken cancellationToken)
    {
        var key = Key(settings);
        var folder = new DirectoryInfo(Path.Combine(settings.Work.FullName, "data", key));
        folder.Create();
        var config = Path.Combine(folder.FullName, ConfigFileWriter.HomeserverFile);
        var name = BenchServer.SynapseDatabase(settings.Seed, settings.Users);
        var connection = server.Database(name);
        var comment = await server.CommentAsync(name, cancellationToken);
        if (!settings.Regenerate && comment is not null && comment.StartsWith(CommentPrefix, StringComparison.Ordinal))
        {
            await log.WriteLineAsync($"data set {key}: reusing database {name}");
            await ConfigFileWriter.WriteHomeserverForPostgresAsync(folder, connection, cancellationToken);
            return new DataSet(key, config, connection.ToString(), comment[CommentPrefix.Length..], Reused: true, 0);
        }

        await server.DropAsync(name, cancellationToken);
        await log.WriteLineAsync($"data set {key}: generating into database {name}");
        var (summary, seconds) = await GenerateAsync(
            new GenerateSettings(
                settings.Users,
                settings.Seed,
                SourceKind.Postgres,
                folder,
                SynapseDatabase: connection.ToConnectionStringBuilder("syn2mas-bench").ConnectionString,
                MasDatabase: null,
                SampleProblems: false),
            log,
            cancellationToken);
        await server.SetCommentAsync(name, CommentPrefix + summary, cancellationToken);
        return new DataSet(key, config, connection.ToString(), summary, Reused: false, seconds);
    }

    /// <summary>Runs the generator in this process; its progress and summary go to the log, not to the results on stdout.</summary>
    private static async Task<(string Summary, double Seconds)> GenerateAsync(GenerateSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        using var summary = new StringWriter();
        var clock = Stopwatch.StartNew();
        await GenerateRun.RunAsync(settings, summary, log, cancellationToken);
        var line = summary.ToString().Trim();
        await log.WriteLineAsync(line);
        return (line, clock.Elapsed.TotalSeconds);
    }
}
