using Npgsql;
using Syn2Mas.Net.Databases;

namespace Syn2Mas.Net.Mas;

/// <summary>
/// One query of <see cref="MasReader"/> on a connection of its own, in a read-only transaction that imports
/// the reader's snapshot (<c>SET TRANSACTION SNAPSHOT</c>): it sees exactly what the reader's other queries
/// see. The tables are then sorted side by side, each by its own server process and the parallel workers
/// the planner gives it (a cursor gets none), instead of one after another on one connection, and streamed
/// by a plain reader rather than fetched from a cursor a batch at a time.
/// </summary>
internal sealed class MasSnapshotQuery : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _command;
    private NpgsqlDataReader? _reader;
    private bool _finished;
    private bool _disposed;

    private MasSnapshotQuery(NpgsqlConnection connection, NpgsqlCommand command)
    {
        _connection = connection;
        _command = command;
    }

    /// <summary>The current row, once <see cref="ReadAsync"/> returned true.</summary>
    public NpgsqlDataReader Row => _reader ?? throw new InvalidOperationException("The query has not been started.");

    /// <summary>Moves to the next row; false at the end.</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (await Row.ReadAsync(cancellationToken))
        {
            return true;
        }

        _finished = true;
        return false;
    }

    /// <summary>Runs <paramref name="sql"/> in <paramref name="snapshot"/>; returns once its first row (or its end) has arrived.</summary>
    public static async Task<MasSnapshotQuery> StartAsync(NpgsqlDataSource dataSource, string snapshot, string sql, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        MasSnapshotQuery? query = null;
        try
        {
            var transaction = await PostgresSnapshot.BeginReadOnlyAsync(connection, snapshot, cancellationToken);

            query = new MasSnapshotQuery(connection, new NpgsqlCommand(sql, connection, transaction));
            query._reader = await query._command.ExecuteReaderAsync(cancellationToken);
            return query;
        }
        catch
        {
            if (query is null)
            {
                await connection.DisposeAsync();
            }
            else
            {
                await query.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // Closing the connection ends the transaction; nothing was written. A read stopped early is cancelled
        // first, or closing its reader would take the rest of the table's rows from the server.
        if (_reader is not null)
        {
            try
            {
                if (!_finished)
                {
                    _command.Cancel();
                }

                await _reader.DisposeAsync();
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or OperationCanceledException)
            {
                // The query ended with its cancellation, or the connection was already broken: the first error is the one to report.
            }
        }

        await _command.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
