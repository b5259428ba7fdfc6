using System.Data;
using Npgsql;

namespace Syn2Mas.Net.Databases;

/// <summary>
/// One PostgreSQL snapshot read by several connections at once: the first exports it from its repeatable-read
/// transaction, each other one imports it as the first statement of its own. Used to read side by side what
/// must be one consistent view (Synapse's checks beside its copy, MAS's tables for verify).
/// </summary>
internal static class PostgresSnapshot
{
    /// <summary>The identifier of <paramref name="transaction"/>'s snapshot, valid while that transaction is open.</summary>
    public static async Task<string> ExportAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var export = new NpgsqlCommand("SELECT pg_catalog.pg_export_snapshot()", connection, transaction);
        var snapshot = (string)(await export.ExecuteScalarAsync(cancellationToken))!;

        // SET TRANSACTION SNAPSHOT takes no parameter, so the identifier goes into the statement: it is the
        // server's own, made of hex digits and dashes, and anything else is refused rather than sent back.
        return snapshot.Length > 0 && snapshot.All(character => char.IsAsciiHexDigit(character) || character == '-')
            ? snapshot
            : throw new InvalidOperationException($"PostgreSQL exported a snapshot with an unexpected identifier: {snapshot}");
    }

    /// <summary>Begins a read-only repeatable-read transaction on <paramref name="connection"/> that sees exactly <paramref name="snapshot"/>.</summary>
    public static async Task<NpgsqlTransaction> BeginReadOnlyAsync(NpgsqlConnection connection, string snapshot, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        try
        {
            await using var setup = new NpgsqlCommand($"SET TRANSACTION SNAPSHOT '{snapshot}'; SET TRANSACTION READ ONLY", connection, transaction);
            await setup.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}
