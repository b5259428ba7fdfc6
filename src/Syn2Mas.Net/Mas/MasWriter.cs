using System.Globalization;
using Dapper;
using Npgsql;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Databases;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Mas;

/// <summary>
/// Writes the migrated rows into MAS in one transaction on one connection: <see cref="BeginAsync(PostgresConnectionSettings, IProgress{MasWriterEvent}?, CancellationToken)"/>
/// takes the migration lock, checks the tables are empty and pauses their indexes and constraints;
/// <see cref="BeginCopyAsync"/> gives a handle the caller pushes a table's rows into, one binary COPY per
/// table; <see cref="RebuildAsync"/> recreates what
/// was paused; then <see cref="CommitAsync"/>, or <see cref="RollbackAsync"/> for a dry run. A migration
/// killed at any moment leaves MAS exactly as it was, as PostgreSQL rolls back the open transaction,
/// dropped constraints included.
/// </summary>
/// <remarks>
/// Loading without indexes and constraints and building them once afterwards is much faster than
/// maintaining them row by row, and it lets the tables be loaded in any order. PostgreSQL runs one COPY at
/// a time per connection, so the copies run one after another. Not thread-safe.
/// </remarks>
internal sealed class MasWriter : IAsyncDisposable
{
    private const string ApplicationName = "syn2mas-net";

    private const string RebuildSavepoint = "syn2mas_rebuild";

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly PausedSchema _paused;
    private readonly MasWriterOptions _options;
    private readonly IProgress<MasWriterEvent>? _progress;
    private readonly string _database;
    private MasWriterState _state = MasWriterState.Loading;
    private bool _copying;

    private MasWriter(
        NpgsqlDataSource dataSource,
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        PausedSchema paused,
        MasRebuildMemory rebuildMemory,
        MasWriterOptions options,
        IProgress<MasWriterEvent>? progress,
        string database)
    {
        _dataSource = dataSource;
        _connection = connection;
        _transaction = transaction;
        _paused = paused;
        RebuildMemory = rebuildMemory;
        _options = options;
        _progress = progress;
        _database = database;
    }

    /// <summary>The memory settings the transaction runs with, for the summary.</summary>
    public MasRebuildMemory RebuildMemory { get; }

    /// <inheritdoc cref="BeginAsync(PostgresConnectionSettings, MasWriterOptions, IProgress{MasWriterEvent}?, CancellationToken)"/>
    public static Task<MasWriter> BeginAsync(
        PostgresConnectionSettings database, IProgress<MasWriterEvent>? progress, CancellationToken cancellationToken = default) =>
        BeginAsync(database, MasWriterOptions.Default, progress, cancellationToken);

