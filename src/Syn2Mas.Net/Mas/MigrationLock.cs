using Dapper;
using Npgsql;

namespace Syn2Mas.Net.Mas;

/// <summary>
/// The PostgreSQL advisory lock that one migration at a time holds on a MAS database (docs/behaviour.md,
/// rule: one-migration-at-a-time). Advisory locks are per database and cooperative: they only exclude sessions that
/// ask for the same key, and they vanish with the session or transaction that took them, so a killed
/// migration never leaves a stale lock behind.
/// </summary>
/// <remarks>
/// <para>
/// The key is the one MAS's own migration tool (<c>mas-cli syn2mas</c>) takes, which sqlx derives from
/// the name <see cref="Name"/>: HKDF-SHA256 (RFC 5869) with no salt, the name's UTF-8 bytes as input key
/// material, the info string <see cref="KeyDerivationInfo"/> and 8 bytes of output read as a
/// little-endian signed 64-bit integer. Sharing the key means this tool and the upstream one exclude each
/// other on the same MAS database, and a number derived from a long name is unlikely to be used by
/// anything else in that database. A test recomputes <see cref="Key"/> from the name.
/// </para>
/// <para>
/// PostgreSQL stores a bigint key in <c>pg_locks</c> as <c>classid</c> (high 32 bits), <c>objid</c>
/// (low 32 bits) and <c>objsubid</c> 1; session-level and transaction-level locks on one key conflict.
/// </para>
/// </remarks>
internal static class MigrationLock
{
    public const string Name = "syn2mas-maswriter";

    public const string KeyDerivationInfo = "SQLx (Rust) Postgres advisory lock";

    public const long Key = 6584285998412104315;

    /// <summary>
    /// Takes the lock without waiting. Given a transaction, the lock is transaction-level
    /// (<c>pg_try_advisory_xact_lock</c>): it ends with the transaction, commit or rollback, which is how a
    /// migration holds it for its one write transaction. Without one, it is session-level and lasts until
    /// <see cref="ReleaseAsync"/> or the connection closes.
    /// </summary>
    /// <returns>False when another session holds the lock.</returns>
    public static Task<bool> TryAcquireAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var sql = transaction is null ? "SELECT pg_try_advisory_lock(@key)" : "SELECT pg_try_advisory_xact_lock(@key)";
        return connection.ExecuteScalarAsync<bool>(new CommandDefinition(sql, new { key = Key }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Releases a session-level lock taken by <see cref="TryAcquireAsync"/> without a transaction.</summary>
    /// <returns>False when this session did not hold it.</returns>
    public static Task<bool> ReleaseAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT pg_advisory_unlock(@key)", new { key = Key }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Whether another session holds the lock, read from <c>pg_locks</c>. The probe never takes the lock,
    /// not even for an instant, so it cannot make a migration that starts at the same moment fail, and it
    /// never waits.
    /// </summary>
    public static Task<bool> IsHeldByAnotherAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            SELECT EXISTS (
                SELECT 1 FROM pg_catalog.pg_locks
                WHERE locktype = 'advisory' AND granted
                  AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
                  AND classid::bigint = @high AND objid::bigint = @low AND objsubid = 1
                  AND pid IS DISTINCT FROM pg_backend_pid())
            """,
            new { high = (Key >> 32) & 0xFFFF_FFFFL, low = Key & 0xFFFF_FFFFL },
            transaction,
            cancellationToken: cancellationToken));
    }
}
