using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Mapping;

/// <summary>
/// Rules 4 to 6: a user's devices, access tokens and refresh tokens become compat sessions and their tokens.
/// Tokens are decided first, because a session is dated by the earliest of its migrated tokens and a hidden
/// device gets a session only when a migrated token needs it; then sessions are written, then tokens.
/// </summary>
internal sealed class CompatSessionMapper
{
    /// <summary>The device Synapse gives guests (rule 6).</summary>
    private const string GuestDeviceId = "guest_device";

    private readonly MappingContext _context;
    private readonly MasIdGenerator _ids;

    /// <summary>Also "now" for every expiry: the snapshot's time (rule: snapshot-time).</summary>
    private readonly DateTimeOffset _startedAt;

    public CompatSessionMapper(MappingContext context, DateTimeOffset startedAt)
    {
        _context = context;
        _ids = context.Ids;
        _startedAt = startedAt;
    }

    /// <param name="name">The user's id, well formed (the mapper checked it).</param>
    public void Map(SynapseUserRows rows, SynapseUser user, string name, Guid userId, MappedUser mapped)
    {
        var devices = rows.Devices;
        var accessTokens = rows.AccessTokens;
        var refreshTokens = rows.RefreshTokens;
        if (devices.Count == 0 && accessTokens.Count == 0 && refreshTokens.Count == 0)
        {
            return;
        }

        // rule: sessions-of-active-users-only
        if (user.Deactivated || user.IsGuest)
        {
            var reason = user.Deactivated ? SkipReasons.DeactivatedUser : SkipReasons.GuestUser;
            mapped.Skip(SynapseTables.Devices, reason, devices.Count);
            mapped.Skip(SynapseTables.AccessTokens, reason, accessTokens.Count);
            mapped.Skip(SynapseTables.RefreshTokens, reason, refreshTokens.Count);
            return;
        }

        var deviceIndex = new DeviceIndex(devices);
        var deviceFaults = DeviceFaults(devices);
        var earliest = new DateTimeOffset?[devices.Count];
        var plans = new PlannedAccessToken[accessTokens.Count];

        PlanRefreshPairs(rows, deviceIndex, deviceFaults, earliest, plans, mapped);
        PlanAccessTokens(accessTokens, deviceIndex, deviceFaults, earliest, plans, mapped);
        var sessionIds = WriteDeviceSessions(rows, user, name, userId, deviceFaults, earliest, mapped);
        WriteTokens(accessTokens, refreshTokens, userId, plans, sessionIds, mapped);
    }

