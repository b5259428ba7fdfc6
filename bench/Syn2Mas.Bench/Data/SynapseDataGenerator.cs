using System.Globalization;
using Syn2Mas.Bench.Data.Rows;

namespace Syn2Mas.Bench.Data;

/// <summary>
/// Writes a Synapse server's users and sessions, block by block of <see cref="DataProfile.BlockSize"/>
/// users, user by user: every row of a user is written right after the user's own row, and nothing of a
/// user is kept once the next one starts (token ids and the last admin's name excepted). Every value
/// depends only on the seed, the user count and the user's index, so a run can be repeated byte for byte.
/// </summary>
internal sealed class SynapseDataGenerator
{
    public const string ServerName = "example.com";

    private const ulong UserDomain = 0x75736572;
    private const string AutheliaProvider = "oidc-authelia";
    private const string LegacyOidcProvider = "oidc";
    private const string HexDigits = "0123456789abcdef";
    private const string AppserviceUserAgent = "mautrix-python/0.20.7";

    private readonly ulong _seed;
    private readonly long _users;
    private readonly IndexPermutation _slots;
    private readonly IndexPermutation _autheliaSubjects;
    private readonly IndexPermutation _legacySubjects;
    private readonly LocalpartFactory _localparts;
    private readonly BlockPlanner _planner;
    private readonly DeterministicRandom _random;
    private readonly List<string> _deviceIds = [];

    private long _nextAccessTokenId = 1;
    private long _nextRefreshTokenId = 1;
    private string? _lastAdmin;

