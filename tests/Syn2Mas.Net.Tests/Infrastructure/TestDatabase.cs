using Npgsql;
using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Net.Tests.Infrastructure;

/// <summary>A database of its own for one test (or one test class), dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly PostgresServer _server;

    private TestDatabase(PostgresServer server, string name)
    {
        _server = server;
        Name = name;
        // No pool: an idle pooled connection of the test would be another session on the database, which
        // migrate refuses as a running Synapse (synapse-running).
        ConnectionString = new NpgsqlConnectionStringBuilder(server.Admin.ConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public PostgresConnectionSettings Settings => PostgresConnectionSettings.Parse(ConnectionString);

    /// <summary>The database as a <c>postgresql://</c> URI, the form the CLI's <c>--*-database-uri</c> options take.</summary>
    public string Uri
    {
        get
        {
            var admin = _server.Admin;
            return $"postgresql://{System.Uri.EscapeDataString(admin.Username!)}:{System.Uri.EscapeDataString(admin.Password!)}@{admin.Host}:{admin.Port}/{Name}";
        }
    }

    internal static async Task<TestDatabase> CreateAsync(PostgresServer server, string? createOptions = null)
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(server.Admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name} {createOptions}", connection) { CommandTimeout = CheckpointingCommandTimeout };
        await command.ExecuteNonQueryAsync();
        return new TestDatabase(server, name);
    }

    /// <summary>
    /// CREATE and DROP DATABASE each wait for a checkpoint, which on a busy machine can take longer than
    /// Npgsql's default 30 s; a failure there says nothing about the test.
    /// </summary>
    private const int CheckpointingCommandTimeout = 300;

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs a fixture SQL file in one transaction, as one command text.</summary>
    public async Task ExecuteFileAsync(string path)
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(await File.ReadAllTextAsync(path), connection, transaction);
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server.Admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection) { CommandTimeout = CheckpointingCommandTimeout };
        await command.ExecuteNonQueryAsync();
    }
}
