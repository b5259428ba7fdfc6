using Syn2Mas.Net.Mapping;
using static Syn2Mas.Net.Tests.Mapping.MappingScenario;

namespace Syn2Mas.Net.Tests.Mapping;

/// <summary>Rule 5: refresh tokens and their access tokens → <c>compat_access_tokens</c> + <c>compat_refresh_tokens</c> pairs.</summary>
public sealed class RefreshTokensMappingTests
{
    [Fact]
    public void A_refresh_token_and_its_access_token_become_a_pair_in_the_devices_session()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE")],
            accessTokens: [AccessToken(10, "PHONE", lastValidated: 1_700_000_000_456, validUntilMs: 1_735_689_600_000, refreshTokenId: 5)],
            refreshTokens: [RefreshToken(5, "PHONE")]));

        var session = Assert.Single(mapped.CompatSessions);
        var accessToken = Assert.Single(mapped.CompatAccessTokens);
        var refreshToken = Assert.Single(mapped.CompatRefreshTokens);
        Assert.Equal("syt_access_10", accessToken.AccessToken);
        Assert.Equal(Milliseconds(1_700_000_000_456), accessToken.CreatedAt);
        Assert.Equal(Milliseconds(1_735_689_600_000), accessToken.ExpiresAt);
        Assert.Equal(session.CompatSessionId, accessToken.CompatSessionId);
        Assert.Equal("syr_refresh_5", refreshToken.RefreshToken);
        Assert.Equal(accessToken.CompatAccessTokenId, refreshToken.CompatAccessTokenId);
        Assert.Equal(session.CompatSessionId, refreshToken.CompatSessionId);
        Assert.Equal(accessToken.CreatedAt, refreshToken.CreatedAt);
        Assert.Equal(accessToken.CreatedAt, IdTime(refreshToken.CompatRefreshTokenId));
        Assert.Equal(accessToken.CreatedAt, session.CreatedAt);
        Assert.Empty(mapped.SkippedRows);
    }

    [Fact]
    public void A_pair_whose_access_token_was_never_validated_is_dated_at_the_start()
    {
        var mapped = Map(Rows(User(), devices: [Device("PHONE")], accessTokens: [AccessToken(10, "PHONE", refreshTokenId: 5)], refreshTokens: [RefreshToken(5, "PHONE")]));

        Assert.Equal(StartedAt, Assert.Single(mapped.CompatAccessTokens).CreatedAt);
        Assert.Equal(StartedAt, Assert.Single(mapped.CompatRefreshTokens).CreatedAt);
    }

    [Fact]
    public void A_refresh_token_whose_successors_access_token_was_used_is_skipped_with_its_access_token()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE")],
            accessTokens:
            [
                AccessToken(10, "PHONE", lastValidated: 1_690_000_000_001, refreshTokenId: 5),
                AccessToken(11, "PHONE", lastValidated: 1_700_000_000_456, refreshTokenId: 6, used: true),
            ],
            refreshTokens: [RefreshToken(5, "PHONE", nextTokenId: 6), RefreshToken(6, "PHONE")]));

        Assert.Equal("syt_access_11", Assert.Single(mapped.CompatAccessTokens).AccessToken);
        Assert.Equal("syr_refresh_6", Assert.Single(mapped.CompatRefreshTokens).RefreshToken);
        Assert.Equal([("refresh_tokens", "successor-used"), ("access_tokens", "successor-used")], Skips(mapped));

        // The skipped pair does not date the session.
        Assert.Equal(Milliseconds(1_700_000_000_456), Assert.Single(mapped.CompatSessions).CreatedAt);
    }

    [Fact]
    public void A_refresh_token_whose_successors_access_token_is_unused_is_migrated_with_it()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE")],
            accessTokens:
            [
                AccessToken(10, "PHONE", lastValidated: 1_690_000_000_001, refreshTokenId: 5),
                AccessToken(11, "PHONE", lastValidated: 1_700_000_000_456, refreshTokenId: 6, used: false),
            ],
            refreshTokens: [RefreshToken(5, "PHONE", nextTokenId: 6), RefreshToken(6, "PHONE")]));

        Assert.Equal(["syr_refresh_5", "syr_refresh_6"], mapped.CompatRefreshTokens.Select(token => token.RefreshToken));
        Assert.Equal(
            mapped.CompatAccessTokens.Select(token => token.CompatAccessTokenId),
            mapped.CompatRefreshTokens.Select(token => token.CompatAccessTokenId));
        Assert.Equal(Milliseconds(1_690_000_000_001), Assert.Single(mapped.CompatSessions).CreatedAt);
        Assert.Empty(mapped.SkippedRows);
    }

    [Fact]
    public void A_used_access_token_does_not_stop_its_own_refresh_token_only_its_predecessor()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE")],
            accessTokens: [AccessToken(11, "PHONE", refreshTokenId: 6, used: true)],
            refreshTokens: [RefreshToken(6, "PHONE", nextTokenId: 99)]));

        Assert.Single(mapped.CompatRefreshTokens);
        Assert.Empty(mapped.SkippedRows);
    }

    [Fact]
    public void A_refresh_token_on_a_device_that_does_not_exist_is_skipped_with_its_access_token()
    {
        var mapped = Map(Rows(User(), accessTokens: [AccessToken(10, "GONE", refreshTokenId: 5)], refreshTokens: [RefreshToken(5, "GONE")]));

        Assert.Empty(mapped.CompatAccessTokens);
        Assert.Empty(mapped.CompatRefreshTokens);
        Assert.Empty(mapped.CompatSessions);
        Assert.Equal([("refresh_tokens", "unknown-device"), ("access_tokens", "unknown-device")], Skips(mapped));
    }

    [Fact]
    public void A_refresh_token_without_an_access_token_is_skipped()
    {
        var mapped = Map(Rows(User(), devices: [Device("PHONE")], refreshTokens: [RefreshToken(5, "PHONE")]));

        Assert.Empty(mapped.CompatRefreshTokens);
        Assert.Equal([("refresh_tokens", "unpaired-refresh-token")], Skips(mapped));
        Assert.Equal(StartedAt, Assert.Single(mapped.CompatSessions).CreatedAt);
    }

    [Fact]
    public void An_access_token_whose_refresh_token_is_missing_is_skipped()
    {
        var mapped = Map(Rows(User(), devices: [Device("PHONE")], accessTokens: [AccessToken(10, "PHONE", lastValidated: 1_600_000_000_000, refreshTokenId: 5)]));

        Assert.Empty(mapped.CompatAccessTokens);
        Assert.Equal([("access_tokens", "unpaired-refresh-token")], Skips(mapped));
        Assert.Equal(StartedAt, Assert.Single(mapped.CompatSessions).CreatedAt);
    }

    [Fact]
    public void An_access_token_on_another_device_than_its_refresh_token_does_not_pair()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE"), Device("LAPTOP")],
            accessTokens: [AccessToken(10, "LAPTOP", refreshTokenId: 5)],
            refreshTokens: [RefreshToken(5, "PHONE")]));

        Assert.Empty(mapped.CompatAccessTokens);
        Assert.Empty(mapped.CompatRefreshTokens);
        Assert.Equal([("refresh_tokens", "unpaired-refresh-token"), ("access_tokens", "unpaired-refresh-token")], Skips(mapped));
    }

    [Fact]
    public void A_deviceless_access_token_never_pairs_since_refresh_tokens_always_have_a_device()
    {
        var mapped = Map(Rows(User(), devices: [Device("PHONE")], accessTokens: [AccessToken(10, null, refreshTokenId: 5)], refreshTokens: [RefreshToken(5, "PHONE")]));

        Assert.Empty(mapped.CompatAccessTokens);
        Assert.Equal([("refresh_tokens", "unpaired-refresh-token"), ("access_tokens", "unpaired-refresh-token")], Skips(mapped));
    }

    [Fact]
    public void When_two_access_tokens_point_at_one_refresh_token_the_lowest_id_pairs_whatever_the_order()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE")],
            accessTokens: [AccessToken(12, "PHONE", refreshTokenId: 5), AccessToken(11, "PHONE", refreshTokenId: 5)],
            refreshTokens: [RefreshToken(5, "PHONE")]));

        Assert.Equal("syt_access_11", Assert.Single(mapped.CompatAccessTokens).AccessToken);
        Assert.Single(mapped.CompatRefreshTokens);
        Assert.Equal([("access_tokens", "unpaired-refresh-token")], Skips(mapped));
    }

    [Fact]
    public void A_pairs_access_token_counts_when_dating_the_devices_session()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE")],
            accessTokens: [AccessToken(1, "PHONE", lastValidated: 1_710_000_000_789), AccessToken(2, "PHONE", lastValidated: 1_690_000_000_001, refreshTokenId: 5)],
            refreshTokens: [RefreshToken(5, "PHONE")]));

        var session = Assert.Single(mapped.CompatSessions);
        Assert.Equal(Milliseconds(1_690_000_000_001), session.CreatedAt);
        Assert.Equal(session.CreatedAt, IdTime(session.CompatSessionId));
        Assert.All(mapped.CompatAccessTokens, token => Assert.Equal(session.CompatSessionId, token.CompatSessionId));
        Assert.Equal(session.CompatSessionId, Assert.Single(mapped.CompatRefreshTokens).CompatSessionId);
    }

    [Fact]
    public void A_puppets_refreshable_token_is_skipped_with_its_refresh_token()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE")],
            accessTokens: [AccessToken(10, "PHONE", puppetsUserId: "@bob:example.com", refreshTokenId: 5)],
            refreshTokens: [RefreshToken(5, "PHONE")]));

        Assert.Empty(mapped.CompatAccessTokens);
        Assert.Empty(mapped.CompatRefreshTokens);
        Assert.Equal([("refresh_tokens", "puppet-token"), ("access_tokens", "puppet-token")], Skips(mapped));
    }
}
