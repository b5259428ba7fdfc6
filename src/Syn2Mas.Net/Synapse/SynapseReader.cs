using System.Data.Common;
using System.Runtime.CompilerServices;
using Syn2Mas.Net.Databases;

namespace Syn2Mas.Net.Synapse;

/// <summary>
/// Streams Synapse's tables in user id order, code point order as <see cref="CodePointComparer"/> defines it,
/// for <see cref="SynapseUserMerger"/>: one stream per table, all in the source's one snapshot, any number
/// read interleaved. Rows are mapped with ordinal getters; booleans are turned into true/false by the SQL,
/// since their storage differs per dialect (docs/schema.md, "Dialect quirks"). Numbers and times get
/// their type here (<see cref="SynapseNumber"/>, <see cref="SynapseSeconds"/>, <see cref="SynapseMilliseconds"/>),
/// so that no later step chooses a unit or reads a SQLite value that is not a number as one. Text is
/// returned as stored, NUL characters included: what cannot be written is the mapper's to decide.
/// </summary>
/// <remarks>
/// Cancellation comes from the argument or from <c>WithCancellation</c>; the underlying iterators combine both.
/// </remarks>
internal sealed class SynapseReader
{
    /// <summary>Rows per PostgreSQL FETCH: few round trips, and a small buffer per open stream.</summary>
    public const int DefaultBatchSize = 5000;

    private readonly SynapseSource _source;
    private readonly int _batchSize;

    public SynapseReader(SynapseSource source, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (!source.Schema.IsSupported)
        {
            throw new InvalidOperationException(
                $"{source.Description} is not a Synapse database at schema {SynapseSchemaInfo.MinimumSchemaVersion} or newer; run the checks before reading it.");
        }

        _source = source;
        _batchSize = batchSize;
    }

    /// <summary>
    /// Every row of <c>users</c>: NULL names first, then by name. On old schemas without <c>users.locked</c>
    /// nobody is locked.
    /// </summary>
    public async IAsyncEnumerable<SynapseUser> ReadUsersAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Two queries rather than NULLS FIRST, which PostgreSQL's ascending index on name cannot serve
        // (it keeps NULLs last); both run in the same snapshot, and NULL names are rare.
        await foreach (var user in Stream(UnnamedUsersSql, MapUser, cancellationToken))
        {
            yield return user;
        }

