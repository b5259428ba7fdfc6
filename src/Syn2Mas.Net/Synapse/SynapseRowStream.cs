using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Npgsql;

namespace Syn2Mas.Net.Synapse;

/// <summary>
/// Streams the rows of one query inside a <see cref="SynapseSource"/>'s snapshot, so that several streams can
/// be read interleaved on its one connection. SQLite steps several statements at once on one connection.
/// Npgsql allows one open reader per connection, so on PostgreSQL each stream is a server-side cursor
/// fetched a batch at a time: a reader is open only while a batch is read in full, and only that batch is
/// held in memory.
/// </summary>
internal static class SynapseRowStream
{
    private static long _cursorCount;

    public static IAsyncEnumerable<T> ReadAsync<T>(
        SynapseSource source, string sql, Func<DbDataReader, T> map, int batchSize, CancellationToken cancellationToken) =>
        source.Dialect == SynapseDialect.Postgres
            ? ReadCursorAsync(source.Connection, source.Transaction, sql, map, batchSize, cancellationToken)
            : ReadStatementAsync(source, sql, map, cancellationToken);

    private static async IAsyncEnumerable<T> ReadStatementAsync<T>(
        SynapseSource source, string sql, Func<DbDataReader, T> map, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = source.Connection.CreateCommand();
        command.Transaction = source.Transaction;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return map(reader);
        }
    }

    /// <summary>
    /// The rows of <paramref name="sql"/> through a server-side cursor in <paramref name="transaction"/>, a
    /// batch at a time.
    /// </summary>
    private static async IAsyncEnumerable<T> ReadCursorAsync<T>(
        DbConnection connection, DbTransaction transaction, string sql, Func<DbDataReader, T> map, int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Unique on the connection: cursors of the same query may be open at once.
        var cursor = "syn2mas_rows_" + Interlocked.Increment(ref _cursorCount).ToString(CultureInfo.InvariantCulture);
        await ExecuteAsync(connection, transaction, $"DECLARE {cursor} NO SCROLL CURSOR FOR {sql}", cancellationToken);

        var exhausted = false;
        try
        {
            await using var fetch = connection.CreateCommand();
            fetch.Transaction = transaction;
            fetch.CommandText = $"FETCH FORWARD {batchSize.ToString(CultureInfo.InvariantCulture)} FROM {cursor}";
            var batch = new List<T>(batchSize);
            do
            {
                batch.Clear();
                await using (var reader = await fetch.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        batch.Add(map(reader));
                    }
                }

                foreach (var row in batch)
                {
                    yield return row;
                }
            }
            while (batch.Count == batchSize);

            exhausted = true;
        }
        finally
        {
            if (exhausted)
            {
                await ExecuteAsync(connection, transaction, $"CLOSE {cursor}", CancellationToken.None);
            }
            else
            {
                await CloseAbandonedAsync(connection, transaction, cursor);
            }
        }
    }

    /// <summary>
    /// Closes a cursor whose reading stopped early (the consumer stopped, or something failed). When the
    /// failure aborted the transaction or broke the connection, CLOSE fails too; the cursor then ends with
    /// the transaction, and the first error is the one worth reporting.
    /// </summary>
    private static async Task CloseAbandonedAsync(DbConnection connection, DbTransaction transaction, string cursor)
    {
        try
        {
            await ExecuteAsync(connection, transaction, $"CLOSE {cursor}", CancellationToken.None);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
