using System.Diagnostics;
using Npgsql;
using Syn2Mas.Net.Mas;

namespace Syn2Mas.Bench.Running;

/// <summary>
/// The floor: the same MAS rows loaded by PostgreSQL's own COPY from files, with no reading, mapping or
/// encoding on the client. In ONE transaction, as the migration: the same catalog discovery as
/// <see cref="MasWriter"/> (<see cref="PausedSchema"/>) drops the same indexes and constraints in the same
/// order, the files are copied in raw, everything is recreated in the writer's rebuild order, then COMMIT.
/// Whatever the migration spends above this is the price of the tool itself.
/// </summary>
internal static class FloorLoad
{
    private const int FileBuffer = 1 << 20;

    public static async Task<FloorSample> RunAsync(NpgsqlDataSource mas, FloorFiles files, CancellationToken cancellationToken)
    {
        await using var connection = await mas.OpenConnectionAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The migration's own settings, so that the ratio compares the tool, not the memory it was given.
        await MasRebuildMemory.ApplyAsync(connection, transaction, cancellationToken);
        var paused = await PausedSchema.DiscoverAsync(connection, transaction, cancellationToken);
        foreach (var item in paused.DropOrder)
        {
            await ExecuteAsync(connection, transaction, item.DropSql, cancellationToken);
        }

        var prepared = clock.Elapsed.TotalSeconds;
        var copySeconds = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var table in MasSchema.WrittenTables)
        {
            var tableStart = clock.Elapsed.TotalSeconds;
            await using var file = new FileStream(files.PathOf(table), FileMode.Open, FileAccess.Read, FileShare.Read, FileBuffer, useAsync: true);
            await using (var copy = await connection.BeginRawBinaryCopyAsync(FloorFiles.CopySql(table, into: true), cancellationToken))
            {
                // Closing the stream ends the COPY: the server has taken every row when it returns.
                await file.CopyToAsync(copy, FileBuffer, cancellationToken);
            }

            copySeconds[table.Name] = clock.Elapsed.TotalSeconds - tableStart;
        }

        var copied = clock.Elapsed.TotalSeconds;
        foreach (var item in paused.RebuildOrder)
        {
            await ExecuteAsync(connection, transaction, item.CreateSql, cancellationToken);
            if (item.CommentSql is not null)
            {
                await ExecuteAsync(connection, transaction, item.CommentSql, cancellationToken);
            }
        }

        var rebuilt = clock.Elapsed.TotalSeconds;
        await transaction.CommitAsync(cancellationToken);
        var total = clock.Elapsed.TotalSeconds;
        return new FloorSample(prepared, copied - prepared, rebuilt - copied, total - rebuilt, total, paused.Objects.Count, copySeconds);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
