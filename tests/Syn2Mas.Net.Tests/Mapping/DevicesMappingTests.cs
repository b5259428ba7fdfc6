using System.Net;
using Syn2Mas.Net.Mapping;
using static Syn2Mas.Net.Tests.Mapping.MappingScenario;

namespace Syn2Mas.Net.Tests.Mapping;

/// <summary>Rule 6: <c>devices</c> → <c>compat_sessions</c>.</summary>
public sealed class DevicesMappingTests
{
    [Fact]
    public void A_device_without_tokens_becomes_a_session_dated_at_the_start_with_the_devices_details()
    {
        var mapped = Map(Rows(
            User(admin: true),
            devices: [Device("PHONE", displayName: "Alice's phone", lastSeen: 1_720_000_000_999, ip: "192.0.2.7", userAgent: "Element/1.11 (Android)")]));

        var session = Assert.Single(mapped.CompatSessions);
        Assert.Equal(mapped.User?.UserId, session.UserId);
        Assert.Equal("PHONE", session.DeviceId);
        Assert.Equal("Alice's phone", session.HumanName);
        Assert.True(session.IsSynapseAdmin);
        Assert.Equal(new DateTimeOffset(2024, 7, 3, 9, 46, 40, 999, TimeSpan.Zero), session.LastActiveAt);
        Assert.Equal(IPAddress.Parse("192.0.2.7"), session.LastActiveIp);
        Assert.Equal("Element/1.11 (Android)", session.UserAgent);
        Assert.Equal(StartedAt, session.CreatedAt);
        Assert.Equal(StartedAt, IdTime(session.CompatSessionId));
        Assert.Empty(mapped.Warnings);
        Assert.Empty(mapped.SkippedRows);
    }

    [Fact]
    public void A_session_of_a_user_who_is_not_admin_is_not_a_synapse_admin_session_and_empty_details_stay_null()
    {
        var session = Assert.Single(Map(Rows(User(admin: false), devices: [Device("PHONE")])).CompatSessions);

        Assert.False(session.IsSynapseAdmin);
        Assert.Null(session.HumanName);
        Assert.Null(session.LastActiveAt);
        Assert.Null(session.LastActiveIp);
        Assert.Null(session.UserAgent);
    }

    [Fact]
    public void Sessions_follow_the_devices_in_order_each_with_its_own_id()
    {
        var mapped = Map(Rows(User(), devices: [Device("A"), Device("B"), Device("C")]));

        Assert.Equal(["A", "B", "C"], mapped.CompatSessions.Select(session => session.DeviceId));
        Assert.Equal(3, mapped.CompatSessions.Select(session => session.CompatSessionId).Distinct().Count());
    }

    [Fact]
    public void A_hidden_device_without_tokens_is_skipped()
    {
        var mapped = Map(Rows(User(), devices: [Device("CROSS_SIGNING", hidden: true), Device("PHONE")]));

        Assert.Equal("PHONE", Assert.Single(mapped.CompatSessions).DeviceId);
        Assert.Equal([("devices", "hidden-device")], Skips(mapped));
    }

    [Fact]
    public void A_hidden_device_with_a_token_gets_its_session_so_that_no_token_points_at_a_missing_session()
    {
        var mapped = Map(Rows(
            User(admin: true),
            devices: [Device("HIDDEN", displayName: "Old client", lastSeen: 1_700_000_000_000, ip: "2001:db8::1", userAgent: "curl", hidden: true)],
            accessTokens: [AccessToken(1, "HIDDEN", lastValidated: 1_690_000_000_001)]));

        var session = Assert.Single(mapped.CompatSessions);
        Assert.Equal("HIDDEN", session.DeviceId);
        Assert.Equal("Old client", session.HumanName);
        Assert.Equal(IPAddress.Parse("2001:db8::1"), session.LastActiveIp);
        Assert.True(session.IsSynapseAdmin);
        Assert.Equal(Milliseconds(1_690_000_000_001), session.CreatedAt);
        Assert.Equal(session.CompatSessionId, Assert.Single(mapped.CompatAccessTokens).CompatSessionId);
        Assert.Empty(mapped.SkippedRows);
    }