    /// <summary>
    /// Opens the connection and the transaction, takes the migration lock, locks the written tables, checks
    /// they are empty and pauses their indexes and constraints (all inside the transaction).
    /// </summary>
    /// <exception cref="DatabaseUnavailableException">The database cannot be reached.</exception>
    /// <exception cref="MasWriterException">Another migration holds the lock, a table is not empty, a lock
    /// could not be had within <see cref="MasWriterOptions.LockTimeout"/>, or the catalog refused a change.
    /// Nothing was changed.</exception>
    public static async Task<MasWriter> BeginAsync(
        PostgresConnectionSettings database, MasWriterOptions options, IProgress<MasWriterEvent>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ProgressInterval, 1);
        var name = database.ToString();
        var dataSource = database.CreateDataSource(ApplicationName);
        NpgsqlConnection? connection = null;
        NpgsqlTransaction? transaction = null;
        try
        {
            try
            {
                connection = await dataSource.OpenConnectionAsync(cancellationToken);
            }
            catch (Exception exception) when (PostgresErrors.IsConnectionFailure(exception))
            {
                throw new DatabaseUnavailableException(
                    $"Cannot connect to MAS's PostgreSQL database {name}: {PostgresErrors.Describe(exception)}; "
                    + "check `database` in MAS's config or --mas-database-uri.",
                    exception);
            }

            transaction = await connection.BeginTransactionAsync(cancellationToken);
            var (paused, rebuildMemory) = await PrepareAsync(connection, transaction, name, options, progress, cancellationToken);
            return new MasWriter(dataSource, connection, transaction, paused, rebuildMemory, options, progress, name);
        }
        catch
        {
            // Closing the connection rolls back whatever the transaction did, the advisory lock included.
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            await dataSource.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a binary COPY into <paramref name="table"/>: the caller pushes the rows into the handle and
    /// completes it. One COPY at a time, as PostgreSQL runs one statement at a time per connection.
    /// </summary>
    /// <exception cref="MasWriterException">MAS refused the COPY; the transaction can only be rolled back.</exception>
    internal async Task<MasTableCopy> BeginCopyAsync(MasTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        Expect(MasWriterState.Loading, "copy rows");
        NpgsqlBinaryImporter importer;
        try
        {
            importer = await _connection.BeginBinaryImportAsync(
                $"COPY \"{table.Name}\" ({string.Join(", ", table.ColumnNames)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw CopyFailure(table, 0, exception);
        }

        // Waiting for the caller's next row is not a stalled server: no client-side timeout.
        importer.Timeout = TimeSpan.Zero;
        _copying = true;
        Report(MasWriterEvent.Copying(table.Name, 0));
        return new MasTableCopy(importer, table, _options.ProgressInterval, Report, CopyFailure, completed =>
        {
            _copying = false;
            if (!completed)
            {
                // An abandoned COPY aborts the transaction: from here on it can only be rolled back.
                _state = MasWriterState.Failed;
            }
        });
    }

    /// <summary>
    /// Recreates every paused index and constraint, foreign keys last and validated (one that was
    /// <c>NOT VALID</c> before comes back <c>NOT VALID</c>). This is where the data is proven to fit MAS.
    /// </summary>
    /// <exception cref="MasWriterException">A constraint refused the data; the message names it and the
    /// users concerned. The writer can then only be rolled back.</exception>
    public async Task RebuildAsync(CancellationToken cancellationToken = default)
    {
        Expect(MasWriterState.Loading, "rebuild");
        try
        {
            foreach (var paused in _paused.RebuildOrder)
            {
                Report(MasWriterEvent.Rebuilding(paused.Table, paused.Name));
                await RebuildOneAsync(paused, cancellationToken);
            }

            _state = MasWriterState.Rebuilt;
        }
        catch
        {
            _state = MasWriterState.Failed;
            throw;
        }
    }

    /// <summary>Makes the migration permanent. Only after <see cref="RebuildAsync"/>: MAS must never see its tables without their constraints.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        Expect(MasWriterState.Rebuilt, "commit");
        try
        {
            await _transaction.CommitAsync(cancellationToken);
            _state = MasWriterState.Committed;
        }
        catch (PostgresException exception)
        {
            // The server answered: it did not commit.
            _state = MasWriterState.Failed;
            throw new MasWriterException($"committing into MAS database {_database} failed, so nothing was written: {PostgresErrors.Describe(exception)}", exception);
        }
        catch (Exception exception) when (PostgresErrors.IsConnectionFailure(exception))
        {
            // The connection failed with COMMIT on its way: the server may have committed before it noticed.
            // The tables were empty and locked until then, so rows in them now are this migration's.
            if (await CommittedAfterAllAsync())
            {
                _state = MasWriterState.Committed;
                return;
            }

            _state = MasWriterState.Failed;
            throw new MasWriterException($"committing into MAS database {_database} failed, so nothing was written: {PostgresErrors.Describe(exception)}", exception);
        }
    }

    /// <summary>Whether a commit whose answer was lost went through, asked on a new connection.</summary>
    /// <exception cref="MasWriterException">MAS cannot be asked: the outcome is unknown, and the message says how to find out.</exception>
    private async Task<bool> CommittedAfterAllAsync()
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                $"SELECT EXISTS (SELECT 1 FROM \"{MasSchema.Users.Name}\") OR EXISTS (SELECT 1 FROM \"{MasSchema.CompatSessions.Name}\")",
                commandTimeout: 0));
        }
        catch (Exception exception) when (PostgresErrors.IsConnectionFailure(exception))
        {
            _state = MasWriterState.Failed;
            throw new MasWriterException(
                $"the connection to MAS database {_database} failed while committing, and MAS cannot be reached to tell whether the commit went through ({PostgresErrors.Describe(exception)}); "
                + "once it can be reached, the migration went through if MAS's users table has rows, and nothing was written if it is empty",
                exception);
        }
    }

    /// <summary>Undoes everything (a dry run, or after a failure). Allowed at any point before a commit.</summary>
    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (_state is MasWriterState.Committed or MasWriterState.RolledBack)
        {
            throw new InvalidOperationException($"The MAS transaction was already {(_state == MasWriterState.Committed ? "committed" : "rolled back")}.");
        }

        try
        {
            await _transaction.RollbackAsync(cancellationToken);
        }
        catch (Exception exception) when (PostgresErrors.IsConnectionFailure(exception))
        {
            // The server rolls back by itself when the connection goes; it could not commit anything anyway.
            _state = MasWriterState.RolledBack;
            throw new MasWriterException($"rolling back in MAS database {_database} failed ({PostgresErrors.Describe(exception)}); PostgreSQL discards the transaction when the connection closes", exception);
        }

        _state = MasWriterState.RolledBack;
    }

    /// <summary>Rolls back unless committed or rolled back already, and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_state is not (MasWriterState.Committed or MasWriterState.RolledBack))
        {
            try
            {
                await _transaction.RollbackAsync();
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // A broken connection has nothing to roll back: the server discarded the transaction with it.
            }

            _state = MasWriterState.RolledBack;
        }

        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    private static async Task<(PausedSchema, MasRebuildMemory)> PrepareAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string database,
        MasWriterOptions options,
        IProgress<MasWriterEvent>? progress,
        CancellationToken cancellationToken)
    {
        var step = "taking the migration lock";
        try
        {
            progress?.Report(new MasWriterEvent("taking the migration lock"));
            if (!await MigrationLock.TryAcquireAsync(connection, transaction, cancellationToken))
            {
                throw new MasWriterException(
                    $"another migration is running against {database} (it holds advisory lock {MigrationLock.Key}); wait for it to end, or stop it, before migrating");
            }

            // A migration may run for hours: server-wide statement or idle limits must not cut it short,
            // while a wait for a table lock (MAS still running) must end with a message, not a hang.
            await connection.ExecuteAsync(Command(
                """
                SELECT set_config('lock_timeout', @lockTimeout, true),
                       set_config('statement_timeout', '0', true),
                       set_config('idle_in_transaction_session_timeout', '0', true)
                """,
                new { lockTimeout = ((long)Math.Ceiling(options.LockTimeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms" },
                transaction,
                cancellationToken));
            var rebuildMemory = await MasRebuildMemory.ApplyAsync(connection, transaction, cancellationToken);

            // Locked before the emptiness check so that no row can arrive between the check and the load.
            step = "locking MAS's tables";
            await connection.ExecuteAsync(Command(
                $"LOCK TABLE {string.Join(", ", MasSchema.WrittenTables.Select(table => $"\"{table.Name}\""))} IN ACCESS EXCLUSIVE MODE",
                null,
                transaction,
                cancellationToken));

            step = "checking that MAS's tables are empty";
            progress?.Report(new MasWriterEvent("checking that MAS's tables are empty"));
            await CheckEmptyAsync(connection, transaction, database, cancellationToken);

            step = "reading MAS's indexes and constraints";
            progress?.Report(new MasWriterEvent("pausing constraints and indexes"));
            var paused = await PausedSchema.DiscoverAsync(connection, transaction, cancellationToken);
            foreach (var item in paused.DropOrder)
            {
                step = $"pausing {item.Description} on {item.Table}";
                await connection.ExecuteAsync(Command(item.DropSql, null, transaction, cancellationToken));
            }

            return (paused, rebuildMemory);
        }
        catch (PostgresException exception)
        {
            throw new MasWriterException($"{step} in MAS database {database} failed: {Explain(exception, options)}", exception);
        }
        catch (Exception exception) when (PostgresErrors.IsConnectionFailure(exception))
        {
            throw new MasWriterException($"{step} in MAS database {database} failed: {PostgresErrors.Describe(exception)}", exception);
        }
    }

    private static async Task CheckEmptyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string database, CancellationToken cancellationToken)
    {
        // EXISTS stops at the first row, where count(*) would read a whole populated table.
        var sql = string.Join(
            "\nUNION ALL\n",
            MasSchema.WrittenTables.Select(table => $"SELECT '{table.Name}' WHERE EXISTS (SELECT 1 FROM \"{table.Name}\")"));
        var withRows = (await connection.QueryAsync<string>(Command(sql, null, transaction, cancellationToken))).ToHashSet(StringComparer.Ordinal);
        if (withRows.Count > 0)
        {
            var names = MasSchema.WrittenTables.Where(table => withRows.Contains(table.Name)).Select(table => table.Name);
            throw new MasWriterException(
                $"MAS database {database} already has rows in {string.Join(", ", names)}; the migration only writes into empty tables: "
                + "migrate into a fresh MAS database (made by `mas-cli database migrate` and `mas-cli config sync`, before MAS serves anyone)");
        }
    }

    /// <summary>A PostgreSQL error as one line without its DETAIL, with advice for the causes an operator can fix.</summary>
    private static string Explain(PostgresException exception, MasWriterOptions options) => exception.SqlState switch
    {
        PostgresErrorCodes.LockNotAvailable =>
            string.Create(CultureInfo.InvariantCulture, $"waited {options.LockTimeout.TotalSeconds:0.#} s for a table lock that another session holds; ")
            + "stop MAS (and anything else using its database) while migrating",
        PostgresErrorCodes.InsufficientPrivilege =>
            $"{exception.MessageText}; connect as the role that owns MAS's tables (the one MAS itself uses), as pausing constraints alters them",
        _ => PostgresErrors.Describe(exception),
    };

    private static CommandDefinition Command(string sql, object? parameters, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, commandTimeout: 0, cancellationToken: cancellationToken);

    private async Task RebuildOneAsync(PausedObject paused, CancellationToken cancellationToken)
    {
        // A failed statement aborts the whole transaction; the savepoint gives it back, so that the failure
        // can be explained with a query before the caller rolls everything back.
        try
        {
            await _transaction.SaveAsync(RebuildSavepoint, cancellationToken);
            await _connection.ExecuteAsync(Command(paused.CreateSql, null, _transaction, cancellationToken));
            if (paused.CommentSql is not null)
            {
                await _connection.ExecuteAsync(Command(paused.CommentSql, null, _transaction, cancellationToken));
            }
        }
        catch (PostgresException exception)
        {
            // Not chained: the inner exception's text would carry PostgreSQL's DETAIL into any log that prints it.
            throw new MasWriterException(await DescribeRebuildFailureAsync(paused, exception, cancellationToken));
        }
        catch (Exception exception) when (PostgresErrors.IsConnectionFailure(exception))
        {
            throw new MasWriterException(
                $"rebuilding {paused.Description} on {paused.Table} in MAS database {_database} failed: {PostgresErrors.Describe(exception)}", exception);
        }

        await _transaction.ReleaseAsync(RebuildSavepoint, cancellationToken);
    }

    private async Task<string> DescribeRebuildFailureAsync(PausedObject paused, PostgresException exception, CancellationToken cancellationToken)
    {
        var plain = $"rebuilding {paused.Description} on {paused.Table} in MAS database {_database} failed: {Explain(exception, _options)}";
        try
        {
            await _transaction.RollbackAsync(RebuildSavepoint, cancellationToken);
            return exception.SqlState switch
            {
                PostgresErrorCodes.UniqueViolation => await RebuildDiagnosis.DuplicateAsync(_connection, _transaction, paused, _options.ServerName, cancellationToken),
                PostgresErrorCodes.ForeignKeyViolation => await RebuildDiagnosis.OrphanAsync(_connection, _transaction, paused, _options.ServerName, cancellationToken),
                _ => plain,
            };
        }
        catch (Exception diagnosisFailure) when (PostgresErrors.IsConnectionFailure(diagnosisFailure))
        {
            // The constraint and PostgreSQL's reason still say what broke; which users is a bonus.
            return plain;
        }
    }

    /// <summary>
    /// MAS's failure during a COPY as one line naming the table. A PostgreSQL error is not chained: its DETAIL
    /// quotes the refused row, tokens included, to whoever logs the inner exception.
    /// </summary>
    private MasWriterException CopyFailure(MasTable table, long sent, Exception exception)
    {
        _state = MasWriterState.Failed;
        var message = string.Create(
            CultureInfo.InvariantCulture, $"writing {table.Name} into MAS database {_database} failed after {sent} rows were sent: {PostgresErrors.Describe(exception)}");
        return exception is PostgresException ? new MasWriterException(message) : new MasWriterException(message, exception);
    }

    private void Expect(MasWriterState state, string action)
    {
        if (_copying)
        {
            throw new InvalidOperationException($"Cannot {action} while a COPY is running: PostgreSQL runs one statement at a time per connection, so copy the tables one after another.");
        }

        if (_state != state)
        {
            throw new InvalidOperationException(_state switch
            {
                MasWriterState.Rebuilt when action == "copy rows" => "Rows cannot be copied after RebuildAsync: the indexes and constraints are back.",
                MasWriterState.Loading when action == "commit" => "CommitAsync needs RebuildAsync first: MAS must not get its tables without their indexes and constraints.",
                MasWriterState.Failed => $"Cannot {action}: an earlier step failed, so the MAS transaction can only be rolled back.",
                MasWriterState.Committed => $"Cannot {action}: the MAS transaction was committed.",
                MasWriterState.RolledBack => $"Cannot {action}: the MAS transaction was rolled back.",
                _ => $"Cannot {action} now (the writer is {_state}).",
            });
        }
    }

    private void Report(MasWriterEvent writerEvent) => _progress?.Report(writerEvent);
}
