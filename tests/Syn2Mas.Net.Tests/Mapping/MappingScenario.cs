using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Identifiers;
using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Tests.Mapping;

/// <summary>Plain Synapse rows and a mapping context for the mapper's tests, with readable defaults.</summary>
internal static class MappingScenario
{
    public const string ServerName = "example.com";
    public const string Alice = "@alice:example.com";

    /// <summary>A bcrypt-shaped hash that must never show up in a message.</summary>
    public const string PasswordHash = "$2b$12$SECRETSECRETSECRETSECRuYvJ3kGnXr7FZ0Qm8hJ5cQe0j8T4x2";

    /// <summary>1600000000 s = 2020-09-13T12:26:40Z; read as milliseconds it would be in January 1970.</summary>
    public const long CreationTs = 1_600_000_000;

    public static readonly DateTimeOffset UserCreatedAt = new(2020, 9, 13, 12, 26, 40, TimeSpan.Zero);

    /// <summary>Later than every Synapse time below, so that "the earliest" is never the start time by accident.</summary>
    public static readonly DateTimeOffset StartedAt = new(2025, 6, 1, 12, 0, 0, 250, TimeSpan.Zero);

    public static readonly Guid CorpProvider = UlidUuid.ToUuid(NUlid.Ulid.Parse("01JMS9TZPSM6XR8TB3HCN5FVEA"));

    public static MappingContext Context(
        bool skipInvalidUsers = false,
        bool skipOrphans = false,
        bool ignoreMissingAuthProviders = false,
        MasIdGenerator? ids = null,
        DateTimeOffset? startedAt = null) =>
        new(ServerName, UpstreamProviderMapping.Create(null, ["oidc-corp:01JMS9TZPSM6XR8TB3HCN5FVEA"]), startedAt ?? StartedAt, ids ?? MasIdGenerator.CreateForRun())
        {
            SkipInvalidUsers = skipInvalidUsers,
            SkipOrphans = skipOrphans,
            IgnoreMissingAuthProviders = ignoreMissingAuthProviders,
        };

    public static MappedUser Map(SynapseUserRows rows, MappingContext? context = null) => new UserMapper(context ?? Context()).Map(rows);

    public static SynapseUser User(
        string? name = Alice,
        string? passwordHash = PasswordHash,
        long? creationTs = CreationTs,
        bool admin = false,
        bool isGuest = false,
        bool deactivated = false,
        string? appserviceId = null,
        bool locked = false) =>
        new(name is null ? null : new SynapseUserId(name), passwordHash, creationTs is { } seconds ? new SynapseSeconds(seconds) : null, admin, isGuest, deactivated, appserviceId, locked);

    public static SynapseUserRows Rows(
        SynapseUser? user,
        IReadOnlyList<SynapseThreepid>? threepids = null,
        IReadOnlyList<SynapseExternalId>? externalIds = null,
        IReadOnlyList<SynapseDevice>? devices = null,
        IReadOnlyList<SynapseAccessToken>? accessTokens = null,
        IReadOnlyList<SynapseRefreshToken>? refreshTokens = null,
        string? userId = null) =>
        new(userId ?? user?.Name?.Value, user, threepids ?? [], externalIds ?? [], devices ?? [], accessTokens ?? [], refreshTokens ?? []);

    public static SynapseThreepid Threepid(string medium, string address, long addedAt, string userId = Alice) =>
        new(userId, medium, address, new SynapseMilliseconds(addedAt));

    public static SynapseExternalId ExternalId(string authProvider, string externalId, string userId = Alice) =>
        new(userId, authProvider, externalId);

    public static SynapseDevice Device(
        string deviceId,
        string? displayName = null,
        long? lastSeen = null,
        string? ip = null,
        string? userAgent = null,
        bool hidden = false,
        string userId = Alice) =>
        new(userId, deviceId, displayName, Ms(lastSeen), ip, userAgent, hidden);

    public static SynapseAccessToken AccessToken(
        long id,
        string? deviceId,
        long? lastValidated = null,
        long? validUntilMs = null,
        string? puppetsUserId = null,
        long? refreshTokenId = null,
        bool used = false,
        string? token = null,
        string userId = Alice) =>
        new(id, userId, deviceId, token ?? $"syt_access_{id}", Ms(validUntilMs), puppetsUserId, Ms(lastValidated), refreshTokenId, used);

    public static SynapseRefreshToken RefreshToken(long id, string deviceId, long? nextTokenId = null, string? token = null, string userId = Alice) =>
        new(id, userId, deviceId, token ?? $"syr_refresh_{id}", nextTokenId);

    /// <summary>The time a MAS id carries in its ULID.</summary>
    public static DateTimeOffset IdTime(Guid id) => UlidUuid.ToUlid(id).Time;

    /// <summary>The skipped rows as (table, reason) pairs, for exact comparisons.</summary>
    public static IReadOnlyList<(string Table, string Reason)> Skips(MappedUser mapped) =>
        [.. mapped.SkippedRows.Select(row => (row.Table, row.Reason))];

    public static DateTimeOffset Milliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>A Synapse millisecond time, or NULL.</summary>
    public static SynapseMilliseconds? Ms(long? milliseconds) => milliseconds is { } value ? new SynapseMilliseconds(value) : null;
}