    [Fact]
    public void A_hidden_device_whose_only_token_is_skipped_is_skipped_too()
    {
        var mapped = Map(Rows(User(), devices: [Device("HIDDEN", hidden: true)], accessTokens: [AccessToken(1, "HIDDEN", puppetsUserId: "@bob:example.com")]));

        Assert.Empty(mapped.CompatSessions);
        Assert.Equal([("access_tokens", "puppet-token"), ("devices", "hidden-device")], Skips(mapped));
    }

    [Fact]
    public void The_guest_device_without_tokens_is_skipped()
    {
        var mapped = Map(Rows(User(), devices: [Device("guest_device")]));

        Assert.Empty(mapped.CompatSessions);
        Assert.Equal([("devices", "guest-device")], Skips(mapped));
    }

    [Fact]
    public void The_guest_device_with_a_token_gets_its_session()
    {
        var mapped = Map(Rows(User(), devices: [Device("guest_device")], accessTokens: [AccessToken(1, "guest_device")]));

        Assert.Equal("guest_device", Assert.Single(mapped.CompatSessions).DeviceId);
        Assert.Empty(mapped.SkippedRows);
    }

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8::8a2e:370:7334", "2001:db8::8a2e:370:7334")]
    [InlineData("::ffff:192.0.2.1", "::ffff:192.0.2.1")]
    [InlineData("fe80::1%eth0", "fe80::1")]
    public void An_ip_that_parses_becomes_the_last_active_ip(string ip, string expected)
    {
        var mapped = Map(Rows(User(), devices: [Device("PHONE", ip: ip)]));

        Assert.Equal(IPAddress.Parse(expected), Assert.Single(mapped.CompatSessions).LastActiveIp);
        Assert.Empty(mapped.Warnings);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-")]
    public void No_ip_empty_and_dash_become_null_silently(string? ip)
    {
        var mapped = Map(Rows(User(), devices: [Device("PHONE", ip: ip)]));

        Assert.Null(Assert.Single(mapped.CompatSessions).LastActiveIp);
        Assert.Empty(mapped.Warnings);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("1.2.3")]
    [InlineData("192.0.2.7:8448")]
    [InlineData("[::1]:80")]
    [InlineData("10.0.0.1, 10.0.0.2")]
    public void Any_other_ip_becomes_null_with_a_warning_naming_user_and_device(string ip)
    {
        var mapped = Map(Rows(User(), devices: [Device("PHONE", displayName: "Phone", ip: ip, userAgent: "UA")]));

        var session = Assert.Single(mapped.CompatSessions);
        Assert.Null(session.LastActiveIp);
        Assert.Equal("Phone", session.HumanName);
        Assert.Equal("UA", session.UserAgent);
        var warning = Assert.Single(mapped.Warnings);
        Assert.Equal(MappingWarningCodes.DeviceIpUnparsable, warning.Code);
        Assert.Equal(Alice, warning.UserId);
        Assert.Equal("PHONE", warning.DeviceId);
        Assert.Contains(Alice, warning.Message, StringComparison.Ordinal);
        Assert.Contains("PHONE", warning.Message, StringComparison.Ordinal);
        Assert.Empty(mapped.SkippedRows);
    }

    [Fact]
    public void A_visible_device_whose_tokens_are_all_skipped_keeps_its_session_dated_at_the_start()
    {
        var mapped = Map(Rows(User(), devices: [Device("PHONE")], accessTokens: [AccessToken(1, "PHONE", lastValidated: 1_600_000_000_000, refreshTokenId: 77)]));

        Assert.Equal(StartedAt, Assert.Single(mapped.CompatSessions).CreatedAt);
        Assert.Empty(mapped.CompatAccessTokens);
    }
}
