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
    /// <summary>SQLite's result code for a file it cannot open, here: cannot create the <c>-shm</c> file beside it.</summary>
    private const int SqliteCantOpen = 14;

    private CancellationTokenRegistration _interrupt;
    private bool _released;

    private SynapseSource(
        SynapseDialect dialect,
        DbConnection connection,
        DbTransaction transaction,
        string description,
        SynapseSchemaInfo schema,
        bool sortsTextByCodePoint,
        bool openedImmutable)
    {
        Dialect = dialect;
        Connection = connection;
        Transaction = transaction;
        Description = description;
        Schema = schema;
        SortsTextByCodePoint = sortsTextByCodePoint;
        OpenedImmutable = openedImmutable;
    }

    public SynapseDialect Dialect { get; }

    /// <summary>The open connection; every command must run in <see cref="Transaction"/>.</summary>
    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    /// <summary>Names the database without secrets, for messages.</summary>
    public string Description { get; }

    public SynapseSchemaInfo Schema { get; }

    /// <summary>
    /// True when SQLite could not be opened the usual way because its folder is read-only, and was opened
    /// with <c>immutable=1</c> instead: SQLite then takes no locks and does not notice writes, so the data
    /// is only consistent if Synapse is stopped. The caller should say so.
    /// </summary>
    public bool OpenedImmutable { get; }

    /// <summary>
    /// True when the database's own text order is code point order (SQLite's BINARY collation, a PostgreSQL
    /// database created with the C collation as Synapse requires), so ORDER BY needs no COLLATE clause and
    /// Synapse's indexes serve it. PostgreSQL matches an index to an ORDER BY only with the same collation,
    /// and <c>COLLATE "C"</c> is not the same collation as the default, even in a C database.
    /// </summary>
    internal bool SortsTextByCodePoint { get; }

    /// <summary>Opens the database for the advisor, without table locks.</summary>
    public static Task<SynapseSource> OpenAsync(SynapseDatabase database, CancellationToken cancellationToken = default) =>
        OpenAsync(database, SynapseLockMode.None, cancellationToken);

    /// <summary>
    /// Opens the database with the table locks of <paramref name="lockMode"/> (PostgreSQL only), taken before
    /// the snapshot starts. <see cref="SynapseLockMode.Exclusive"/> fails at once with a
    /// <see cref="DatabaseUnavailableException"/> while Synapse still uses the tables.
    /// </summary>
    public static async Task<SynapseSource> OpenAsync(SynapseDatabase database, SynapseLockMode lockMode, CancellationToken cancellationToken = default)
    {
        return database switch
        {
            SynapseSqliteDatabase sqlite => await OpenSqliteAsync(sqlite.Path, cancellationToken),
            SynapsePostgresDatabase postgres => await OpenPostgresAsync(postgres.Connection, lockMode, cancellationToken),
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

    /// <summary>
    /// Ends the snapshot and closes the connection, as soon as everything is read: Synapse's locks and
    /// connection are then not held through the copies and the rebuild, where an idle timeout on Synapse's
    /// side could otherwise end them, and a connection that failed while reading is reported here, before
    /// MAS commits anything.
    /// </summary>
    /// <exception cref="DatabaseUnavailableException">The connection failed; the message names the database.</exception>
    public async Task ReleaseAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        await _interrupt.DisposeAsync();
        try
        {
            await Transaction.RollbackAsync();
        }
        catch (Exception exception) when (SynapseConnectionLost.IsDatabaseFailure(exception))
        {
            throw SynapseConnectionLost.Describe(this, "closing the snapshot of", exception);
        }
        finally
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ReleaseAsync();
        }
        catch (DatabaseUnavailableException)
        {
            // Disposed on the way out of a failure: that failure is the one worth reporting, and the
            // server ends a read-only transaction with its connection anyway.
        }
    }

    private static async Task<SynapseSource> OpenSqliteAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new DatabaseUnavailableException(
                $"Synapse's SQLite database {path} does not exist; check `database.args.database` in homeserver.yaml or pass --synapse-database-uri.");
        }

        SqliteException failure;
        try
        {
            return await OpenSqliteAsync(path, immutable: false, cancellationToken);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteCantOpen)
        {
            failure = exception;
        }
        catch (SqliteException exception)
        {
            throw Unreadable(path, exception);
        }

        // Synapse leaves its file in WAL mode, and a read-only connection to a WAL file still needs the
        // -shm file, which SQLite cannot create in a read-only folder (a read-only container mount).
        // immutable=1 reads the file without it, but also without the -wal file: changes still waiting
        // there would silently be missed, so that case is refused rather than read wrong.
        if (new FileInfo(path + "-wal") is { Exists: true, Length: > 0 })
        {
            throw new DatabaseUnavailableException(
                $"Cannot read Synapse's SQLite database {path}: SQLite cannot create {Path.GetFileName(path)}-shm in its folder, and {Path.GetFileName(path)}-wal holds changes not yet written into the database file; stop Synapse so that it writes them, or make the folder writable.",
                failure);
        }

        try
        {
            return await OpenSqliteAsync(path, immutable: true, cancellationToken);
        }
        catch (SqliteException)
        {
            // Not the folder after all (an unreadable file, say): the first error says what is wrong.
            throw Unreadable(path, failure);
        }
    }

    /// <summary>SQLite's sorter helper threads: one per core beyond the first, at most four.</summary>
    private static int SorterThreads => Math.Clamp(Environment.ProcessorCount - 1, 1, 4);

    private static async Task<SynapseSource> OpenSqliteAsync(string path, bool immutable, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = immutable ? SqliteFileUri.Immutable(path) : path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var threads = connection.CreateCommand())
            {
                // The tables are read through and sorted (SynapseSql.ReadWhole); helper threads let SQLite
                // sort on the other cores while this one reads. Each holds a small buffer of its own.
                threads.CommandText = $"PRAGMA threads = {SorterThreads}";
                await threads.ExecuteNonQueryAsync(cancellationToken);
            }

            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var schema = await ReadSqliteSchemaAsync(connection, transaction, cancellationToken);
            return new SynapseSource(SynapseDialect.Sqlite, connection, transaction, $"SQLite {path}", schema, sortsTextByCodePoint: true, immutable)
            {
                // SQLite runs a statement to its end without looking at a cancellation token, and its sorts
                // of a large table take minutes: an interrupt stops the statement at its next step.
                _interrupt = cancellationToken.Register(() => SQLitePCL.raw.sqlite3_interrupt(connection.Handle)),
            };
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static DatabaseUnavailableException Unreadable(string path, SqliteException exception) =>
        new($"Cannot read Synapse's SQLite database {path}: {exception.Message.TrimEnd('.')}.", exception);

    private static async Task<SynapseSource> OpenPostgresAsync(PostgresConnectionSettings settings, SynapseLockMode lockMode, CancellationToken cancellationToken)
    {
        // No limit per statement: exact counts and the checks' scans of a large Synapse take minutes, and an
        // ORDER BY cursor sorts before its first row; waits for Synapse's locks are bounded by NOWAIT instead.
        await using var dataSource = settings.CreateDataSource("syn2mas-net", commandTimeout: TimeSpan.Zero);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken);

            // Outside the transaction, so that this look-up does not start the snapshot before the locks are
            // held. A table that is missing cannot be locked; the checks report it.
            var lockedTables = lockMode == SynapseLockMode.None ? [] : await ExistingTablesAsync(connection, cancellationToken);

            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

            // LOCK and SET TRANSACTION take no snapshot: the first query after them does, so the snapshot
            // holds everything committed before the locks were granted. EXCLUSIVE is refused in a READ ONLY
            // transaction, hence the lock first; going read-only later is always allowed.
            if (lockedTables.Count > 0)
            {
                var mode = lockMode == SynapseLockMode.Exclusive ? "EXCLUSIVE MODE NOWAIT" : "ACCESS SHARE MODE";
                await connection.ExecuteAsync(new CommandDefinition(
                    $"LOCK TABLE {string.Join(", ", lockedTables)} IN {mode}", transaction: transaction, cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(new CommandDefinition("SET TRANSACTION READ ONLY", transaction: transaction, cancellationToken: cancellationToken));
            var schema = await ReadPostgresSchemaAsync(connection, transaction, cancellationToken);
            var codePointOrder = await connection.QuerySingleAsync<bool>(new CommandDefinition(
                """
                SELECT d.datcollate IN ('C', 'POSIX') AND coalesce(to_jsonb(d) ->> 'datlocprovider', 'c') = 'c'
                FROM pg_catalog.pg_database AS d WHERE d.datname = current_database()
                """,
                transaction: transaction,
                cancellationToken: cancellationToken));
            return new SynapseSource(SynapseDialect.Postgres, connection, transaction, $"PostgreSQL {settings}", schema, codePointOrder, openedImmutable: false);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            if (exception is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable })
            {
                throw new DatabaseUnavailableException(
                    $"Synapse is still using its database {settings}: stop Synapse (and its workers) before migrating, or use --dry-run.", exception);
            }

            throw new DatabaseUnavailableException(
                $"Cannot read Synapse's PostgreSQL database {settings}: {PostgresErrors.Describe(exception)}.", exception);
        }
    }

    private static async Task<IReadOnlyList<string>> ExistingTablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var tables = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT t FROM unnest(@tables) WITH ORDINALITY AS r(t, n) WHERE to_regclass(quote_ident(t)) IS NOT NULL ORDER BY n",
            new { tables = SynapseSchemaInfo.RequiredTables.ToArray() },
            cancellationToken: cancellationToken));
        return tables.ToList();
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
