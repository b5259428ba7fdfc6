using Microsoft.Data.Sqlite;
using Syn2Mas.Bench.Data;
using Syn2Mas.Bench.Data.Rows;

namespace Syn2Mas.Bench.Sinks;

/// <summary>
/// Fills a new SQLite file in one transaction through one prepared statement per table, its parameters
/// rebound for every row. The fixture's <c>CREATE INDEX</c> indexes are dropped after the schema is loaded
/// and recreated from their own stored SQL once the rows are in, which sorts once instead of inserting
/// into every index at random places. UNIQUE constraints belong to their table's SQL and stay.
/// </summary>
internal sealed class SqliteSynapseSink : ISynapseLoad
{
    private readonly SqliteConnection _connection;
    private readonly List<(string Name, string Sql)> _pausedIndexes;
    private readonly SqliteTransaction _transaction;
    private readonly PreparedInsert _users;
    private readonly PreparedInsert _threepids;
    private readonly PreparedInsert _externalIds;
    private readonly PreparedInsert _devices;
    private readonly PreparedInsert _accessTokens;
    private readonly PreparedInsert _refreshTokens;

    private SqliteSynapseSink(SqliteConnection connection, List<(string Name, string Sql)> pausedIndexes)
    {
        _connection = connection;
        _pausedIndexes = pausedIndexes;
        _transaction = connection.BeginTransaction();
        _users = new PreparedInsert(connection, "users",
            "name", "password_hash", "creation_ts", "admin", "is_guest", "deactivated", "appservice_id",
            "shadow_banned", "approved", "locked", "suspended");
        _threepids = new PreparedInsert(connection, "user_threepids", "user_id", "medium", "address", "validated_at", "added_at");
        _externalIds = new PreparedInsert(connection, "user_external_ids", "auth_provider", "external_id", "user_id");
        _devices = new PreparedInsert(connection, "devices", "user_id", "device_id", "display_name", "last_seen", "ip", "user_agent", "hidden");
        _accessTokens = new PreparedInsert(connection, "access_tokens",
            "id", "user_id", "device_id", "token", "valid_until_ms", "puppets_user_id", "last_validated", "refresh_token_id", "used");
        _refreshTokens = new PreparedInsert(connection, "refresh_tokens",
            "id", "user_id", "device_id", "token", "next_token_id", "expiry_ts", "ultimate_session_expiry_ts");
    }

    /// <summary>Creates the file (it must not exist), loads the schema and starts the loading transaction.</summary>
    public static async Task<SqliteSynapseSink> CreateAsync(string path, string schemaSql, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            throw new GeneratorException($"{path} already exists; the generator only writes new databases. Delete it (and its -wal and -shm files) first.");
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,

            // Synapse never turns SQLite's foreign keys on; a refresh token points at its successor before that exists.
            ForeignKeys = false,
        }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);

            // Nothing here needs to survive a crash: a failed run leaves a file to delete, not one to repair.
            await ExecuteAsync(connection, null, "PRAGMA synchronous=OFF; PRAGMA journal_mode=MEMORY; PRAGMA cache_size=-262144;", cancellationToken);
            await using (var transaction = connection.BeginTransaction())
            {
                await ExecuteAsync(connection, transaction, schemaSql, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            var paused = await PauseIndexesAsync(connection, cancellationToken);
            return new SqliteSynapseSink(connection, paused);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void WriteUser(in UserRow row) => _users.Execute(
        row.Name, row.PasswordHash, row.CreationTs, Flag(row.Admin), Flag(row.IsGuest), Flag(row.Deactivated), row.AppserviceId,
        Flag(row.ShadowBanned), Flag(row.Approved), Flag(row.Locked), Flag(row.Suspended));

    public void WriteThreepid(in ThreepidRow row) =>
        _threepids.Execute(row.UserId, row.Medium, row.Address, row.ValidatedAt, row.AddedAt);

    public void WriteExternalId(in ExternalIdRow row) =>
        _externalIds.Execute(row.AuthProvider, row.ExternalId, row.UserId);

    public void WriteDevice(in DeviceRow row) =>
        _devices.Execute(row.UserId, row.DeviceId, row.DisplayName, row.LastSeen, row.Ip, row.UserAgent, Flag(row.Hidden));

    public void WriteAccessToken(in AccessTokenRow row) => _accessTokens.Execute(
        row.Id, row.UserId, row.DeviceId, row.Token, row.ValidUntilMs, row.PuppetsUserId, row.LastValidated, row.RefreshTokenId, Flag(row.Used));

    public void WriteRefreshToken(in RefreshTokenRow row) => _refreshTokens.Execute(
        row.Id, row.UserId, row.DeviceId, row.Token, row.NextTokenId, row.ExpiryTs, row.UltimateSessionExpiryTs);

    /// <summary>Recreates the paused indexes, commits, gathers statistics and leaves the file in WAL mode as Synapse does.</summary>
    public async Task CompleteAsync(Action<string> phase, CancellationToken cancellationToken)
    {
        phase("creating indexes");
        foreach (var (_, sql) in _pausedIndexes)
        {
            await ExecuteAsync(_connection, _transaction, sql, cancellationToken);
        }

        phase("committing");
        await _transaction.CommitAsync(cancellationToken);
        phase("analyzing");
        await ExecuteAsync(_connection, null, "ANALYZE", cancellationToken);
        await ExecuteAsync(_connection, null, "PRAGMA journal_mode=WAL", cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var insert in new[] { _users, _threepids, _externalIds, _devices, _accessTokens, _refreshTokens })
        {
            insert.Dispose();
        }

        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    /// <summary>Synapse's SQLite booleans are 0 and 1.</summary>
    private static long? Flag(bool? value) => value switch
    {
        null => null,
        true => 1,
        false => 0,
    };

    private static async Task<List<(string Name, string Sql)>> PauseIndexesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var indexes = new List<(string Name, string Sql)>();
        await using (var query = connection.CreateCommand())
        {
            // Automatic indexes (UNIQUE, PRIMARY KEY) have no SQL of their own and cannot be dropped.
            query.CommandText = $"""
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", SynapseTables.Loaded.Select(table => $"'{table}'"))})
                ORDER BY rowid
                """;
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, null, $"DROP INDEX \"{name}\"", cancellationToken);
        }

        return indexes;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
