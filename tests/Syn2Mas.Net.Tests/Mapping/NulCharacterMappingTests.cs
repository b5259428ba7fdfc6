using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Synapse;
using static Syn2Mas.Net.Tests.Mapping.MappingScenario;

namespace Syn2Mas.Net.Tests.Mapping;

/// <summary>
/// Text PostgreSQL cannot store (a NUL character, possible in Synapse on SQLite): refused naming table,
/// column and user but never the value, or skipped with <c>--skip-invalid-users</c>.
/// </summary>
public sealed class NulCharacterMappingTests
{
    private const string SecretHashWithNul = "$2b$12$SECRET\0HASH";
    private const string SecretTokenWithNul = "syt_SECRET\0TOKEN";

    [Fact]
    public void A_NUL_in_a_user_id_is_refused_naming_users_name()
    {
        var exception = Assert.Throws<MappingException>(() => Map(Rows(User(name: "@al\0ice:example.com"))));

        Assert.StartsWith("users.name of @al\\u0000ice:example.com ", exception.Message, StringComparison.Ordinal);
        Assert.Contains("--skip-invalid-users", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', exception.Message);
    }

    [Fact]
    public void A_NUL_in_a_password_hash_is_refused_without_showing_the_hash()
    {
        var exception = Assert.Throws<MappingException>(() => Map(Rows(User(passwordHash: SecretHashWithNul))));

        Assert.StartsWith($"users.password_hash of {Alice} ", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_skip_invalid_users_a_user_row_with_a_NUL_is_skipped_with_everything_the_user_owns()
    {
        var rows = Rows(
            User(passwordHash: SecretHashWithNul),
            threepids: [Threepid("email", "a@example.org", 1)],
            devices: [Device("PHONE")],
            accessTokens: [AccessToken(1, "PHONE")]);

        var mapped = Map(rows, Context(skipInvalidUsers: true));

        UsersMappingTests.AssertNothingWritten(mapped);
        Assert.Equal(
            [("users", "nul-character"), ("user_threepids", "nul-character"), ("devices", "nul-character"), ("access_tokens", "nul-character")],
            Skips(mapped));
    }

    [Theory]
    [InlineData("email", "a\0@example.org", "user_threepids.address")]
    [InlineData("em\0ail", "a@example.org", "user_threepids.medium")]
    public void A_NUL_in_a_threepid_is_refused_naming_its_column(string medium, string address, string column)
    {
        var exception = Assert.Throws<MappingException>(() => Map(Rows(User(), threepids: [Threepid(medium, address, 1)])));

        Assert.StartsWith($"{column} of {Alice} ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_skip_invalid_users_only_the_threepid_with_a_NUL_is_skipped()
    {
        var mapped = Map(
            Rows(User(), threepids: [Threepid("email", "bad\0@example.org", 1), Threepid("email", "good@example.org", 2)]),
            Context(skipInvalidUsers: true));

        Assert.NotNull(mapped.User);
        Assert.Equal("good@example.org", Assert.Single(mapped.Emails).Email);
        Assert.Equal([("user_threepids", "nul-character")], Skips(mapped));
    }

    [Fact]
    public void A_NUL_in_a_threepid_of_a_deactivated_user_changes_nothing_since_it_is_skipped_anyway()
    {
        var mapped = Map(Rows(User(deactivated: true), threepids: [Threepid("email", "bad\0@example.org", 1)]));

        Assert.Equal([("user_threepids", "deactivated-user")], Skips(mapped));
    }

    [Fact]
    public void A_NUL_in_an_external_id_is_refused_or_skipped_alone()
    {
        var rows = Rows(User(), externalIds: [ExternalId("oidc-corp", "sub\0ject"), ExternalId("oidc-corp", "subject")]);

        var exception = Assert.Throws<MappingException>(() => Map(rows));
        var mapped = Map(rows, Context(skipInvalidUsers: true));

        Assert.StartsWith($"user_external_ids.external_id of {Alice} ", exception.Message, StringComparison.Ordinal);
        Assert.Equal("subject", Assert.Single(mapped.UpstreamOauthLinks).Subject);
        Assert.Equal([("user_external_ids", "nul-character")], Skips(mapped));
    }

    [Theory]
    [InlineData("display_name")]
    [InlineData("user_agent")]
    [InlineData("ip")]
    [InlineData("device_id")]
    public void A_NUL_in_a_device_is_refused_naming_the_devices_column(string column)
    {
        var device = NulDevice(column, hidden: false);

        var exception = Assert.Throws<MappingException>(() => Map(Rows(User(), devices: [device])));

        Assert.StartsWith($"devices.{column} of {Alice} ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_skip_invalid_users_a_device_with_a_NUL_is_skipped_with_the_tokens_that_would_be_in_its_session()
    {
        var mapped = Map(
            Rows(
                User(),
                devices: [Device("PHONE", displayName: "Ph\0ne"), Device("LAPTOP")],
                accessTokens: [AccessToken(1, "PHONE", lastValidated: 1_600_000_000_000), AccessToken(2, "PHONE", refreshTokenId: 3), AccessToken(4, "LAPTOP")],
                refreshTokens: [RefreshToken(3, "PHONE")]),
            Context(skipInvalidUsers: true));

        Assert.Equal("LAPTOP", Assert.Single(mapped.CompatSessions).DeviceId);
        Assert.Equal("syt_access_4", Assert.Single(mapped.CompatAccessTokens).AccessToken);
        Assert.Empty(mapped.CompatRefreshTokens);
        Assert.Equal(
            [("refresh_tokens", "nul-character"), ("access_tokens", "nul-character"), ("access_tokens", "nul-character"), ("devices", "nul-character")],
            Skips(mapped));
    }

    [Fact]
    public void A_NUL_in_a_hidden_device_nobody_uses_changes_nothing_since_it_is_skipped_anyway()
    {
        var mapped = Map(Rows(User(), devices: [NulDevice("display_name", hidden: true)]));

        Assert.Equal([("devices", "hidden-device")], Skips(mapped));
    }

    [Fact]
    public void A_token_on_a_device_with_a_NUL_is_refused_naming_the_device_column()
    {
        var exception = Assert.Throws<MappingException>(() =>
            Map(Rows(User(), devices: [Device("PHONE", userAgent: "UA\0")], accessTokens: [AccessToken(1, "PHONE")])));

        Assert.StartsWith($"devices.user_agent of {Alice} ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_NUL_in_an_access_token_is_refused_without_showing_the_token()
    {
        var exception = Assert.Throws<MappingException>(() =>
            Map(Rows(User(), accessTokens: [AccessToken(1, null, token: SecretTokenWithNul)])));

        Assert.StartsWith($"access_tokens.token of {Alice} ", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_skip_invalid_users_an_access_token_with_a_NUL_is_skipped_and_its_device_keeps_its_session()
    {
        var mapped = Map(
            Rows(User(), devices: [Device("PHONE")], accessTokens: [AccessToken(1, "PHONE", lastValidated: 1_600_000_000_000, token: SecretTokenWithNul), AccessToken(2, null, token: SecretTokenWithNul)]),
            Context(skipInvalidUsers: true));

        Assert.Empty(mapped.CompatAccessTokens);
        var session = Assert.Single(mapped.CompatSessions);
        Assert.Equal("PHONE", session.DeviceId);
        Assert.Equal(StartedAt, session.CreatedAt);
        Assert.Equal([("access_tokens", "nul-character"), ("access_tokens", "nul-character")], Skips(mapped));
    }

    [Theory]
    [InlineData(true, "refresh_tokens.token")]
    [InlineData(false, "access_tokens.token")]
    public void A_NUL_in_either_token_of_a_refresh_pair_is_refused_without_showing_it(bool inRefreshToken, string column)
    {
        var rows = Rows(
            User(),
            devices: [Device("PHONE")],
            accessTokens: [AccessToken(1, "PHONE", refreshTokenId: 5, token: inRefreshToken ? null : SecretTokenWithNul)],
            refreshTokens: [RefreshToken(5, "PHONE", token: inRefreshToken ? SecretTokenWithNul : null)]);

        var exception = Assert.Throws<MappingException>(() => Map(rows));
        var mapped = Map(rows, Context(skipInvalidUsers: true));

        Assert.StartsWith($"{column} of {Alice} ", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", exception.Message, StringComparison.Ordinal);
        Assert.Empty(mapped.CompatAccessTokens);
        Assert.Empty(mapped.CompatRefreshTokens);
        Assert.Equal([("refresh_tokens", "nul-character"), ("access_tokens", "nul-character")], Skips(mapped));
    }

    [Fact]
    public void Skip_orphans_does_not_skip_NUL_characters()
    {
        Assert.Throws<MappingException>(() => Map(Rows(User(), threepids: [Threepid("email", "a\0", 1)]), Context(skipOrphans: true)));
    }

    private static SynapseDevice NulDevice(string column, bool hidden) => column switch
    {
        "display_name" => Device("PHONE", displayName: "Ph\0ne", hidden: hidden),
        "user_agent" => Device("PHONE", userAgent: "UA\0", hidden: hidden),
        "ip" => Device("PHONE", ip: "192.0.2.1\0", hidden: hidden),
        "device_id" => Device("PH\0NE", hidden: hidden),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };
}