    public SynapseDataGenerator(ulong seed, long users)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(users);
        _seed = seed;
        _users = users;
        _slots = new IndexPermutation((ulong)users, Mix64.Mix(seed ^ 0x736C6F7473UL));
        _autheliaSubjects = new IndexPermutation(1UL << 48, Mix64.Mix(seed ^ 0x61757468656C6961UL));
        _legacySubjects = new IndexPermutation(1UL << 48, Mix64.Mix(seed ^ 0x6C6567616379UL));
        _localparts = new LocalpartFactory(seed);
        _planner = new BlockPlanner(seed);
        _random = new DeterministicRandom(seed, UserDomain, 0);
    }

    public long BlockCount => (_users + DataProfile.BlockSize - 1) / DataProfile.BlockSize;

    public static string UserId(string localpart) => $"@{localpart}:{ServerName}";

    public void WriteBlock(long block, ISynapseRowSink sink)
    {
        var plans = _planner.Plan(block);
        var first = block * DataProfile.BlockSize;
        for (var position = 0; position < plans.Length && first + position < _users; position++)
        {
            WriteUser(first, first + position, plans[position], sink);
        }
    }

    private void WriteUser(long blockStart, long index, UserPlan plan, ISynapseRowSink sink)
    {
        _random.Reseed(_seed, UserDomain, (ulong)index);
        var slot = _slots.Map((ulong)index);
        string localpart;
        string? appserviceId = null;
        switch (plan.Kind)
        {
            case UserKind.Guest:
                localpart = LocalpartFactory.Guest(slot);
                break;
            case UserKind.Appservice:
                (localpart, appserviceId) = _localparts.Appservice(slot);
                break;
            default:
                localpart = _localparts.Regular(slot);
                break;
        }

        var userId = UserId(localpart);
        var creationSeconds = Timeline.CreationSeconds(index, _users, _random);
        var hasPassword = plan.Kind is UserKind.Ordinary or UserKind.Admin or UserKind.Locked;
        sink.WriteUser(new UserRow(
            Name: userId,
            PasswordHash: hasPassword ? SecretFactory.BcryptHash(_random) : null,
            CreationTs: creationSeconds,
            Admin: plan.Kind == UserKind.Admin,
            IsGuest: plan.Kind == UserKind.Guest,
            Deactivated: plan.Kind == UserKind.Deactivated,
            AppserviceId: appserviceId,
            ShadowBanned: false,
            Approved: creationSeconds >= Timeline.ApprovedColumnSeconds ? true : null,
            Locked: plan.Kind == UserKind.Locked,
            Suspended: false));
        if (plan.Kind == UserKind.Admin)
        {
            _lastAdmin = userId;
        }

        var session = new UserSession(userId, SecretFactory.LocalpartBase64(localpart), creationSeconds * 1000);
        _deviceIds.Clear();
        switch (plan.Kind)
        {
            case UserKind.Guest:
                WriteSingleDevice(session, "guest_device", null, ClientCatalog.FirefoxUserAgent, sink);
                return;
            case UserKind.Appservice:
                WriteSingleDevice(session, SecretFactory.DeviceId(_random), null, AppserviceUserAgent, sink);
                return;
            case UserKind.Deactivated:
                // Deactivation in Synapse clears the password and removes threepids, devices and tokens.
                return;
        }

        WriteThreepids(session, localpart, slot, plan, sink);
        WriteExternalIds(session, slot, plan.Links, sink);
        foreach (var device in plan.VisibleDevices)
        {
            WriteVisibleDevice(session, device, sink);
        }

        for (var i = 0; i < plan.HiddenDevices; i++)
        {
            sink.WriteDevice(new DeviceRow(userId, UniqueDeviceId(SecretFactory.PublicKeyId), null, null, null, null, Hidden: true));
        }

        for (var i = 0; i < plan.DevicelessTokens; i++)
        {
            WritePlainToken(session, null, null, sink);
        }

        foreach (var adminPosition in plan.PuppetedBy)
        {
            var adminIndex = blockStart + adminPosition;
            var admin = adminIndex < _users ? UserId(_localparts.Regular(_slots.Map((ulong)adminIndex))) : _lastAdmin;
            WritePlainToken(session, null, admin, sink);
        }
    }

    private void WriteThreepids(UserSession session, string localpart, ulong slot, UserPlan plan, ISynapseRowSink sink)
    {
        // Addresses are the localpart at one personal and one work domain: distinct localparts and
        // distinct domain lists keep (medium, address) unique without remembering addresses.
        var addedAt = Timeline.Between(session.CreationMs, Math.Min(session.CreationMs + 30 * Timeline.DayMs, Timeline.NowMs), _random);
        for (var i = 0; i < plan.Emails; i++)
        {
            var domains = i == 0 ? WordLists.EmailDomains : WordLists.WorkEmailDomains;
            var address = $"{localpart}@{_random.Pick(domains)}";
            WriteThreepid(session, "email", address, addedAt, sink);
            addedAt = Timeline.Between(addedAt, Timeline.NowMs, _random);
        }

        if (plan.HasMsisdn)
        {
            // Nine digits distinct per slot (7919 is prime to 9 × 10^8), after a calling code.
            var subscriber = 100_000_000UL + slot * 7919 % 900_000_000UL;
            var address = _random.Pick(WordLists.CallingCodes) + subscriber.ToString(CultureInfo.InvariantCulture);
            WriteThreepid(session, "msisdn", address, Timeline.Between(session.CreationMs, Timeline.NowMs, _random), sink);
        }
    }

    private void WriteThreepid(UserSession session, string medium, string address, long addedAt, ISynapseRowSink sink)
    {
        var validatedAt = Math.Max(session.CreationMs, addedAt - _random.NextInt64(1_000, 10 * Timeline.MinuteMs));
        sink.WriteThreepid(new ThreepidRow(session.UserId, medium, address, validatedAt, addedAt));
    }

    private void WriteExternalIds(UserSession session, ulong slot, ProviderLinks links, ISynapseRowSink sink)
    {
        if (links.HasFlag(ProviderLinks.Authelia))
        {
            sink.WriteExternalId(new ExternalIdRow(AutheliaProvider, Subject(_autheliaSubjects.Map(slot)), session.UserId));
        }

        if (links.HasFlag(ProviderLinks.LegacyOidc))
        {
            sink.WriteExternalId(new ExternalIdRow(LegacyOidcProvider, Subject(_legacySubjects.Map(slot)), session.UserId));
        }
    }

    /// <summary>A version 4 UUID whose first 48 bits are a distinct number per user, so subjects never repeat.</summary>
    private string Subject(ulong distinct48) => string.Create(36, (Distinct: distinct48, Random: _random), static (span, state) =>
    {
        var position = 0;
        for (var nibble = 11; nibble >= 0; nibble--)
        {
            if (position == 8)
            {
                span[position++] = '-';
            }

            span[position++] = HexDigits[(int)((state.Distinct >> (nibble * 4)) & 0xF)];
        }

        span[position++] = '-';
        span[position++] = '4';
        for (var i = 0; i < 3; i++)
        {
            span[position++] = HexDigits[state.Random.Next(16)];
        }

        span[position++] = '-';
        span[position++] = HexDigits[8 + state.Random.Next(4)];
        for (var i = 0; i < 3; i++)
        {
            span[position++] = HexDigits[state.Random.Next(16)];
        }

        span[position++] = '-';
        for (var i = 0; i < 12; i++)
        {
            span[position++] = HexDigits[state.Random.Next(16)];
        }
    });

    private void WriteVisibleDevice(UserSession session, DevicePlan plan, ISynapseRowSink sink)
    {
        var app = ClientCatalog.PickApp(_random, refreshable: plan.Tokens is DeviceTokens.RefreshPair or DeviceTokens.RefreshChainUsed or DeviceTokens.RefreshChainUnused);
        var deviceId = UniqueDeviceId(SecretFactory.DeviceId);
        var displayName = _random.Chance(0.1) ? null : _random.Pick(app.DisplayNames);
        var neverSeen = plan.Ip == IpKind.Drawn && _random.Chance(0.04);
        long? lastSeen = neverSeen ? null : Timeline.RecentMs(session.CreationMs, _random);
        var ip = plan.Ip switch
        {
            IpKind.Dash => "-",
            IpKind.Garbage => _random.Pick(ClientCatalog.GarbageAddresses),
            _ => neverSeen ? null : ClientCatalog.DrawAddress(_random),
        };
        var userAgent = neverSeen ? null : _random.Pick(app.UserAgents);
        sink.WriteDevice(new DeviceRow(session.UserId, deviceId, displayName, lastSeen, ip, userAgent, Hidden: false));

        switch (plan.Tokens)
        {
            case DeviceTokens.One:
            case DeviceTokens.Two:
            case DeviceTokens.Three:
                var count = plan.Tokens - DeviceTokens.None;
                for (var i = 0; i < count; i++)
                {
                    WritePlainToken(session, deviceId, null, sink);
                }

                break;
            case DeviceTokens.RefreshPair:
                WriteRefreshChain(session, deviceId, 1, successorUsed: false, sink);
                break;
            case DeviceTokens.RefreshChainUsed:
                WriteRefreshChain(session, deviceId, 2, successorUsed: true, sink);
                break;
            case DeviceTokens.RefreshChainUnused:
                WriteRefreshChain(session, deviceId, 2, successorUsed: false, sink);
                break;
        }
    }

    private void WriteSingleDevice(UserSession session, string deviceId, string? displayName, string userAgent, ISynapseRowSink sink)
    {
        var lastSeen = Timeline.RecentMs(session.CreationMs, _random);
        sink.WriteDevice(new DeviceRow(session.UserId, deviceId, displayName, lastSeen, ClientCatalog.DrawAddress(_random), userAgent, Hidden: false));
        WritePlainToken(session, deviceId, null, sink);
    }

    private void WritePlainToken(UserSession session, string? deviceId, string? puppeteer, ISynapseRowSink sink)
    {
        long? lastValidated = _random.Chance(0.08) ? null : Timeline.RecentMs(session.CreationMs, _random);
        long? validUntil = null;
        if (puppeteer is not null)
        {
            // The admin API's login-as-user takes an expiry.
            validUntil = (lastValidated ?? session.CreationMs) + _random.NextInt64(1, 30) * Timeline.DayMs;
        }
        else if (_random.Chance(0.03))
        {
            validUntil = (lastValidated ?? session.CreationMs) + _random.NextInt64(-30, 90) * Timeline.DayMs;
        }

        sink.WriteAccessToken(new AccessTokenRow(
            Id: _nextAccessTokenId++,
            UserId: session.UserId,
            DeviceId: deviceId,
            Token: SecretFactory.AccessToken(_random, session.LocalpartBase64),
            ValidUntilMs: validUntil,
            PuppetsUserId: puppeteer,
            LastValidated: lastValidated,
            RefreshTokenId: null,
            Used: _random.Chance(0.2) ? null : false));
    }

    /// <summary>
    /// A refreshable pair, or a pair and the successor a refresh gave it. Synapse marks the successor's
    /// access token <c>used</c> on first use and only then forgets the predecessor.
    /// </summary>
    private void WriteRefreshChain(UserSession session, string deviceId, int length, bool successorUsed, ISynapseRowSink sink)
    {
        var firstRefreshId = _nextRefreshTokenId;
        _nextRefreshTokenId += length;
        var lastValidated = Timeline.RecentMs(session.CreationMs, _random);
        for (var i = 0; i < length; i++)
        {
            var refreshId = firstRefreshId + i;
            var isLast = i == length - 1;
            sink.WriteRefreshToken(new RefreshTokenRow(
                Id: refreshId,
                UserId: session.UserId,
                DeviceId: deviceId,
                Token: SecretFactory.RefreshToken(_random, session.LocalpartBase64),
                NextTokenId: isLast ? null : refreshId + 1,
                ExpiryTs: _random.Chance(0.3) ? lastValidated + 30 * Timeline.DayMs : null,
                UltimateSessionExpiryTs: _random.Chance(0.15) ? lastValidated + 365 * Timeline.DayMs : null));
            sink.WriteAccessToken(new AccessTokenRow(
                Id: _nextAccessTokenId++,
                UserId: session.UserId,
                DeviceId: deviceId,
                Token: SecretFactory.AccessToken(_random, session.LocalpartBase64),
                ValidUntilMs: lastValidated + 5 * Timeline.MinuteMs,
                PuppetsUserId: null,
                LastValidated: lastValidated,
                RefreshTokenId: refreshId,
                Used: length == 1 ? _random.Chance(0.7) : !isLast || successorUsed));
            lastValidated = Math.Min(Timeline.NowMs, lastValidated + _random.NextInt64(1, 5 * Timeline.MinuteMs));
        }
    }

    private string UniqueDeviceId(Func<DeterministicRandom, string> draw)
    {
        string deviceId;
        do
        {
            deviceId = draw(_random);
        }
        while (_deviceIds.Contains(deviceId));

        _deviceIds.Add(deviceId);
        return deviceId;
    }
}
