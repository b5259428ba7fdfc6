using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Databases;

namespace Syn2Mas.Net.Synapse;

/// <summary>
/// A read-only view of Synapse's database, in either dialect, inside one read transaction so that every
/// query sees the same snapshot. Nothing here can write: SQLite is opened read-only, PostgreSQL runs a
/// <c>READ ONLY</c> transaction that is rolled back on dispose.
/// </summary>
internal sealed class SynapseSource : IAsyncDisposable
{
    /// <summary>SQLite's result code for a file it cannot open, here: cannot create the <c>-shm</c> file beside it.</summary>
    private const int SqliteCantOpen = 14;

    /// <summary>SQLite's result code for a write it may not make, here: to the <c>-shm</c> file of a folder it may not write.</summary>
    private const int SqliteReadOnly = 8;

    /// <summary>
    /// <c>SQLITE_READONLY_ROLLBACK</c>: a hot journal, left by a write that was killed, must be rolled back
    /// before anything is read, and a read-only connection cannot. No fallback may read past it.
    /// </summary>
    private const int SqliteReadOnlyRollback = SqliteReadOnly | (3 << 8);

    /// <summary>How long a real run waits for its EXCLUSIVE locks on Synapse's tables before saying Synapse still uses them.</summary>
    private static readonly TimeSpan ExclusiveLockWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long closing sessions are given to leave <c>pg_stat_activity</c>: a client that has just
    /// disconnected (this tool's own earlier connection, a script's) is listed until its server process
    /// has ended, a moment later.
    /// </summary>
    private static readonly TimeSpan ClosingSessionsGrace = TimeSpan.FromSeconds(1);

    private CancellationTokenRegistration _interrupt;
    private bool _released;

    private SynapseSource(
        SynapseDatabase database,
        SynapseDialect dialect,
        DbConnection connection,
        DbTransaction transaction,
        string description,
        SynapseSchemaInfo schema,
        bool sortsTextByCodePoint,
        bool openedImmutable,
        SynapseClients otherClients)
    {
        Database = database;
        Dialect = dialect;
        Connection = connection;
        Transaction = transaction;
        Description = description;
        Schema = schema;
        SortsTextByCodePoint = sortsTextByCodePoint;
        OpenedImmutable = openedImmutable;
        OtherClients = otherClients;
    }

    /// <summary>Where the database is, as configured.</summary>
    public SynapseDatabase Database { get; }

    public SynapseDialect Dialect { get; }

    /// <summary>
    /// The open connection; every command must run in <see cref="Transaction"/>. Only this namespace's
    /// readers and queries use it, each with commands of its own.
    /// </summary>
    internal DbConnection Connection { get; }

    internal DbTransaction Transaction { get; }

    /// <summary>Names the database without secrets, for messages.</summary>
    public string Description { get; }

    public SynapseSchemaInfo Schema { get; }

    /// <summary>
    /// rule: snapshot-time. "Now" for the whole run, taken once the snapshot is open (UTC, whole milliseconds as Synapse stores
    /// its times): the checks and the migration judge every expiry against this one instant, so that they
    /// agree on which tokens Synapse would still accept.
    /// </summary>
    public DateTimeOffset SnapshotTime { get; private init; } = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>
    /// True when SQLite could not be opened the usual way because its folder is read-only, and was opened
    /// with <c>immutable=1</c> instead: SQLite then takes no locks and does not notice writes, so the data
    /// is only consistent if Synapse is stopped. The caller should say so.
    /// </summary>
    public bool OpenedImmutable { get; }

