using System.Globalization;
using Npgsql;
using Syn2Mas.Bench.Generation;
using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Bench.Running;

/// <summary>
/// The PostgreSQL server a benchmark runs against, given by <c>--pg</c>. The runner owns a few databases
/// on it, all named <c>syn2mas_bench_*</c>: the MAS database it drops and recreates for every run, and one
/// Synapse database per data set. It drops them with <c>WITH (FORCE)</c>, so point it at a throwaway
/// server, never at one that serves anything.
/// </summary>
internal sealed class BenchServer(PostgresConnectionSettings server)
{
    public const string MasDatabase = "syn2mas_bench_mas";
    private const string ApplicationName = "syn2mas-bench";
    private const string MaintenanceDatabase = "postgres";

    public PostgresConnectionSettings Database(string name) => server.WithDatabase(name);

    public static string SynapseDatabase(ulong seed, long users) =>
        string.Create(CultureInfo.InvariantCulture, $"syn2mas_bench_synapse_s{seed}_u{users}");

    /// <summary>A data source without command timeouts: a rebuild or a COPY of millions of rows may take minutes.</summary>
    public NpgsqlDataSource OpenDataSource(string database)
    {
        var builder = server.WithDatabase(database).ToConnectionStringBuilder(ApplicationName);
        builder.CommandTimeout = 0;
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public async Task<bool> ExistsAsync(string database, CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT 1 FROM pg_database WHERE datname = $1", database, cancellationToken) is not null;

    /// <summary>The database's comment, where the runner marks a data set as completely generated.</summary>
    public async Task<string?> CommentAsync(string database, CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1", database, cancellationToken) as string;

    public Task SetCommentAsync(string database, string comment, CancellationToken cancellationToken) =>
        ExecuteAsync($"COMMENT ON DATABASE {Quote(database)} IS {QuoteLiteral(comment)}", cancellationToken);

    public Task DropAsync(string database, CancellationToken cancellationToken) =>
        ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(database)} WITH (FORCE)", cancellationToken);

    /// <summary>Drops the MAS database and makes it again from the fixtures: schema v1.22 and the upstream providers.</summary>
    public async Task ResetMasAsync(CancellationToken cancellationToken)
    {
        await DropAsync(MasDatabase, cancellationToken);
        await PostgresDatabaseCreator.EnsureCreatedAsync(server.WithDatabase(MasDatabase), cancellationToken);
        await using var dataSource = OpenDataSource(MasDatabase);
        await MasDatabaseLoader.LoadAsync(dataSource, cancellationToken);
    }

    /// <summary>
    /// Writes every dirty buffer out before a timed step, so that no step pays for the writes of the one
    /// before. False when the role may not (CHECKPOINT needs a superuser or pg_checkpoint).
    /// </summary>
    public async Task<bool> CheckpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync("CHECKPOINT", cancellationToken);
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return false;
        }
    }

    /// <summary>The server's version and the settings that decide how fast a bulk load is, for the results.</summary>
    public async Task<IReadOnlyDictionary<string, string>> DescribeAsync(CancellationToken cancellationToken)
    {
        string[] names =
        [
            "server_version", "shared_buffers", "maintenance_work_mem", "work_mem", "max_wal_size", "fsync",
            "synchronous_commit", "full_page_writes", "wal_level", "max_parallel_maintenance_workers",
        ];
        await using var dataSource = OpenDataSource(MaintenanceDatabase);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT name, current_setting(name) FROM unnest($1::text[]) AS s(name)", connection)
        {
            Parameters = { new() { Value = names } },
        };
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            settings[reader.GetString(0)] = reader.GetString(1);
        }

        return settings;
    }

    private async Task<object?> ScalarAsync(string sql, string parameter, CancellationToken cancellationToken)
    {
        await using var dataSource = OpenDataSource(MaintenanceDatabase);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parameter } } };
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var dataSource = OpenDataSource(MaintenanceDatabase);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string QuoteLiteral(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