    /// <summary>
    /// rule: refreshable-token-pairs (rule 5): a refresh token migrates with the access token that points at it (same user and device) when
    /// its device exists and Synapse would still accept it: its successor's access token was never used, its
    /// successor has not been refreshed in turn, and neither its <c>expiry_ts</c> nor its session's
    /// <c>ultimate_session_expiry_ts</c> has passed (Synapse's own tests, as its refresh handler makes them).
    /// MAS's compat refresh tokens cannot expire, so any other would work there for ever. The access token of
    /// a pair migrates with it even when expired: the refresh token is what keeps the session alive. Runs
    /// first, so that rule 4 sees which access tokens are taken.
    /// </summary>
    private void PlanRefreshPairs(
        SynapseUserRows rows,
        DeviceIndex deviceIndex,
        ValueFault?[] deviceFaults,
        DateTimeOffset?[] earliest,
        PlannedAccessToken[] plans,
        MappedUser mapped)
    {
        var accessTokens = rows.AccessTokens;
        var refreshTokens = rows.RefreshTokens;
        if (refreshTokens.Count == 0)
        {
            return;
        }

        var refreshIndex = new Dictionary<SynapseNumber, int>(refreshTokens.Count);
        for (var index = 0; index < refreshTokens.Count; index++)
        {
            refreshIndex.TryAdd(refreshTokens[index].Id, index);
        }

        // Synapse creates one access token per refresh token; should there be more, the first (lowest id)
        // is the pair and the others are unpaired, so the choice does not depend on the order rows arrive in.
        var pairedAccessToken = new int[refreshTokens.Count];
        Array.Fill(pairedAccessToken, -1);
        HashSet<SynapseNumber>? usedRefreshTokenIds = null;
        for (var index = 0; index < accessTokens.Count; index++)
        {
            var accessToken = accessTokens[index];
            if (accessToken.RefreshTokenId is not { } refreshTokenId)
            {
                continue;
            }

            if (accessToken.Used)
            {
                (usedRefreshTokenIds ??= []).Add(refreshTokenId);
            }

            if (refreshIndex.TryGetValue(refreshTokenId, out var refresh)
                && string.Equals(accessToken.DeviceId, refreshTokens[refresh].DeviceId, StringComparison.Ordinal)
                && (pairedAccessToken[refresh] < 0 || accessToken.Id < accessTokens[pairedAccessToken[refresh]].Id))
            {
                pairedAccessToken[refresh] = index;
            }
        }

        for (var refresh = 0; refresh < refreshTokens.Count; refresh++)
        {
            var refreshToken = refreshTokens[refresh];
            var access = pairedAccessToken[refresh];
            var device = deviceIndex.IndexOf(refreshToken.DeviceId);
            var fault = device < 0 || access < 0 ? null : NumberFault(refreshToken) ?? NumberFault(accessTokens[access]);
            var reason = device < 0 ? SkipReasons.UnknownDevice
                : access < 0 ? SkipReasons.UnpairedRefreshToken
                : fault is not null ? null
                : RefusedBySynapse(refreshToken, refreshTokens, refreshIndex, usedRefreshTokenIds)
                    ?? (accessTokens[access].PuppetsUserId is not null ? SkipReasons.PuppetToken : null);
            fault ??= reason is not null ? null
                : deviceFaults[device]
                    ?? InvalidValues.InText(SynapseTables.RefreshTokens, "token", refreshToken.Token)
                    ?? InvalidValues.InText(SynapseTables.AccessTokens, "token", accessTokens[access].Token);
            if (fault is { } pairFault)
            {
                plans[access].Decided = true;
                InvalidValues.SkipOrRefuse(_context, mapped, SynapseTables.RefreshTokens, pairFault);
                mapped.Skip(SynapseTables.AccessTokens, pairFault.Reason);
                continue;
            }

            if (reason is not null)
            {
                mapped.Skip(SynapseTables.RefreshTokens, reason);
                if (access >= 0)
                {
                    mapped.Skip(SynapseTables.AccessTokens, reason);
                    plans[access].Decided = true;
                }

                continue;
            }

            plans[access].Decided = true;
            Plan(ref plans[access], accessTokens[access], device, refresh, earliest, mapped);
        }
    }

    /// <summary>
    /// Why Synapse would refuse this refresh token, or null when it would accept it. The successor is looked
    /// up among the user's own refresh tokens: Synapse only ever makes it for the same user and device.
    /// </summary>
    private string? RefusedBySynapse(
        SynapseRefreshToken refreshToken,
        IReadOnlyList<SynapseRefreshToken> refreshTokens,
        Dictionary<SynapseNumber, int> refreshIndex,
        HashSet<SynapseNumber>? usedRefreshTokenIds)
    {
        if (refreshToken.NextTokenId is { } next)
        {
            if (usedRefreshTokenIds?.Contains(next) == true)
            {
                return SkipReasons.SuccessorUsed;
            }

            if (refreshIndex.TryGetValue(next, out var successor) && refreshTokens[successor].NextTokenId is not null)
            {
                return SkipReasons.SuccessorRefreshed;
            }
        }

        // rule: session-lifetime. Synapse refuses when the time is strictly before now; a time equal to now is still accepted.
        return refreshToken.UltimateSessionExpiryTs?.IsBefore(_startedAt) == true ? SkipReasons.SessionExpired
            : refreshToken.ExpiryTs?.IsBefore(_startedAt) == true ? SkipReasons.RefreshTokenExpired
            : null;
    }

    private static ValueFault? NumberFault(SynapseRefreshToken refreshToken) =>
        InvalidValues.InNumber(SynapseTables.RefreshTokens, "id", refreshToken.Id)
        ?? InvalidValues.InNumber(SynapseTables.RefreshTokens, "next_token_id", refreshToken.NextTokenId)
        ?? InvalidValues.InNumber(SynapseTables.RefreshTokens, "expiry_ts", refreshToken.ExpiryTs)
        ?? InvalidValues.InNumber(SynapseTables.RefreshTokens, "ultimate_session_expiry_ts", refreshToken.UltimateSessionExpiryTs);

