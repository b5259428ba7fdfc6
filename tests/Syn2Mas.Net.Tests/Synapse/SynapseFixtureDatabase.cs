using Npgsql;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Synapse;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Synapse;

/// <summary>
/// A Synapse database built for one test from a schema fixture plus the test's SQL, in either dialect, that
/// the test may open several times.
/// </summary>
public sealed class SynapseFixtureDatabase : IAsyncDisposable
{
    private readonly Func<string, Task> _execute;
    private readonly Func<Task<string>> _fingerprint;
    private readonly Func<ValueTask> _drop;

    private SynapseFixtureDatabase(SynapseDatabase database, Func<string, Task> execute, Func<Task<string>> fingerprint, Func<ValueTask> drop)
    {
        Database = database;
        _execute = execute;
        _fingerprint = fingerprint;
        _drop = drop;
    }

    public SynapseDatabase Database { get; }

    /// <summary>
    /// A PostgreSQL database created with <paramref name="createOptions"/> (by default the C collation, as
    /// Synapse requires; "" for the server's default).
    /// </summary>
    public static async Task<SynapseFixtureDatabase> CreatePostgresAsync(string? sql, int schema = 94, string createOptions = PostgresServer.SynapseCollation)
    {
        var database = await PostgresServer.CreateDatabaseAsync(RepoPaths.Fixture("synapse", "postgres", $"schema-{schema}.sql"), createOptions);
        try
        {
            async Task ExecuteAsync(string text)
            {
                await using var connection = await database.OpenAsync();
                await using var command = new NpgsqlCommand(text, connection);
                await command.ExecuteNonQueryAsync();
            }

            if (!string.IsNullOrWhiteSpace(sql))
            {
                await ExecuteAsync(sql);
            }

            return new SynapseFixtureDatabase(
                new SynapsePostgresDatabase(database.Settings), ExecuteAsync, () => DatabaseFingerprint.OfPostgresAsync(database), database.DisposeAsync);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public static SynapseFixtureDatabase CreateSqlite(string? sql, int schema = 94)
    {
        var database = SqliteTestDatabase.Create(RepoPaths.Fixture("synapse", "sqlite", $"schema-{schema}.sql"));
        try
        {
            if (!string.IsNullOrWhiteSpace(sql))
            {
                database.Execute(sql);
            }

            return new SynapseFixtureDatabase(
                new SynapseSqliteDatabase(database.Path),
                more =>
                {
                    database.Execute(more);
                    return Task.CompletedTask;
                },
                () => Task.FromResult(DatabaseFingerprint.OfSqlite(database)),
                () =>
                {
                    database.Dispose();
                    return ValueTask.CompletedTask;
                });
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>A connection of its own to a PostgreSQL database, as Synapse would hold one.</summary>
    public async Task<NpgsqlConnection> ConnectPostgresAsync()
    {
        var connection = new NpgsqlConnection(((SynapsePostgresDatabase)Database).Connection.ToConnectionStringBuilder("synapse-stand-in").ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    internal Task<SynapseSource> OpenAsync(SynapseLockMode lockMode = SynapseLockMode.None) => SynapseSource.OpenAsync(Database, lockMode);

    /// <summary>Runs SQL on a connection of its own (read-write, committed), outside any source.</summary>
    public Task ExecuteAsync(string sql) => _execute(sql);

    /// <summary>A digest of the whole database, schema and rows (<see cref="Infrastructure.DatabaseFingerprint"/>).</summary>
    public Task<string> FingerprintAsync() => _fingerprint();

    public ValueTask DisposeAsync() => _drop();
}
