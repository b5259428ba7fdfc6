using Npgsql;
using NpgsqlTypes;
using Syn2Mas.Bench.Data;
using Syn2Mas.Bench.Data.Rows;

namespace Syn2Mas.Bench.Sinks;

/// <summary>
/// Fills an empty PostgreSQL database through one binary COPY per table, each on a connection of its
/// own so that the six streams can run side by side while rows arrive user by user. Keys, unique
/// constraints, foreign keys and indexes are taken off the loaded tables for the load and put back
/// afterwards exactly as the catalog described them (<see cref="PostgresIndexPause"/>).
/// </summary>
internal sealed class PostgresSynapseSink : ISynapseLoad
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresIndexPause _pause;
    private readonly List<NpgsqlConnection> _connections;
    private readonly NpgsqlBinaryImporter _users;
    private readonly NpgsqlBinaryImporter _threepids;
    private readonly NpgsqlBinaryImporter _externalIds;
    private readonly NpgsqlBinaryImporter _devices;
    private readonly NpgsqlBinaryImporter _accessTokens;
    private readonly NpgsqlBinaryImporter _refreshTokens;

    private PostgresSynapseSink(NpgsqlDataSource dataSource, PostgresIndexPause pause, List<NpgsqlConnection> connections, NpgsqlBinaryImporter[] importers)
    {
        _dataSource = dataSource;
        _pause = pause;
        _connections = connections;
        (_users, _threepids, _externalIds, _devices, _accessTokens, _refreshTokens) =
            (importers[0], importers[1], importers[2], importers[3], importers[4], importers[5]);
    }

    public static async Task<PostgresSynapseSink> CreateAsync(NpgsqlDataSource dataSource, string schemaSql, CancellationToken cancellationToken)
    {
        await PostgresDatabase.RequireEmptyAsync(dataSource, "Synapse", cancellationToken);
        await PostgresDatabase.ExecuteInTransactionAsync(dataSource, schemaSql, cancellationToken);
        var pause = await PostgresIndexPause.PauseAsync(dataSource, SynapseTables.Loaded, cancellationToken);

        string[] copies =
        [
            "COPY users (name, password_hash, creation_ts, admin, is_guest, deactivated, appservice_id, shadow_banned, approved, locked, suspended) FROM STDIN (FORMAT BINARY)",
            "COPY user_threepids (user_id, medium, address, validated_at, added_at) FROM STDIN (FORMAT BINARY)",
            "COPY user_external_ids (auth_provider, external_id, user_id) FROM STDIN (FORMAT BINARY)",
            "COPY devices (user_id, device_id, display_name, last_seen, ip, user_agent, hidden) FROM STDIN (FORMAT BINARY)",
            "COPY access_tokens (id, user_id, device_id, token, valid_until_ms, puppets_user_id, last_validated, refresh_token_id, used) FROM STDIN (FORMAT BINARY)",
            "COPY refresh_tokens (id, user_id, device_id, token, next_token_id, expiry_ts, ultimate_session_expiry_ts) FROM STDIN (FORMAT BINARY)",
        ];
        var connections = new List<NpgsqlConnection>();
        var importers = new NpgsqlBinaryImporter[copies.Length];
        try
        {
            for (var i = 0; i < copies.Length; i++)
            {
                var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                connections.Add(connection);
                await using (var settings = new NpgsqlCommand("SET synchronous_commit = off", connection))
                {
                    await settings.ExecuteNonQueryAsync(cancellationToken);
                }

                importers[i] = await connection.BeginBinaryImportAsync(copies[i], cancellationToken);
            }
        }
        catch
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }

            throw;
        }

        return new PostgresSynapseSink(dataSource, pause, connections, importers);
    }

    public void WriteUser(in UserRow row)
    {
        var copy = _users;
        copy.StartRow();
        Text(copy, row.Name);
        Text(copy, row.PasswordHash);
        Bigint(copy, row.CreationTs);
        Smallint(copy, row.Admin);
        Smallint(copy, row.IsGuest);
        Smallint(copy, row.Deactivated);
        Text(copy, row.AppserviceId);
        Boolean(copy, row.ShadowBanned);
        Boolean(copy, row.Approved);
        Boolean(copy, row.Locked);
        Boolean(copy, row.Suspended);
    }

    public void WriteThreepid(in ThreepidRow row)
    {
        var copy = _threepids;
        copy.StartRow();
        Text(copy, row.UserId);
        Text(copy, row.Medium);
        Text(copy, row.Address);
        Bigint(copy, row.ValidatedAt);
        Bigint(copy, row.AddedAt);
    }

    public void WriteExternalId(in ExternalIdRow row)
    {
        var copy = _externalIds;
        copy.StartRow();
        Text(copy, row.AuthProvider);
        Text(copy, row.ExternalId);
        Text(copy, row.UserId);
    }

    public void WriteDevice(in DeviceRow row)
    {
        var copy = _devices;
        copy.StartRow();
        Text(copy, row.UserId);
        Text(copy, row.DeviceId);
        Text(copy, row.DisplayName);
        Bigint(copy, row.LastSeen);
        Text(copy, row.Ip);
        Text(copy, row.UserAgent);
        Boolean(copy, row.Hidden);
    }

    public void WriteAccessToken(in AccessTokenRow row)
    {
        var copy = _accessTokens;
        copy.StartRow();
        Bigint(copy, row.Id);
        Text(copy, row.UserId);
        Text(copy, row.DeviceId);
        Text(copy, row.Token);
        Bigint(copy, row.ValidUntilMs);
        Text(copy, row.PuppetsUserId);
        Bigint(copy, row.LastValidated);
        Bigint(copy, row.RefreshTokenId);
        Boolean(copy, row.Used);
    }

    public void WriteRefreshToken(in RefreshTokenRow row)
    {
        var copy = _refreshTokens;
        copy.StartRow();
        Bigint(copy, row.Id);
        Text(copy, row.UserId);
        Text(copy, row.DeviceId);
        Text(copy, row.Token);
        Bigint(copy, row.NextTokenId);
        Bigint(copy, row.ExpiryTs);
        Bigint(copy, row.UltimateSessionExpiryTs);
    }

    /// <summary>Ends the COPY streams, puts keys, constraints and indexes back and gathers statistics.</summary>
    public async Task CompleteAsync(Action<string> phase, CancellationToken cancellationToken)
    {
        phase("finishing COPY");
        foreach (var importer in new[] { _users, _threepids, _externalIds, _devices, _accessTokens, _refreshTokens })
        {
            await importer.CompleteAsync(cancellationToken);
            await importer.DisposeAsync();
        }

        phase("creating keys, constraints and indexes");
        await _pause.ResumeAsync(_dataSource, cancellationToken);
        phase("analyzing");
        await PostgresDatabase.ExecuteAsync(_dataSource, $"ANALYZE {string.Join(", ", SynapseTables.Loaded)}", cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private static void Text(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Text);
        }
    }

    private static void Bigint(NpgsqlBinaryImporter copy, long? value)
    {
        if (value is { } number)
        {
            copy.Write(number, NpgsqlDbType.Bigint);
        }
        else
        {
            copy.WriteNull();
        }
    }

    /// <summary><c>admin</c>, <c>is_guest</c> and <c>deactivated</c> are SMALLINT 0/1 even on PostgreSQL.</summary>
    private static void Smallint(NpgsqlBinaryImporter copy, bool value) => copy.Write((short)(value ? 1 : 0), NpgsqlDbType.Smallint);

    private static void Boolean(NpgsqlBinaryImporter copy, bool? value)
    {
        if (value is { } flag)
        {
            copy.Write(flag, NpgsqlDbType.Boolean);
        }
        else
        {
            copy.WriteNull();
        }
    }
}