    private static ValueFault? NumberFault(SynapseAccessToken accessToken) =>
        InvalidValues.InNumber(SynapseTables.AccessTokens, "id", accessToken.Id)
        ?? InvalidValues.InNumber(SynapseTables.AccessTokens, "valid_until_ms", accessToken.ValidUntilMs)
        ?? InvalidValues.InNumber(SynapseTables.AccessTokens, "last_validated", accessToken.LastValidated)
        ?? InvalidValues.InNumber(SynapseTables.AccessTokens, "refresh_token_id", accessToken.RefreshTokenId);

    /// <summary>
    /// rule: access-tokens (rule 4): access tokens without a refresh token, and those rule 5 left. One whose <c>valid_until_ms</c>
    /// has passed is refused by Synapse, so it is skipped: it dates no session and, deviceless, makes none.
    /// </summary>
    private void PlanAccessTokens(
        IReadOnlyList<SynapseAccessToken> accessTokens,
        DeviceIndex deviceIndex,
        ValueFault?[] deviceFaults,
        DateTimeOffset?[] earliest,
        PlannedAccessToken[] plans,
        MappedUser mapped)
    {
        for (var index = 0; index < accessTokens.Count; index++)
        {
            if (plans[index].Decided)
            {
                continue;
            }

            var accessToken = accessTokens[index];
            plans[index].Decided = true;
            if (NumberFault(accessToken) is { } numberFault)
            {
                InvalidValues.SkipOrRefuse(_context, mapped, SynapseTables.AccessTokens, numberFault);
                continue;
            }

            if (accessToken.RefreshTokenId is not null)
            {
                mapped.Skip(SynapseTables.AccessTokens, SkipReasons.UnpairedRefreshToken);
                continue;
            }

            if (accessToken.PuppetsUserId is not null)
            {
                mapped.Skip(SynapseTables.AccessTokens, SkipReasons.PuppetToken);
                continue;
            }

            if (accessToken.ValidUntilMs?.IsBefore(_startedAt) == true)
            {
                mapped.Skip(SynapseTables.AccessTokens, SkipReasons.AccessTokenExpired);
                continue;
            }

            var device = -1;
            if (accessToken.DeviceId is { } deviceId)
            {
                device = deviceIndex.IndexOf(deviceId);
                if (device < 0)
                {
                    mapped.Skip(SynapseTables.AccessTokens, SkipReasons.UnknownDevice);
                    continue;
                }

                if (deviceFaults[device] is { } deviceFault)
                {
                    InvalidValues.SkipOrRefuse(_context, mapped, SynapseTables.AccessTokens, deviceFault);
                    continue;
                }
            }

            if (InvalidValues.InText(SynapseTables.AccessTokens, "token", accessToken.Token) is { } tokenFault)
            {
                InvalidValues.SkipOrRefuse(_context, mapped, SynapseTables.AccessTokens, tokenFault);
                continue;
            }

            Plan(ref plans[index], accessToken, device, -1, earliest, mapped);
        }
    }

    private void Plan(
        ref PlannedAccessToken plan, SynapseAccessToken accessToken, int device, int refreshToken, DateTimeOffset?[] earliest, MappedUser mapped)
    {
        var createdAt = SynapseTime.Created(accessToken.LastValidated, _startedAt, mapped, SynapseTables.AccessTokens, "last_validated");
        plan.Migrated = true;
        plan.Device = device;
        plan.RefreshToken = refreshToken;
        plan.CreatedAt = createdAt;
        plan.ExpiresAt = SynapseTime.Expiry(accessToken.ValidUntilMs, mapped, SynapseTables.AccessTokens, "valid_until_ms");
        if (device >= 0 && (earliest[device] is not { } current || createdAt < current))
        {
            earliest[device] = createdAt;
        }
    }