    /// <summary>
    /// Who else had the database open just before this source opened it: Synapse, a worker, an admin's
    /// shell. See <see cref="SqliteFileHolders"/> for what can and cannot be seen of a SQLite file.
    /// </summary>
    public SynapseClients OtherClients { get; }

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
            SynapseSqliteDatabase sqlite => await OpenSqliteAsync(sqlite.Path, SqliteHolders(sqlite.Path), cancellationToken),
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
    /// rule: checks-beside-the-copy. Opens a second connection that reads exactly this source's snapshot, so that two readers can work on
    /// the same data side by side (the data checks while the rows are copied). It takes no lock of its own:
    /// this source's locks cover it for as long as this source is open.
    /// </summary>
    /// <remarks>
    /// PostgreSQL exports the snapshot to the new transaction. SQLite in WAL mode opens the same snapshot
    /// through <c>sqlite3_snapshot_open</c>; in rollback-journal mode this source's read transaction holds
    /// the SHARED lock that stops every commit, and an immutable file never changes, so a plain read
    /// transaction sees the same rows.
    /// </remarks>
    /// <returns>Null when SQLite cannot give the second connection the same snapshot: Synapse (or someone)
    /// committed since this source began reading, and the snapshot is not one SQLite can hand over.</returns>
    /// <exception cref="DatabaseUnavailableException">The second connection could not be opened.</exception>
    internal async Task<SynapseSource?> ShareSnapshotAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_released, this);
        try
        {
            var opened = Database switch
            {
                SynapsePostgresDatabase postgres => await ImportPostgresSnapshotAsync(postgres.Connection, cancellationToken),
                SynapseSqliteDatabase sqlite => await OpenSqliteSnapshotAsync(sqlite.Path, cancellationToken),
                _ => throw new InvalidOperationException($"Unknown kind of Synapse database: {Database.GetType().Name}"),
            };
            if (opened is not var (connection, transaction))
            {
                return null;
            }

            return new SynapseSource(Database, Dialect, connection, transaction, Description, Schema, SortsTextByCodePoint, OpenedImmutable, OtherClients)
            {
                SnapshotTime = SnapshotTime,
                _interrupt = connection is SqliteConnection sqliteConnection
                    ? cancellationToken.Register(() => SQLitePCL.raw.sqlite3_interrupt(sqliteConnection.Handle))
                    : default,
            };
        }
        catch (Exception exception) when (exception is DbException or TimeoutException)
        {
            throw new DatabaseUnavailableException(
                $"Cannot open a second connection on the snapshot of Synapse's database {Description}: {PostgresErrors.Describe(exception)}.", exception);
        }
    }

    private async Task<(DbConnection, DbTransaction)?> ImportPostgresSnapshotAsync(PostgresConnectionSettings settings, CancellationToken cancellationToken)
    {
        var snapshot = await PostgresSnapshot.ExportAsync((NpgsqlConnection)Connection, (NpgsqlTransaction)Transaction, cancellationToken);
        await using var dataSource = settings.CreateDataSource("syn2mas-net", commandTimeout: TimeSpan.Zero);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return (connection, await PostgresSnapshot.BeginReadOnlyAsync(connection, snapshot, cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<(DbConnection, DbTransaction)?> OpenSqliteSnapshotAsync(string path, CancellationToken cancellationToken)
    {
        var connection = await OpenSqliteConnectionAsync(path, OpenedImmutable, cancellationToken);
        try
        {
            var transaction = connection.BeginTransaction(deferred: true);
            if (OpenedImmutable || await SameSqliteSnapshotAsync((SqliteConnection)Connection, connection, transaction, cancellationToken))
            {
                return (connection, transaction);
            }

            await connection.DisposeAsync();
            return null;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Moves <paramref name="second"/>'s read transaction onto <paramref name="first"/>'s snapshot, or proves it
    /// is already there; false when neither can be done (Synapse committed in between).
    /// </summary>
    /// <remarks>
    /// SQLite can hand a snapshot over only when it lies in the WAL file. When the first connection read
    /// with an empty WAL (or in rollback-journal mode), it read the database file alone, and its read lock
    /// keeps any checkpoint from changing that file; the second connection then reads the same rows exactly
    /// when it too finds the WAL empty.
    /// </remarks>
    private static async Task<bool> SameSqliteSnapshotAsync(
        SqliteConnection first, SqliteConnection second, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        // A first read opens the WAL; sqlite3_snapshot_open then needs no statement to be running.
        await second.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA schema_version", transaction: transaction, cancellationToken: cancellationToken));
        if (SQLitePCL.raw.sqlite3_snapshot_get(first.Handle, "main", out var snapshot) == SQLitePCL.raw.SQLITE_OK)
        {
            using (snapshot)
            {
                return SQLitePCL.raw.sqlite3_snapshot_open(second.Handle, "main", snapshot) == SQLitePCL.raw.SQLITE_OK;
            }
        }

        if (SQLitePCL.raw.sqlite3_snapshot_get(second.Handle, "main", out var secondSnapshot) == SQLitePCL.raw.SQLITE_OK)
        {
            secondSnapshot.Dispose();
            return false;
        }

        return true;
    }

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

    /// <summary>Looked for before the file is opened, so that this process's own connection is not among them.</summary>
    private static SynapseClients SqliteHolders(string path)
    {
        var holders = SqliteFileHolders.Find(path);
        return new SynapseClients(holders.Count, holders);
    }

    private static async Task<SynapseSource> OpenSqliteAsync(string path, SynapseClients holders, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new DatabaseUnavailableException(
                $"Synapse's SQLite database {path} does not exist; check `database.args.database` in homeserver.yaml or pass --synapse-database-uri.");
        }

        SqliteException failure;
        try
        {
            return await OpenSqliteAsync(path, immutable: false, holders, cancellationToken);
        }
        catch (SqliteException exception) when (exception.SqliteExtendedErrorCode == SqliteReadOnlyRollback)
        {
            throw InterruptedWrite(path, exception);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is SqliteCantOpen or SqliteReadOnly)
        {
            // Both mean "cannot write beside the file": error 14 as root on an immutable folder, error 8
            // ("attempt to write a readonly database") as another user in a folder without write permission.
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

        // immutable=1 ignores a -journal file too, and would read a half-written transaction as if committed.
        if (new FileInfo(path + "-journal") is { Exists: true, Length: > 0 })
        {
            throw InterruptedWrite(path, failure);
        }

        try
        {
            return await OpenSqliteAsync(path, immutable: true, holders, cancellationToken);
        }
        catch (SqliteException)
        {
            // Not the folder after all (an unreadable file, say): the first error says what is wrong.
            throw Unreadable(path, failure);
        }
    }

    /// <summary>SQLite's sorter helper threads: one per core beyond the first, at most four.</summary>
    private static int SorterThreads => Math.Clamp(Environment.ProcessorCount - 1, 1, 4);

    private static async Task<SynapseSource> OpenSqliteAsync(string path, bool immutable, SynapseClients holders, CancellationToken cancellationToken)
    {
        var connection = await OpenSqliteConnectionAsync(path, immutable, cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var schema = await ReadSqliteSchemaAsync(connection, transaction, cancellationToken);
            return new SynapseSource(new SynapseSqliteDatabase(path), SynapseDialect.Sqlite, connection, transaction, $"SQLite {path}", schema, sortsTextByCodePoint: true, immutable, holders)
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

    private static async Task<SqliteConnection> OpenSqliteConnectionAsync(string path, bool immutable, CancellationToken cancellationToken)
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
            SynapseSql.AddFunctions(connection);
            await using var threads = connection.CreateCommand();

            // The tables are read through and sorted (SynapseSql.ReadWhole); helper threads let SQLite
            // sort on the other cores while this one reads. Each holds a small buffer of its own.
            threads.CommandText = $"PRAGMA threads = {SorterThreads}";
            await threads.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static DatabaseUnavailableException InterruptedWrite(string path, SqliteException exception) => new(
        $"Cannot read Synapse's SQLite database {path}: {Path.GetFileName(path)}-journal beside it holds a write that was interrupted (Synapse or another program was killed while writing), "
        + $"and this tool only reads, so it cannot roll that write back; start Synapse once, or open the file read-write with `sqlite3 {path} 'PRAGMA schema_version;'`, "
        + "so that SQLite rolls it back, then run again.",
        exception);

    private static DatabaseUnavailableException Unreadable(string path, SqliteException exception) =>
        new($"Cannot read Synapse's SQLite database {path}: {exception.Message.TrimEnd('.')}.", exception);

    private static async Task<SynapseSource> OpenPostgresAsync(PostgresConnectionSettings settings, SynapseLockMode lockMode, CancellationToken cancellationToken)
    {
        // No limit per statement: exact counts and the checks' scans of a large Synapse take minutes, and an
        // ORDER BY cursor sorts before its first row; the wait for Synapse's locks has a bound of its own.
        await using var dataSource = settings.CreateDataSource("syn2mas-net", commandTimeout: TimeSpan.Zero);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var otherSessions = await OtherSessionsAsync(connection, cancellationToken);
            if (lockMode == SynapseLockMode.ExclusiveUnlessInUse)
            {
                lockMode = otherSessions.Count == 0 ? SynapseLockMode.Exclusive : SynapseLockMode.Shared;
            }

            // Outside the transaction, so that this look-up does not start the snapshot before the locks are
            // held. A table that is missing cannot be locked; the checks report it.
            var lockedTables = lockMode == SynapseLockMode.None ? [] : await ExistingTablesAsync(connection, cancellationToken);

            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

            // LOCK and SET TRANSACTION take no snapshot: the first query after them does, so the snapshot
            // holds everything committed before the locks were granted. EXCLUSIVE is refused in a READ ONLY
            // transaction, hence the lock first; going read-only later is always allowed.
            if (lockedTables.Count > 0)
            {
                // Not NOWAIT: autovacuum holds a lock that conflicts with EXCLUSIVE on any table it is working
                // on, and it gives way only to a lock request that waits (after deadlock_timeout). Clients were
                // already looked for above, so a wait that runs out means one holds a table.
                var exclusive = lockMode == SynapseLockMode.Exclusive;
                var statements = exclusive
                    ? $"SET LOCAL lock_timeout = '{ExclusiveLockWait.TotalMilliseconds}ms'; LOCK TABLE {string.Join(", ", lockedTables)} IN EXCLUSIVE MODE; SET LOCAL lock_timeout = 0"
                    : $"LOCK TABLE {string.Join(", ", lockedTables)} IN ACCESS SHARE MODE";
                await connection.ExecuteAsync(new CommandDefinition(statements, transaction: transaction, cancellationToken: cancellationToken));
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
            return new SynapseSource(new SynapsePostgresDatabase(settings), SynapseDialect.Postgres, connection, transaction, $"PostgreSQL {settings}", schema, codePointOrder, openedImmutable: false, otherSessions);
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

    /// <summary>
    /// The other client sessions on Synapse's database, by application name and role (every role may see
    /// those two columns of every session). Sessions that are just ending get a moment to go.
    /// </summary>
    private static async Task<SynapseClients> OtherSessionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var groups = (await connection.QueryAsync<(string Application, string User, long Sessions)>(new CommandDefinition(
                """
                SELECT coalesce(nullif(application_name, ''), '(no application_name)'), coalesce(usename::text, '(unknown role)'), count(*)
                FROM pg_catalog.pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
                GROUP BY 1, 2
                ORDER BY 3 DESC, 1, 2
                """,
                cancellationToken: cancellationToken))).ToList();
            if (groups.Count == 0)
            {
                return SynapseClients.None;
            }

            if (waited.Elapsed >= ClosingSessionsGrace)
            {
                return new SynapseClients(
                    (int)groups.Sum(group => group.Sessions),
                    groups.Select(group => FormattableString.Invariant($"{group.Application} as {group.User} ({group.Sessions} session{(group.Sessions == 1 ? "" : "s")})")).ToList());
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
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
        var columns = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var table in SynapseSchemaInfo.RequiredTables.Concat(SynapseSchemaInfo.OptionalTables).Append("schema_version"))
        {
            var types = (await connection.QueryAsync<(string Name, string Type)>(new CommandDefinition(
                "SELECT name, type FROM pragma_table_info(@table)", new { table }, transaction, cancellationToken: cancellationToken)))
                .ToDictionary(column => column.Name, column => column.Type, StringComparer.Ordinal);
            if (types.Count > 0)
            {
                columns[table] = types;
            }
        }

        return new SynapseSchemaInfo(await ReadVersionAsync(connection, transaction, columns, cancellationToken), columns);
    }

    private static async Task<SynapseSchemaInfo> ReadPostgresSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Table, string Column, string Type)>(new CommandDefinition(
            """
            SELECT c.relname, a.attname, t.typname::text
            FROM pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
              AND c.relnamespace = to_regnamespace(current_schema())
              AND c.relname = ANY (@tables)
            """,
            new { tables = SynapseSchemaInfo.RequiredTables.Concat(SynapseSchemaInfo.OptionalTables).Append("schema_version").ToArray() },
            transaction,
            cancellationToken: cancellationToken));
        var columns = rows.GroupBy(row => row.Table, StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key,
                group => (IReadOnlyDictionary<string, string>)group.ToDictionary(row => row.Column, row => row.Type, StringComparer.Ordinal),
                StringComparer.Ordinal);
        return new SynapseSchemaInfo(await ReadVersionAsync(connection, transaction, columns, cancellationToken), columns);
    }

    private static async Task<int?> ReadVersionAsync(
        DbConnection connection, DbTransaction transaction, Dictionary<string, IReadOnlyDictionary<string, string>> columns, CancellationToken cancellationToken)
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
