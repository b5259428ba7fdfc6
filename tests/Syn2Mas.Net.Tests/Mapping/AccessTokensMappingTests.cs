using Syn2Mas.Net.Mapping;
using static Syn2Mas.Net.Tests.Mapping.MappingScenario;

namespace Syn2Mas.Net.Tests.Mapping;

/// <summary>Rule 4: access tokens without a refresh token → <c>compat_access_tokens</c>, grouped in compat sessions.</summary>
public sealed class AccessTokensMappingTests
{
    [Fact]
    public void A_token_on_a_device_becomes_a_compat_access_token_in_that_devices_session()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE")],
            accessTokens: [AccessToken(10, "PHONE", lastValidated: 1_700_000_000_456, validUntilMs: 1_767_225_600_000)]));

        var session = Assert.Single(mapped.CompatSessions);
        var token = Assert.Single(mapped.CompatAccessTokens);
        Assert.Equal("syt_access_10", token.AccessToken);
        Assert.Equal(new DateTimeOffset(2023, 11, 14, 22, 13, 20, 456, TimeSpan.Zero), token.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), token.ExpiresAt);
        Assert.Equal(session.CompatSessionId, token.CompatSessionId);
        Assert.Equal(token.CreatedAt, IdTime(token.CompatAccessTokenId));
        Assert.Equal("PHONE", session.DeviceId);
        Assert.Equal(token.CreatedAt, session.CreatedAt);
        Assert.Equal(token.CreatedAt, IdTime(session.CompatSessionId));
        Assert.Equal(mapped.User?.UserId, session.UserId);
        Assert.Empty(mapped.CompatRefreshTokens);
        Assert.Empty(mapped.SkippedRows);
    }

    [Fact]
    public void A_token_never_validated_is_dated_at_the_start_and_one_without_valid_until_never_expires()
    {
        var mapped = Map(Rows(User(), devices: [Device("PHONE")], accessTokens: [AccessToken(10, "PHONE")]));

        var token = Assert.Single(mapped.CompatAccessTokens);
        Assert.Equal(StartedAt, token.CreatedAt);
        Assert.Null(token.ExpiresAt);
        Assert.Equal(StartedAt, IdTime(token.CompatAccessTokenId));
        Assert.Equal(StartedAt, Assert.Single(mapped.CompatSessions).CreatedAt);
    }

    [Fact]
    public void A_devices_session_is_dated_by_the_earliest_of_its_migrated_tokens()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE")],
            accessTokens:
            [
                AccessToken(1, "PHONE", lastValidated: 1_710_000_000_789),
                AccessToken(2, "PHONE", lastValidated: 1_690_000_000_001),
                AccessToken(3, "PHONE"),
                AccessToken(4, "PHONE", lastValidated: 1_600_000_000_000, puppetsUserId: "@bob:example.com"),
            ]));

        var session = Assert.Single(mapped.CompatSessions);
        Assert.Equal(new DateTimeOffset(2023, 7, 22, 4, 26, 40, 1, TimeSpan.Zero), session.CreatedAt);
        Assert.Equal(session.CreatedAt, IdTime(session.CompatSessionId));
        Assert.Equal(
            [Milliseconds(1_710_000_000_789), Milliseconds(1_690_000_000_001), StartedAt],
            mapped.CompatAccessTokens.Select(token => token.CreatedAt));
        Assert.All(mapped.CompatAccessTokens, token => Assert.Equal(session.CompatSessionId, token.CompatSessionId));
    }

    [Fact]
    public void There_is_one_session_per_device_holding_that_devices_tokens()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE"), Device("LAPTOP")],
            accessTokens:
            [
                AccessToken(1, "PHONE", lastValidated: 1_700_000_000_000),
                AccessToken(2, "LAPTOP", lastValidated: 1_710_000_000_000),
                AccessToken(3, "PHONE", lastValidated: 1_720_000_000_000),
            ]));

        Assert.Equal(["PHONE", "LAPTOP"], mapped.CompatSessions.Select(session => session.DeviceId));
        var phone = mapped.CompatSessions[0];
        var laptop = mapped.CompatSessions[1];
        Assert.NotEqual(phone.CompatSessionId, laptop.CompatSessionId);
        Assert.Equal(
            [phone.CompatSessionId, laptop.CompatSessionId, phone.CompatSessionId],
            mapped.CompatAccessTokens.Select(token => token.CompatSessionId));
        Assert.Equal(Milliseconds(1_700_000_000_000), phone.CreatedAt);
        Assert.Equal(Milliseconds(1_710_000_000_000), laptop.CreatedAt);
    }

    [Fact]
    public void A_deviceless_token_gets_a_session_of_its_own_with_no_device_fields_dated_like_the_token()
    {
        var mapped = Map(Rows(
            User(admin: true),
            accessTokens:
            [
                AccessToken(20, null, lastValidated: 1_700_000_000_456, validUntilMs: 1_767_225_600_000),
                AccessToken(21, null),
            ]));

        Assert.Equal(2, mapped.CompatSessions.Count);
        Assert.Equal(2, mapped.CompatAccessTokens.Count);
        for (var index = 0; index < 2; index++)
        {
            var session = mapped.CompatSessions[index];
            var token = mapped.CompatAccessTokens[index];
            Assert.Equal(session.CompatSessionId, token.CompatSessionId);
            Assert.Equal(token.CreatedAt, session.CreatedAt);
            Assert.Equal(token.CreatedAt, IdTime(session.CompatSessionId));
            Assert.Equal(mapped.User?.UserId, session.UserId);
            Assert.Null(session.DeviceId);
            Assert.Null(session.HumanName);
            Assert.Null(session.LastActiveAt);
            Assert.Null(session.LastActiveIp);
            Assert.Null(session.UserAgent);
            Assert.False(session.IsSynapseAdmin);
        }

        Assert.Equal(Milliseconds(1_700_000_000_456), mapped.CompatAccessTokens[0].CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), mapped.CompatAccessTokens[0].ExpiresAt);
        Assert.Equal(StartedAt, mapped.CompatAccessTokens[1].CreatedAt);
        Assert.NotEqual(mapped.CompatSessions[0].CompatSessionId, mapped.CompatSessions[1].CompatSessionId);
    }

    [Fact]
    public void A_puppet_token_is_not_migrated_and_does_not_date_the_devices_session()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE")],
            accessTokens: [AccessToken(1, "PHONE", lastValidated: 1_600_000_000_000, puppetsUserId: "@bob:example.com"), AccessToken(2, null, puppetsUserId: "@bob:example.com")]));

        Assert.Empty(mapped.CompatAccessTokens);
        Assert.Equal([("access_tokens", "puppet-token"), ("access_tokens", "puppet-token")], Skips(mapped));
        Assert.Equal(StartedAt, Assert.Single(mapped.CompatSessions).CreatedAt);
    }

    [Fact]
    public void A_token_whose_device_is_not_in_devices_is_not_migrated()
    {
        var mapped = Map(Rows(User(), devices: [Device("PHONE")], accessTokens: [AccessToken(1, "GONE", lastValidated: 1_700_000_000_000)]));

        Assert.Empty(mapped.CompatAccessTokens);
        Assert.Equal([("access_tokens", "unknown-device")], Skips(mapped));
        Assert.Equal("PHONE", Assert.Single(mapped.CompatSessions).DeviceId);
    }

    [Fact]
    public void Device_ids_match_exactly()
    {
        var mapped = Map(Rows(User(), devices: [Device("phone")], accessTokens: [AccessToken(1, "PHONE")]));

        Assert.Equal([("access_tokens", "unknown-device")], Skips(mapped));
    }

    [Fact]
    public void Devices_are_found_among_many()
    {
        var devices = Enumerable.Range(0, 50).Select(index => Device($"DEV{index}")).ToList();

        var mapped = Map(Rows(User(), devices: devices, accessTokens: [AccessToken(1, "DEV37", lastValidated: 1_700_000_000_000), AccessToken(2, "DEV50")]));

        Assert.Equal(50, mapped.CompatSessions.Count);
        var session = mapped.CompatSessions.Single(session => session.DeviceId == "DEV37");
        Assert.Equal(session.CompatSessionId, Assert.Single(mapped.CompatAccessTokens).CompatSessionId);
        Assert.Equal(Milliseconds(1_700_000_000_000), session.CreatedAt);
        Assert.Equal([("access_tokens", "unknown-device")], Skips(mapped));
    }

    [Theory]
    [InlineData(true, false, "deactivated-user")]
    [InlineData(false, true, "guest-user")]
    [InlineData(true, true, "deactivated-user")]
    public void Deactivated_users_and_guests_get_no_sessions_nor_tokens(bool deactivated, bool isGuest, string reason)
    {
        var mapped = Map(Rows(
            User(deactivated: deactivated, isGuest: isGuest),
            devices: [Device("PHONE")],
            accessTokens: [AccessToken(1, "PHONE"), AccessToken(2, null), AccessToken(3, "PHONE", refreshTokenId: 4)],
            refreshTokens: [RefreshToken(4, "PHONE")]));

        Assert.NotNull(mapped.User);
        Assert.Empty(mapped.CompatSessions);
        Assert.Empty(mapped.CompatAccessTokens);
        Assert.Empty(mapped.CompatRefreshTokens);
        Assert.Equal(
            [("devices", reason), ("access_tokens", reason), ("access_tokens", reason), ("access_tokens", reason), ("refresh_tokens", reason)],
            Skips(mapped));
    }

    [Fact]
    public void An_expiry_beyond_the_year_9999_is_clamped_with_a_warning_naming_the_column()
    {
        var mapped = Map(Rows(User(), accessTokens: [AccessToken(1, null, validUntilMs: long.MaxValue)]));

        Assert.Equal(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds(), Assert.Single(mapped.CompatAccessTokens).ExpiresAt?.ToUnixTimeMilliseconds());
        var warning = Assert.Single(mapped.Warnings);
        Assert.Equal(MappingWarningCodes.TimestampOutOfRange, warning.Code);
        Assert.Contains("access_tokens.valid_until_ms", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("syt_access_1", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_token_is_skipped_and_dates_no_session()
    {
        var now = StartedAt.ToUnixTimeMilliseconds();
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE"), Device("XSIGN", hidden: true)],
            accessTokens:
            [
                AccessToken(1, null, lastValidated: 1_600_000_000_000, validUntilMs: now - 1),
                AccessToken(2, "PHONE", lastValidated: 1_600_000_000_000, validUntilMs: 1_600_000_300_000),
                AccessToken(3, "PHONE", lastValidated: 1_700_000_000_000, validUntilMs: now),
                AccessToken(4, "XSIGN", lastValidated: 1_600_000_000_000, validUntilMs: 1),
            ]));

        // The deviceless expired token makes no session; the hidden device's only token is expired, so it has none.
        var session = Assert.Single(mapped.CompatSessions);
        Assert.Equal("PHONE", session.DeviceId);
        Assert.Equal(Milliseconds(1_700_000_000_000), session.CreatedAt);
        Assert.Equal("syt_access_3", Assert.Single(mapped.CompatAccessTokens).AccessToken);
        Assert.Equal(
            [("access_tokens", "access-token-expired"), ("access_tokens", "access-token-expired"), ("access_tokens", "access-token-expired"),
             ("devices", "hidden-device")],
            Skips(mapped));
    }
}
