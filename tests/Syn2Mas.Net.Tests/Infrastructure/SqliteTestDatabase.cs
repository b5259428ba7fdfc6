using Microsoft.Data.Sqlite;

namespace Syn2Mas.Net.Tests.Infrastructure;

/// <summary>A Synapse-like SQLite file (WAL mode, as Synapse leaves it) in a temp folder of its own.</summary>
public sealed class SqliteTestDatabase : IDisposable
{
    private readonly TempFolder _folder = new();

    private SqliteTestDatabase()
    {
        Path = _folder.File("homeserver.db");
    }

    public string Path { get; }

    public string Folder => _folder.Path;

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();

    public static SqliteTestDatabase Create(string? schemaFile = null)
    {
        var database = new SqliteTestDatabase();
        using var connection = database.Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL";
            wal.ExecuteNonQuery();
        }

        if (schemaFile is not null)
        {
            Execute(connection, File.ReadAllText(schemaFile));
        }

        return database;
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public void Execute(string sql)
    {
        using var connection = Open();
        Execute(connection, sql);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
        transaction.Commit();
    }
}
