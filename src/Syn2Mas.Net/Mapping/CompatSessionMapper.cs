using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Mas;
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
    private readonly DateTimeOffset _startedAt;

    public CompatSessionMapper(MappingContext context, DateTimeOffset startedAt)
    {
        _context = context;
        _ids = context.Ids;
        _startedAt = startedAt;
    }

    public void Map(SynapseUserRows rows, SynapseUser user, Guid userId, MappedUser mapped)
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
        var deviceNulColumns = DeviceNulColumns(devices);
        var earliest = new DateTimeOffset?[devices.Count];
        var plans = new PlannedAccessToken[accessTokens.Count];

        PlanRefreshPairs(rows, deviceIndex, deviceNulColumns, earliest, plans, mapped);
        PlanAccessTokens(accessTokens, deviceIndex, deviceNulColumns, earliest, plans, mapped);
        var sessionIds = WriteDeviceSessions(rows, user, userId, deviceNulColumns, earliest, mapped);
        WriteTokens(accessTokens, refreshTokens, userId, plans, sessionIds, mapped);
    }

    /// <summary>
    /// rule: refreshable-token-pairs (rule 5): a refresh token migrates with the access token that points at it (same user and device) when
    /// its device exists and its successor's access token was never used. Runs first, so that rule 4 sees
    /// which access tokens are taken.
    /// </summary>
    private void PlanRefreshPairs(
        SynapseUserRows rows,
        DeviceIndex deviceIndex,
        string?[] deviceNulColumns,
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

        var refreshIndex = new Dictionary<long, int>(refreshTokens.Count);
        for (var index = 0; index < refreshTokens.Count; index++)
        {
            refreshIndex.TryAdd(refreshTokens[index].Id, index);
        }

        // Synapse creates one access token per refresh token; should there be more, the first (lowest id)
        // is the pair and the others are unpaired, so the choice does not depend on the order rows arrive in.
        var pairedAccessToken = new int[refreshTokens.Count];
        Array.Fill(pairedAccessToken, -1);
        HashSet<long>? usedRefreshTokenIds = null;
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
            var reason = device < 0 ? SkipReasons.UnknownDevice
                : access < 0 ? SkipReasons.UnpairedRefreshToken
                : refreshToken.NextTokenId is { } next && usedRefreshTokenIds?.Contains(next) == true ? SkipReasons.SuccessorUsed
                : accessTokens[access].PuppetsUserId is not null ? SkipReasons.PuppetToken
                : null;
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

            var accessToken = accessTokens[access];
            plans[access].Decided = true;
            var (nulTable, nulColumn) = deviceNulColumns[device] is { } deviceColumn ? (SynapseTables.Devices, deviceColumn)
                : NulCharacters.In(refreshToken.Token) ? (SynapseTables.RefreshTokens, "token")
                : NulCharacters.In(accessToken.Token) ? (SynapseTables.AccessTokens, "token")
                : (null, null);
            if (nulTable is not null)
            {
                NulCharacters.SkipOrRefuse(_context, mapped, SynapseTables.RefreshTokens, nulTable, nulColumn!);
                mapped.Skip(SynapseTables.AccessTokens, SkipReasons.NulCharacter);
                continue;
            }

            Plan(ref plans[access], accessToken, device, refresh, earliest, mapped);
        }
    }

    /// <summary>rule: access-tokens (rule 4): access tokens without a refresh token, and those rule 5 left.</summary>
    private void PlanAccessTokens(
        IReadOnlyList<SynapseAccessToken> accessTokens,
        DeviceIndex deviceIndex,
        string?[] deviceNulColumns,
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

            var device = -1;
            if (accessToken.DeviceId is { } deviceId)
            {
                device = deviceIndex.IndexOf(deviceId);
                if (device < 0)
                {
                    mapped.Skip(SynapseTables.AccessTokens, SkipReasons.UnknownDevice);
                    continue;
                }

                if (deviceNulColumns[device] is { } deviceColumn)
                {
                    NulCharacters.SkipOrRefuse(_context, mapped, SynapseTables.AccessTokens, SynapseTables.Devices, deviceColumn);
                    continue;
                }
            }

            if (NulCharacters.In(accessToken.Token))
            {
                NulCharacters.SkipOrRefuse(_context, mapped, SynapseTables.AccessTokens, SynapseTables.AccessTokens, "token");
                continue;
            }

            Plan(ref plans[index], accessToken, device, -1, earliest, mapped);
        }
    }

    private void Plan(
        ref PlannedAccessToken plan, SynapseAccessToken accessToken, int device, int refreshToken, DateTimeOffset?[] earliest, MappedUser mapped)
    {
        var createdAt = accessToken.LastValidated is { } lastValidated
            ? SynapseTime.FromMilliseconds(lastValidated, mapped, SynapseTables.AccessTokens, "last_validated")
            : _startedAt;
        plan.Migrated = true;
        plan.Device = device;
        plan.RefreshToken = refreshToken;
        plan.CreatedAt = createdAt;
        plan.ExpiresAt = accessToken.ValidUntilMs is { } validUntil
            ? SynapseTime.FromMilliseconds(validUntil, mapped, SynapseTables.AccessTokens, "valid_until_ms")
            : null;
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
        SynapseUserRows rows, SynapseUser user, Guid userId, string?[] deviceNulColumns, DateTimeOffset?[] earliest, MappedUser mapped)
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

            if (deviceNulColumns[index] is { } nulColumn)
            {
                NulCharacters.SkipOrRefuse(_context, mapped, SynapseTables.Devices, SynapseTables.Devices, nulColumn);
                continue;
            }

            var createdAt = tokenCreatedAt ?? _startedAt;
            var sessionId = _ids.CompatSessionId(user.Name!, device.DeviceId, createdAt);
            sessionIds[index] = sessionId;
            var lastActiveIp = DeviceIp.Parse(device.Ip, out var unparsable);
            if (unparsable)
            {
                mapped.Warn(MappingWarningCodes.DeviceIpUnparsable, device.DeviceId,
                    $"devices.ip of {ExampleText.Of(rows.UserId)} (device {ExampleText.Of(device.DeviceId)}) is neither IPv4 nor IPv6; the session is migrated without an IP");
            }

            var lastActiveAt = device.LastSeen is { } lastSeen
                ? SynapseTime.FromMilliseconds(lastSeen, mapped, SynapseTables.Devices, "last_seen")
                : (DateTimeOffset?)null;
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
                sessionId = _ids.DevicelessCompatSessionId(accessToken.Id, plan.CreatedAt);
                mapped.Add(new MasCompatSession(
                    sessionId, userId, DeviceId: null, plan.CreatedAt, IsSynapseAdmin: false,
                    LastActiveAt: null, LastActiveIp: null, UserAgent: null, HumanName: null));
            }

            var accessTokenId = _ids.CompatAccessTokenId(accessToken.Id, plan.CreatedAt);
            mapped.Add(new MasCompatAccessToken(accessTokenId, sessionId, accessToken.Token, plan.CreatedAt, plan.ExpiresAt));
            if (plan.RefreshToken >= 0)
            {
                mapped.Add(new MasCompatRefreshToken(
                    _ids.NewId(plan.CreatedAt), sessionId, accessTokenId, refreshTokens[plan.RefreshToken].Token, plan.CreatedAt));
            }
        }
    }

    /// <summary>The first column of each device that holds a NUL character, or null; the advisor's columns.</summary>
    private static string?[] DeviceNulColumns(IReadOnlyList<SynapseDevice> devices)
    {
        var columns = devices.Count == 0 ? [] : new string?[devices.Count];
        for (var index = 0; index < devices.Count; index++)
        {
            var device = devices[index];
            columns[index] = NulCharacters.In(device.DeviceId) ? "device_id"
                : NulCharacters.In(device.DisplayName) ? "display_name"
                : NulCharacters.In(device.UserAgent) ? "user_agent"
                : NulCharacters.In(device.Ip) ? "ip"
                : null;
        }

        return columns;
    }
}
