using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Synapse;
using static Syn2Mas.Net.Tests.Mapping.MappingScenario;

namespace Syn2Mas.Net.Tests.Mapping;

/// <summary>
/// The ids of mapped rows: dated by the rules' times, and the same in every pass of one run, since each MAS
/// table is written by its own pass over Synapse's rows and no map of ids is kept between passes.
/// </summary>
public sealed class MappingIdsTests
{
    [Fact]
    public void Every_rows_id_carries_the_creation_time_the_rules_give_it()
    {
        var mapped = Map(FullRows());

        Assert.Equal(UserCreatedAt, IdTime(mapped.User!.UserId));
        Assert.Equal(UserCreatedAt, IdTime(mapped.Password!.UserPasswordId));
        Assert.Equal(Milliseconds(1_650_000_000_123), IdTime(Assert.Single(mapped.Emails).UserEmailId));
        Assert.Equal(UserCreatedAt, IdTime(Assert.Single(mapped.UpstreamOauthLinks).UpstreamOauthLinkId));
        Assert.Equal(
            [Milliseconds(1_690_000_000_001), StartedAt, Milliseconds(1_710_000_000_789)],
            mapped.CompatSessions.Select(session => IdTime(session.CompatSessionId)));
        Assert.Equal(
            [Milliseconds(1_700_000_000_456), Milliseconds(1_690_000_000_001), Milliseconds(1_710_000_000_789)],
            mapped.CompatAccessTokens.Select(token => IdTime(token.CompatAccessTokenId)));
        Assert.Equal(Milliseconds(1_690_000_000_001), IdTime(Assert.Single(mapped.CompatRefreshTokens).CompatRefreshTokenId));
    }

    [Fact]
    public void Mapping_a_group_twice_gives_the_same_user_session_and_access_token_ids()
    {
        var mapper = new UserMapper(Context());

        var first = mapper.Map(FullRows());
        var second = mapper.Map(FullRows());

        Assert.Equal(first.User!.UserId, second.User!.UserId);
        Assert.Equal(SessionIds(first), SessionIds(second));
        Assert.Equal(AccessTokenIds(first), AccessTokenIds(second));
        Assert.Equal(
            first.CompatAccessTokens.Select(token => token.CompatSessionId),
            second.CompatAccessTokens.Select(token => token.CompatSessionId));
        Assert.Equal(
            first.CompatRefreshTokens.Select(token => (token.CompatSessionId, token.CompatAccessTokenId)),
            second.CompatRefreshTokens.Select(token => (token.CompatSessionId, token.CompatAccessTokenId)));

        // Nothing refers to these, so they are drawn at random each time.
        Assert.NotEqual(first.Password!.UserPasswordId, second.Password!.UserPasswordId);
        Assert.NotEqual(first.Emails[0].UserEmailId, second.Emails[0].UserEmailId);
        Assert.NotEqual(first.UpstreamOauthLinks[0].UpstreamOauthLinkId, second.UpstreamOauthLinks[0].UpstreamOauthLinkId);
        Assert.NotEqual(first.CompatRefreshTokens[0].CompatRefreshTokenId, second.CompatRefreshTokens[0].CompatRefreshTokenId);
    }

    [Fact]
    public void Passes_reading_only_their_own_tables_agree_on_the_ids_they_share()
    {
        var context = Context();
        var full = FullRows();

        // Two mappers of one run, as two passes would have.
        var usersPass = new UserMapper(context).Map(Rows(full.User));
        var emailsPass = new UserMapper(context).Map(Rows(full.User, threepids: full.Threepids));
        var sessionsPass = new UserMapper(context).Map(Rows(full.User, devices: full.Devices, accessTokens: full.AccessTokens, refreshTokens: full.RefreshTokens));
        var tokensPass = new UserMapper(context).Map(Rows(full.User, devices: full.Devices, accessTokens: full.AccessTokens, refreshTokens: full.RefreshTokens));

        Assert.Equal(usersPass.User!.UserId, emailsPass.Emails[0].UserId);
        Assert.Equal(usersPass.User.UserId, sessionsPass.CompatSessions[0].UserId);
        Assert.All(tokensPass.CompatAccessTokens, token => Assert.Contains(token.CompatSessionId, SessionIds(sessionsPass)));
        Assert.All(tokensPass.CompatRefreshTokens, token => Assert.Contains(token.CompatSessionId, SessionIds(sessionsPass)));
        Assert.Equal(AccessTokenIds(sessionsPass), AccessTokenIds(tokensPass));
        Assert.Contains(tokensPass.CompatRefreshTokens[0].CompatAccessTokenId, AccessTokenIds(sessionsPass));
    }

    [Fact]
    public void Another_run_gives_other_ids_with_the_same_times()
    {
        var first = Map(FullRows(), Context());
        var second = Map(FullRows(), Context());

        Assert.NotEqual(first.User!.UserId, second.User!.UserId);
        Assert.Equal(IdTime(first.User.UserId), IdTime(second.User.UserId));
        Assert.Empty(SessionIds(first).Intersect(SessionIds(second)));
        Assert.Empty(AccessTokenIds(first).Intersect(AccessTokenIds(second)));
    }

    [Fact]
    public void Two_users_created_in_the_same_second_get_different_ids()
    {
        var context = Context();

        var alice = Map(Rows(User(name: "@alice:example.com")), context).User!;
        var bob = Map(Rows(User(name: "@bob:example.com")), context).User!;

        Assert.Equal(alice.CreatedAt, bob.CreatedAt);
        Assert.NotEqual(alice.UserId, bob.UserId);
    }

    [Fact]
    public void The_same_device_id_of_two_users_gives_two_sessions()
    {
        var context = Context();

        var alice = Map(Rows(User(name: "@alice:example.com"), devices: [Device("PHONE", userId: "@alice:example.com")]), context);
        var bob = Map(Rows(User(name: "@bob:example.com"), devices: [Device("PHONE", userId: "@bob:example.com")]), context);

        Assert.NotEqual(alice.CompatSessions[0].CompatSessionId, bob.CompatSessions[0].CompatSessionId);
    }

    private static SynapseUserRows FullRows() => Rows(
        User(),
        threepids: [Threepid("email", "alice@example.org", 1_650_000_000_123)],
        externalIds: [ExternalId("oidc-corp", "alice-sub")],
        devices: [Device("PHONE"), Device("LAPTOP")],
        accessTokens:
        [
            AccessToken(1, "PHONE", lastValidated: 1_700_000_000_456),
            AccessToken(2, "PHONE", lastValidated: 1_690_000_000_001, refreshTokenId: 9),
            AccessToken(3, null, lastValidated: 1_710_000_000_789),
        ],
        refreshTokens: [RefreshToken(9, "PHONE")]);

    private static IReadOnlyList<Guid> SessionIds(MappedUser mapped) => [.. mapped.CompatSessions.Select(session => session.CompatSessionId).Order()];

    private static IReadOnlyList<Guid> AccessTokenIds(MappedUser mapped) => [.. mapped.CompatAccessTokens.Select(token => token.CompatAccessTokenId).Order()];
}