        await foreach (var user in Stream(NamedUsersSql, MapUser, cancellationToken))
        {
            yield return user;
        }
    }

    /// <summary>Every row of <c>user_threepids</c>, by user id, then medium and address.</summary>
    public IAsyncEnumerable<SynapseThreepid> ReadThreepidsAsync(CancellationToken cancellationToken = default) =>
        Stream(ThreepidsSql, MapThreepid, cancellationToken);

    /// <summary>Every row of <c>user_external_ids</c>, by user id, then provider and subject.</summary>
    public IAsyncEnumerable<SynapseExternalId> ReadExternalIdsAsync(CancellationToken cancellationToken = default) =>
        Stream(ExternalIdsSql, MapExternalId, cancellationToken);

    /// <summary>Every row of <c>devices</c>, by user id and device id (the order of its unique index).</summary>
    public IAsyncEnumerable<SynapseDevice> ReadDevicesAsync(CancellationToken cancellationToken = default) =>
        Stream(DevicesSql, MapDevice, cancellationToken);

    /// <summary>
    /// Every row of <c>access_tokens</c>, by user id, device id and id; a user's deviceless tokens (NULL
    /// device id) come before the others, as NULL names do in <see cref="ReadUsersAsync"/>.
    /// </summary>
    public IAsyncEnumerable<SynapseAccessToken> ReadAccessTokensAsync(CancellationToken cancellationToken = default) =>
        Stream(AccessTokensSql, MapAccessToken, cancellationToken);

    /// <summary>Every row of <c>refresh_tokens</c>, by user id, device id and id.</summary>
    public IAsyncEnumerable<SynapseRefreshToken> ReadRefreshTokensAsync(CancellationToken cancellationToken = default) =>
        Stream(RefreshTokensSql, MapRefreshToken, cancellationToken);

    /// <summary>
    /// Every table at once, merged user by user (<see cref="SynapseUserMerger"/>): each user's rows of every
    /// table together, in user id order, as the migration maps them. A connection that fails on the way
    /// comes as a <see cref="DatabaseUnavailableException"/> naming Synapse's database.
    /// </summary>
    public IAsyncEnumerable<SynapseUserRows> ReadByUserAsync(CancellationToken cancellationToken = default) =>
        SynapseConnectionLost.Guard(
            _source,
            SynapseUserMerger.MergeAsync(
                ReadUsersAsync(cancellationToken),
                ReadThreepidsAsync(cancellationToken),
                ReadExternalIdsAsync(cancellationToken),
                ReadDevicesAsync(cancellationToken),
                ReadAccessTokensAsync(cancellationToken),
                ReadRefreshTokensAsync(cancellationToken),
                cancellationToken),
            cancellationToken);

    internal string UnnamedUsersSql => $"{UsersSelect} FROM {SynapseTables.Users} WHERE name IS NULL";

    internal string NamedUsersSql => $"{UsersSelect} FROM {_source.ReadWhole(SynapseTables.Users)} WHERE name IS NOT NULL ORDER BY {_source.ByteOrder("name")}";

    internal string ThreepidsSql => $"""
        SELECT user_id, medium, address, added_at
        FROM {_source.ReadWhole(SynapseTables.UserThreepids)}
        ORDER BY {_source.ByteOrder("user_id")}, {_source.ByteOrder("medium")}, {_source.ByteOrder("address")}
        """;

    internal string ExternalIdsSql => $"""
        SELECT user_id, auth_provider, external_id
        FROM {_source.ReadWhole(SynapseTables.UserExternalIds)}
        ORDER BY {_source.ByteOrder("user_id")}, {_source.ByteOrder("auth_provider")}, {_source.ByteOrder("external_id")}
        """;

    internal string DevicesSql => $"""
        SELECT user_id, device_id, display_name, last_seen, ip, user_agent, {_source.IsTrue("hidden")}
        FROM {_source.ReadWhole(SynapseTables.Devices)}
        ORDER BY {_source.ByteOrder("user_id")}, {_source.ByteOrder("device_id")}
        """;

    internal string AccessTokensSql => $"""
        SELECT id, user_id, device_id, token, valid_until_ms, puppets_user_id, last_validated,
               refresh_token_id, {_source.IsTrue("used")}
        FROM {_source.ReadWhole(SynapseTables.AccessTokens)}
        ORDER BY {_source.ByteOrder("user_id")}, {_source.ByteOrder("device_id")}{NullsFirst}, id
        """;

    internal string RefreshTokensSql => $"""
        SELECT id, user_id, device_id, token, next_token_id, {OptionalInteger(SynapseTables.RefreshTokens, "expiry_ts")},
               {OptionalInteger(SynapseTables.RefreshTokens, "ultimate_session_expiry_ts")}
        FROM {_source.ReadWhole(SynapseTables.RefreshTokens)}
        ORDER BY {_source.ByteOrder("user_id")}, {_source.ByteOrder("device_id")}, id
        """;

    private string UsersSelect => $"""
        SELECT name, password_hash, creation_ts, admin <> 0, is_guest <> 0, deactivated <> 0, appservice_id,
               {(_source.Schema.HasColumn(SynapseTables.Users, "locked") ? _source.IsTrue("locked") : "FALSE")}
        """;

    /// <summary>A number column that older schemas lack (the refresh token expiries came with schema 65), as NULL there.</summary>
    private string OptionalInteger(string table, string column) => _source.Schema.HasColumn(table, column) ? column : "NULL";

    /// <summary>SQLite sorts NULL first already; PostgreSQL's default is NULLS LAST for ascending keys.</summary>
    private string NullsFirst => _source.Dialect == SynapseDialect.Postgres ? " NULLS FIRST" : "";

    private IAsyncEnumerable<T> Stream<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken) =>
        SynapseRowStream.ReadAsync(_source, sql, map, _batchSize, cancellationToken);

    private static SynapseUser MapUser(DbDataReader row) => new(
        Name: NullableString(row, 0) is { } name ? new SynapseUserId(name) : null,
        PasswordHash: NullableString(row, 1),
        CreationTs: SynapseSeconds.ReadNullable(row, 2),
        Admin: row.GetBoolean(3),
        IsGuest: row.GetBoolean(4),
        Deactivated: row.GetBoolean(5),
        AppserviceId: NullableString(row, 6),
        Locked: row.GetBoolean(7));

    private static SynapseThreepid MapThreepid(DbDataReader row) => new(
        UserId: Text(row, 0),
        Medium: Text(row, 1),
        Address: Text(row, 2),
        AddedAt: SynapseMilliseconds.Read(row, 3));

    private static SynapseExternalId MapExternalId(DbDataReader row) => new(
        UserId: Text(row, 0),
        AuthProvider: Text(row, 1),
        ExternalId: Text(row, 2));

    private static SynapseDevice MapDevice(DbDataReader row) => new(
        UserId: Text(row, 0),
        DeviceId: Text(row, 1),
        DisplayName: NullableString(row, 2),
        LastSeen: SynapseMilliseconds.ReadNullable(row, 3),
        Ip: NullableString(row, 4),
        UserAgent: NullableString(row, 5),
        Hidden: row.GetBoolean(6));

    private static SynapseAccessToken MapAccessToken(DbDataReader row) => new(
        Id: SynapseNumber.Read(row, 0),
        UserId: Text(row, 1),
        DeviceId: NullableString(row, 2),
        Token: Text(row, 3),
        ValidUntilMs: SynapseMilliseconds.ReadNullable(row, 4),
        PuppetsUserId: NullableString(row, 5),
        LastValidated: SynapseMilliseconds.ReadNullable(row, 6),
        RefreshTokenId: SynapseNumber.ReadNullable(row, 7),
        Used: row.GetBoolean(8));

    private static SynapseRefreshToken MapRefreshToken(DbDataReader row) => new(
        Id: SynapseNumber.Read(row, 0),
        UserId: Text(row, 1),
        DeviceId: Text(row, 2),
        Token: Text(row, 3),
        NextTokenId: SynapseNumber.ReadNullable(row, 4),
        ExpiryTs: SynapseMilliseconds.ReadNullable(row, 5),
        UltimateSessionExpiryTs: SynapseMilliseconds.ReadNullable(row, 6));

    private static string? NullableString(DbDataReader row, int ordinal) => SynapseText.ReadNullable(row, ordinal);

    private static string Text(DbDataReader row, int ordinal) => SynapseText.Read(row, ordinal);

}
