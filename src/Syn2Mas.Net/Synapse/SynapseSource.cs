using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Net.Synapse;

/// <summary>
/// A read-only view of Synapse's database, in either dialect, inside one read transaction so that every
/// query sees the same snapshot. Nothing here can write: SQLite is opened read-only, PostgreSQL runs a
/// <c>READ ONLY</c> transaction that is rolled back on dispose.
/// </summary>
public sealed class SynapseSource : IAsyncDisposable
{
    private SynapseSource(SynapseDialect dialect, DbConnection connection, DbTransaction transaction, string description, SynapseSchemaInfo schema)
    {
        Dialect = dialect;
        Connection = connection;
        Transaction = transaction;
        Description = description;
        Schema = schema;
    }

    public SynapseDialect Dialect { get; }

    /// <summary>The open connection; every command must run in <see cref="Transaction"/>.</summary>
    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    /// <summary>Names the database without secrets, for messages.</summary>
    public string Description { get; }

    public SynapseSchemaInfo Schema { get; }

    public static async Task<SynapseSource> OpenAsync(SynapseDatabase database, CancellationToken cancellationToken = default)
    {
        return database switch
        {
            SynapseSqliteDatabase sqlite => await OpenSqliteAsync(sqlite.Path, cancellationToken),
            SynapsePostgresDatabase postgres => await OpenPostgresAsync(postgres.Connection, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(database)),
        };
    }

    /// <summary>Runs a small query (checks, counts) in the snapshot.</summary>
    public Task<IEnumerable<T>> QueryAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        Connection.QueryAsync<T>(new CommandDefinition(sql, parameters, Transaction, cancellationToken: cancellationToken));

    public Task<T> QuerySingleAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        Connection.QuerySingleAsync<T>(new CommandDefinition(sql, parameters, Transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// The 1-based position of <paramref name="needle"/> in <paramref name="haystack"/>, 0 when absent:
    /// <c>strpos</c> on PostgreSQL, <c>instr</c> on SQLite. (LIKE is avoided: SQLite's ignores ASCII case.)
    /// </summary>
    public string Position(string haystack, string needle) =>
        Dialect == SynapseDialect.Postgres ? $"strpos({haystack}, {needle})" : $"instr({haystack}, {needle})";

    public async ValueTask DisposeAsync()
    {
        await Transaction.RollbackAsync();
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }

    private static async Task<SynapseSource> OpenSqliteAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new DatabaseUnavailableException(
                $"Synapse's SQLite database {path} does not exist; check `database.args.database` in homeserver.yaml or pass --synapse-database-uri.");
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var schema = await ReadSqliteSchemaAsync(connection, transaction, cancellationToken);
            return new SynapseSource(SynapseDialect.Sqlite, connection, transaction, $"SQLite {path}", schema);
        }
        catch (SqliteException exception)
        {
            await connection.DisposeAsync();
            throw new DatabaseUnavailableException($"Cannot read Synapse's SQLite database {path}: {exception.Message.TrimEnd('.')}.", exception);
        }
    }

    private static async Task<SynapseSource> OpenPostgresAsync(PostgresConnectionSettings settings, CancellationToken cancellationToken)
    {
        await using var dataSource = settings.CreateDataSource("syn2mas-net");
        NpgsqlConnection? connection = null;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("SET TRANSACTION READ ONLY", transaction: transaction, cancellationToken: cancellationToken));
            var schema = await ReadPostgresSchemaAsync(connection, transaction, cancellationToken);
            return new SynapseSource(SynapseDialect.Postgres, connection, transaction, $"PostgreSQL {settings}", schema);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            throw new DatabaseUnavailableException(
                $"Cannot read Synapse's PostgreSQL database {settings}: {PostgresErrors.Describe(exception)}.", exception);
        }
    }

    private static async Task<SynapseSchemaInfo> ReadSqliteSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var columns = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var table in SynapseSchemaInfo.RequiredTables.Concat(SynapseSchemaInfo.OptionalTables).Append("schema_version"))
        {
            var names = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT name FROM pragma_table_info(@table)", new { table }, transaction, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
            if (names.Count > 0)
            {
                columns[table] = names;
            }
        }

        return new SynapseSchemaInfo(await ReadVersionAsync(connection, transaction, columns, cancellationToken), columns);
    }

    private static async Task<SynapseSchemaInfo> ReadPostgresSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Table, string Column)>(new CommandDefinition(
            """
            SELECT c.relname, a.attname
            FROM pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
            WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
              AND c.relnamespace = to_regnamespace(current_schema())
              AND c.relname = ANY (@tables)
            """,
            new { tables = SynapseSchemaInfo.RequiredTables.Concat(SynapseSchemaInfo.OptionalTables).Append("schema_version").ToArray() },
            transaction,
            cancellationToken: cancellationToken));
        var columns = rows.GroupBy(row => row.Table, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (IReadOnlySet<string>)group.Select(row => row.Column).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        return new SynapseSchemaInfo(await ReadVersionAsync(connection, transaction, columns, cancellationToken), columns);
    }

    private static async Task<int?> ReadVersionAsync(
        DbConnection connection, DbTransaction transaction, Dictionary<string, IReadOnlySet<string>> columns, CancellationToken cancellationToken)
    {
        if (!columns.ContainsKey("schema_version"))
        {
            return null;
        }

        columns.Remove("schema_version");
        return await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            "SELECT max(version) FROM schema_version", transaction: transaction, cancellationToken: cancellationToken));
    }
}
