using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Synapse;
using static Syn2Mas.Net.Tests.Mapping.MappingScenario;

namespace Syn2Mas.Net.Tests.Mapping;

/// <summary>
/// Rule 5 as Synapse's refresh handler decides: only a refresh token Synapse would still accept migrates,
/// judged at the snapshot's time (the context's start time), since MAS's compat refresh tokens never expire.
/// </summary>
public sealed class RefreshChainMappingTests
{
    private static readonly long Now = StartedAt.ToUnixTimeMilliseconds();

    /// <summary>A chain 1 → 2 → … → <paramref name="length"/> on PHONE, each with its access token 100 + id, none used.</summary>
    private static SynapseUserRows Chain(int length) => Rows(
        User(),
        devices: [Device("PHONE")],
        accessTokens: [.. Enumerable.Range(1, length).Select(id => AccessToken(100 + id, "PHONE", lastValidated: 1_700_000_000_000 + id, refreshTokenId: id))],
        refreshTokens: [.. Enumerable.Range(1, length).Select(id => RefreshToken(id, "PHONE", nextTokenId: id < length ? id + 1 : null))]);

    [Fact]
    public void Of_a_chain_of_fifty_refreshes_only_the_last_two_refresh_tokens_migrate()
    {
        var mapped = Map(Chain(50));

        Assert.Equal(["syr_refresh_49", "syr_refresh_50"], mapped.CompatRefreshTokens.Select(token => token.RefreshToken));
        Assert.Equal(["syt_access_149", "syt_access_150"], mapped.CompatAccessTokens.Select(token => token.AccessToken));
        Assert.Equal(48, mapped.SkippedRows.Count(row => row is { Table: "refresh_tokens", Reason: SkipReasons.SuccessorRefreshed }));
        Assert.Equal(48, mapped.SkippedRows.Count(row => row is { Table: "access_tokens", Reason: SkipReasons.SuccessorRefreshed }));
        Assert.Equal(96, mapped.SkippedRows.Count);

        // The refused pairs do not date the session either.
        Assert.Equal(Milliseconds(1_700_000_000_049), Assert.Single(mapped.CompatSessions).CreatedAt);
    }

    [Fact]
    public void A_successor_missing_from_the_database_has_not_been_refreshed()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE")],
            accessTokens: [AccessToken(10, "PHONE", refreshTokenId: 5)],
            refreshTokens: [RefreshToken(5, "PHONE", nextTokenId: 6)]));

        Assert.Single(mapped.CompatRefreshTokens);
        Assert.Empty(mapped.SkippedRows);
    }

    [Fact]
    public void An_expired_refresh_token_is_skipped_with_its_access_token()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE")],
            accessTokens: [AccessToken(10, "PHONE", lastValidated: 978_307_200_000, refreshTokenId: 5)],
            refreshTokens: [new SynapseRefreshToken(5, Alice, "PHONE", "syr_2001", null, ExpiryTs: Ms(978_393_600_000))]));

        Assert.Empty(mapped.CompatRefreshTokens);
        Assert.Empty(mapped.CompatAccessTokens);
        Assert.Equal([("refresh_tokens", "refresh-token-expired"), ("access_tokens", "refresh-token-expired")], Skips(mapped));

        // The device keeps its session, as any device whose tokens do not migrate (rule 6), dated at the start.
        Assert.Equal(StartedAt, Assert.Single(mapped.CompatSessions).CreatedAt);
    }

    [Fact]
    public void A_refresh_token_expiring_exactly_now_or_later_is_still_accepted_as_Synapse_does()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE")],
            accessTokens: [AccessToken(10, "PHONE", refreshTokenId: 5), AccessToken(11, "PHONE", refreshTokenId: 6)],
            refreshTokens:
            [
                new SynapseRefreshToken(5, Alice, "PHONE", "syr_5", null, ExpiryTs: Ms(Now), UltimateSessionExpiryTs: Ms(Now)),
                new SynapseRefreshToken(6, Alice, "PHONE", "syr_6", null, ExpiryTs: Ms(Now - 1)),
            ]));

        Assert.Equal("syr_5", Assert.Single(mapped.CompatRefreshTokens).RefreshToken);
        Assert.Equal([("refresh_tokens", "refresh-token-expired"), ("access_tokens", "refresh-token-expired")], Skips(mapped));
    }

    [Fact]
    public void A_session_past_its_ultimate_expiry_is_skipped_even_with_a_refresh_token_not_yet_expired()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE")],
            accessTokens: [AccessToken(10, "PHONE", refreshTokenId: 5)],
            refreshTokens: [new SynapseRefreshToken(5, Alice, "PHONE", "syr_5", null, ExpiryTs: Ms(Now + 60_000), UltimateSessionExpiryTs: Ms(Now - 1))]));

        Assert.Empty(mapped.CompatRefreshTokens);
        Assert.Equal([("refresh_tokens", "session-expired"), ("access_tokens", "session-expired")], Skips(mapped));
    }

    [Fact]
    public void A_session_with_a_future_ultimate_expiry_migrates_without_the_bound()
    {
        var mapped = Map(Rows(
            User(),
            devices: [Device("PHONE")],
            accessTokens: [AccessToken(10, "PHONE", validUntilMs: Now - 5_000, refreshTokenId: 5)],
            refreshTokens: [new SynapseRefreshToken(5, Alice, "PHONE", "syr_5", null, ExpiryTs: Ms(Now + 60_000), UltimateSessionExpiryTs: Ms(Now + 3_600_000))]));

        // The pair's access token has expired, as it usually has: the refresh token keeps the session alive.
        Assert.Equal(Milliseconds(Now - 5_000), Assert.Single(mapped.CompatAccessTokens).ExpiresAt);
        Assert.Single(mapped.CompatRefreshTokens);
        Assert.Empty(mapped.SkippedRows);
    }

    [Fact]
    public void Now_is_the_contexts_start_time_not_the_clock()
    {
        // In 2001, this token was still good: a run whose snapshot is from then migrates it.
        var rows = Rows(
            User(creationTs: 978_000_000),
            devices: [Device("PHONE")],
            accessTokens: [AccessToken(10, "PHONE", refreshTokenId: 5)],
            refreshTokens: [new SynapseRefreshToken(5, Alice, "PHONE", "syr_5", null, ExpiryTs: Ms(978_393_600_000))]);

        Assert.Single(Map(rows, Context(startedAt: Milliseconds(978_300_000_000))).CompatRefreshTokens);
        Assert.Empty(Map(rows).CompatRefreshTokens);
    }
}