    /// <summary>
    /// rule: device-sessions (rule 6): a session for every visible device, and for every device a migrated token is in, hidden or
    /// not, so that no token points at a missing session.
    /// </summary>
    private Guid[] WriteDeviceSessions(
        SynapseUserRows rows, SynapseUser user, string name, Guid userId, ValueFault?[] deviceFaults, DateTimeOffset?[] earliest, MappedUser mapped)
    {
        var devices = rows.Devices;
        var sessionIds = devices.Count == 0 ? [] : new Guid[devices.Count];
        for (var index = 0; index < devices.Count; index++)
        {
            var device = devices[index];
            var tokenCreatedAt = earliest[index];
            if (tokenCreatedAt is null && device.Hidden)
            {
                mapped.Skip(SynapseTables.Devices, SkipReasons.HiddenDevice);
                continue;
            }

            if (tokenCreatedAt is null && device.DeviceId == GuestDeviceId)
            {
                mapped.Skip(SynapseTables.Devices, SkipReasons.GuestDevice);
                continue;
            }

            if (deviceFaults[index] is { } deviceFault)
            {
                InvalidValues.SkipOrRefuse(_context, mapped, SynapseTables.Devices, deviceFault);
                continue;
            }

            var createdAt = tokenCreatedAt ?? _startedAt;
            var sessionId = _ids.CompatSessionId(name, device.DeviceId, createdAt);
            sessionIds[index] = sessionId;
            var lastActiveIp = DeviceIp.Parse(device.Ip, out var unparsable);
            if (unparsable)
            {
                mapped.Warn(MappingWarningCodes.DeviceIpUnparsable, device.DeviceId,
                    $"devices.ip of {ExampleText.Of(rows.UserId)} (device {ExampleText.Of(device.DeviceId)}) is neither IPv4 nor IPv6; the session is migrated without an IP");
            }

            var lastActiveAt = SynapseTime.Seen(device.LastSeen, _startedAt, mapped, SynapseTables.Devices, "last_seen");
            mapped.Add(new MasCompatSession(
                sessionId,
                userId,
                device.DeviceId,
                createdAt,
                IsSynapseAdmin: user.Admin,
                LastActiveAt: lastActiveAt,
                LastActiveIp: lastActiveIp,
                UserAgent: device.UserAgent,
                HumanName: device.DisplayName));
        }

        return sessionIds;
    }

    private void WriteTokens(
        IReadOnlyList<SynapseAccessToken> accessTokens,
        IReadOnlyList<SynapseRefreshToken> refreshTokens,
        Guid userId,
        PlannedAccessToken[] plans,
        Guid[] sessionIds,
        MappedUser mapped)
    {
        for (var index = 0; index < accessTokens.Count; index++)
        {
            var plan = plans[index];
            if (!plan.Migrated)
            {
                continue;
            }

            var accessToken = accessTokens[index];
            Guid sessionId;
            if (plan.Device >= 0)
            {
                sessionId = sessionIds[plan.Device];
            }
            else
            {
                // rule: deviceless-sessions (rule 4): a deviceless token gets a session of its own, dated like the token.
                sessionId = _ids.DevicelessCompatSessionId(accessToken.Id.Value, plan.CreatedAt);
                mapped.Add(new MasCompatSession(
                    sessionId, userId, DeviceId: null, plan.CreatedAt, IsSynapseAdmin: false,
                    LastActiveAt: null, LastActiveIp: null, UserAgent: null, HumanName: null));
            }

            var accessTokenId = _ids.CompatAccessTokenId(accessToken.Id.Value, plan.CreatedAt);
            mapped.Add(new MasCompatAccessToken(accessTokenId, sessionId, accessToken.Token, plan.CreatedAt, plan.ExpiresAt));
            if (plan.RefreshToken >= 0)
            {
                mapped.Add(new MasCompatRefreshToken(
                    _ids.NewId(plan.CreatedAt), sessionId, accessTokenId, refreshTokens[plan.RefreshToken].Token, plan.CreatedAt));
            }
        }
    }

    /// <summary>The first value of each device that MAS must not be given (<see cref="InvalidValues"/>), or null.</summary>
    private static ValueFault?[] DeviceFaults(IReadOnlyList<SynapseDevice> devices)
    {
        var faults = devices.Count == 0 ? [] : new ValueFault?[devices.Count];
        for (var index = 0; index < devices.Count; index++)
        {
            var device = devices[index];
            faults[index] = InvalidValues.InText(SynapseTables.Devices, "device_id", device.DeviceId)
                ?? InvalidValues.InText(SynapseTables.Devices, "display_name", device.DisplayName)
                ?? InvalidValues.InText(SynapseTables.Devices, "user_agent", device.UserAgent)
                ?? InvalidValues.InText(SynapseTables.Devices, "ip", device.Ip)
                ?? InvalidValues.InNumber(SynapseTables.Devices, "last_seen", device.LastSeen);
        }

        return faults;
    }
}
