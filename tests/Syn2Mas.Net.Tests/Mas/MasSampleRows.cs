using System.Net;
using Syn2Mas.Net.Mas;

namespace Syn2Mas.Net.Tests.Mas;

/// <summary>
/// A few rows for every written table, all consistent with each other. Values that share a type differ
/// (alice may request admin but is no guest, bob the other way round; every time is another instant), so
/// a column written into its neighbour's place shows.
/// </summary>
public sealed record MasSampleRows
{
    public const string ServerName = "example.com";

    /// <summary>The Authelia provider of fixtures/mas/providers.sql.</summary>
    public static readonly Guid ProviderId = Guid.Parse("0195329d-7ed9-a1bb-8469-638b2a57edca");

    public static readonly Guid AliceId = Guid.Parse("0190a1b2-0000-7000-8000-00000000a11c");
    public static readonly Guid BobId = Guid.Parse("0190a1b2-0000-7000-8000-0000000000b0");
    public static readonly Guid AliceDeviceSessionId = Guid.Parse("0190a1b2-0001-7000-8000-000000000001");
    public static readonly Guid AliceDevicelessSessionId = Guid.Parse("0190a1b2-0001-7000-8000-000000000002");
    public static readonly Guid BobSessionId = Guid.Parse("0190a1b2-0001-7000-8000-000000000003");
    public static readonly Guid AliceAccessTokenId = Guid.Parse("0190a1b2-0002-7000-8000-000000000001");

    /// <summary>Alice's creation, given in UTC+2: MAS must hold the same instant.</summary>
    public static readonly DateTimeOffset AliceCreatedAt = new(2021, 3, 4, 7, 8, 9, 123, TimeSpan.FromHours(2));

    public static readonly DateTimeOffset BobCreatedAt = new(2022, 5, 6, 10, 11, 12, TimeSpan.Zero);
    public static readonly DateTimeOffset BobLockedAt = new(2023, 1, 2, 3, 4, 5, TimeSpan.Zero);
    public static readonly DateTimeOffset BobDeactivatedAt = new(2023, 6, 7, 8, 9, 10, TimeSpan.FromHours(-5));
    public static readonly DateTimeOffset DeviceLastSeen = new(2024, 8, 9, 10, 11, 12, 345, TimeSpan.Zero);
    public static readonly DateTimeOffset TokenExpiresAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal MasUser[] Users { get; init; } =
    [
        new(AliceId, "alice", AliceCreatedAt, LockedAt: null, CanRequestAdmin: true, IsGuest: false, DeactivatedAt: null),
        new(BobId, "bob", BobCreatedAt, BobLockedAt, CanRequestAdmin: false, IsGuest: true, BobDeactivatedAt),
    ];

    internal MasUserPassword[] UserPasswords { get; init; } =
    [
        new(Guid.Parse("0190a1b2-0003-7000-8000-000000000001"), AliceId, "$2b$12$alicesecrethashalicesecrethashalicesecrethash", AliceCreatedAt, 1),
    ];

    internal MasUserEmail[] UserEmails { get; init; } =
    [
        new(Guid.Parse("0190a1b2-0004-7000-8000-000000000001"), AliceId, "Alice@Example.com", AliceCreatedAt.AddMinutes(1)),
    ];

    internal MasUnsupportedThreepid[] UnsupportedThreepids { get; init; } =
    [
        new(BobId, "msisdn", "447700900123", BobCreatedAt.AddMinutes(2)),
    ];

    internal MasUpstreamOauthLink[] UpstreamOauthLinks { get; init; } =
    [
        new(Guid.Parse("0190a1b2-0005-7000-8000-000000000001"), ProviderId, AliceId, "alice-subject", AliceCreatedAt),
    ];

    internal MasCompatSession[] CompatSessions { get; init; } =
    [
        new(AliceDeviceSessionId, AliceId, "ALICEPHONE", AliceCreatedAt.AddDays(1), IsSynapseAdmin: true, DeviceLastSeen,
            IPAddress.Parse("192.0.2.7"), "Element/1.11 (Android)", "Alice's phone"),
        new(AliceDevicelessSessionId, AliceId, DeviceId: null, AliceCreatedAt.AddDays(2), IsSynapseAdmin: false, LastActiveAt: null,
            LastActiveIp: null, UserAgent: null, HumanName: null),
        new(BobSessionId, BobId, "BOBLAPTOP", BobCreatedAt.AddDays(1), IsSynapseAdmin: false, DeviceLastSeen.AddHours(1),
            IPAddress.Parse("2001:db8::1"), "Element Desktop", HumanName: null),
    ];

    internal MasCompatAccessToken[] CompatAccessTokens { get; init; } =
    [
        new(AliceAccessTokenId, AliceDeviceSessionId, "syt_YWxpY2U_secretaccesstokenone_0001", AliceCreatedAt.AddDays(3), TokenExpiresAt),
        new(Guid.Parse("0190a1b2-0002-7000-8000-000000000002"), AliceDevicelessSessionId, "syt_YWxpY2U_secretaccesstokentwo_0002", AliceCreatedAt.AddDays(4), ExpiresAt: null),
        new(Guid.Parse("0190a1b2-0002-7000-8000-000000000003"), BobSessionId, "syt_Ym9i_secretaccesstokenthree_0003", BobCreatedAt.AddDays(3), ExpiresAt: null),
    ];

    internal MasCompatRefreshToken[] CompatRefreshTokens { get; init; } =
    [
        new(Guid.Parse("0190a1b2-0006-7000-8000-000000000001"), AliceDeviceSessionId, AliceAccessTokenId, "syr_YWxpY2U_secretrefreshtoken_0001", AliceCreatedAt.AddDays(3)),
    ];

    /// <summary>
    /// Copies every table, children before parents: only paused foreign keys let that through, so a load
    /// that works proves they were paused.
    /// </summary>
    internal async Task<IReadOnlyDictionary<string, long>> CopyAllAsync(MasWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return new Dictionary<string, long>
        {
            [MasSchema.CompatRefreshTokens.Name] = await writer.CopyAsync(MasSchema.CompatRefreshTokens, CompatRefreshTokens, MasRowFields.Write),
            [MasSchema.CompatAccessTokens.Name] = await writer.CopyAsync(MasSchema.CompatAccessTokens, CompatAccessTokens, MasRowFields.Write),
            [MasSchema.CompatSessions.Name] = await writer.CopyAsync(MasSchema.CompatSessions, CompatSessions, MasRowFields.Write),
            [MasSchema.UpstreamOauthLinks.Name] = await writer.CopyAsync(MasSchema.UpstreamOauthLinks, UpstreamOauthLinks, MasRowFields.Write),
            [MasSchema.UserUnsupportedThirdPartyIds.Name] = await writer.CopyAsync(MasSchema.UserUnsupportedThirdPartyIds, UnsupportedThreepids, MasRowFields.Write),
            [MasSchema.UserEmails.Name] = await writer.CopyAsync(MasSchema.UserEmails, UserEmails, MasRowFields.Write),
            [MasSchema.UserPasswords.Name] = await writer.CopyAsync(MasSchema.UserPasswords, UserPasswords, MasRowFields.Write),
            [MasSchema.Users.Name] = await writer.CopyAsync(MasSchema.Users, Users, MasRowFields.Write),
        };
    }
}
