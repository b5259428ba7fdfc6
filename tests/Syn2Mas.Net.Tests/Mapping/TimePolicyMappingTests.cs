using Syn2Mas.Net.Mapping;
using static Syn2Mas.Net.Tests.Mapping.MappingScenario;

namespace Syn2Mas.Net.Tests.Mapping;

/// <summary>
/// Times that cannot be right are treated as missing (<see cref="SynapseTime"/>): row-dating times become the
/// start (snapshot) time, <c>last_seen</c> NULL, each with a warning that suggests the likely reading; every
/// id's ULID time stays its row's <c>created_at</c>.
/// </summary>
public sealed class TimePolicyMappingTests
{
    public static TheoryData<long, string> ImplausibleCreationTimes => new()
    {
        { 0, "at or before the epoch" },
        { -86_400, "at or before the epoch" },
        { 1_600_000_000_000, "in the future (milliseconds?); treated as missing: the snapshot time (likely as milliseconds: 2020-09-13T12:26:40Z)" },
        { 16_000_000_000, "in the future (milliseconds?)" },
        { 99_999_999, "before 1973" },
    };

    [Theory]
    [MemberData(nameof(ImplausibleCreationTimes))]
    public void An_implausible_creation_ts_dates_the_user_and_its_rows_at_the_start(long creationTs, string expected)
    {
        var mapped = Map(Rows(User(creationTs: creationTs), externalIds: [ExternalId("oidc-corp", "sub")]));

        var user = mapped.User!;
        Assert.Equal(StartedAt, user.CreatedAt);
        Assert.Equal(user.CreatedAt, IdTime(user.UserId));
        Assert.Equal(user.CreatedAt, IdTime(mapped.Password!.UserPasswordId));
        Assert.Equal(user.CreatedAt, Assert.Single(mapped.UpstreamOauthLinks).CreatedAt);
        var warning = Assert.Single(mapped.Warnings);
        Assert.Equal("implausible-times", warning.Code);
        Assert.Contains("users.creation_ts of @alice:example.com", warning.Message, StringComparison.Ordinal);
        Assert.Contains(expected, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plausible_creation_ts_at_the_snapshot_itself_is_kept()
    {
        var snapshotSeconds = StartedAt.ToUnixTimeSeconds();

        var mapped = Map(Rows(User(creationTs: snapshotSeconds)));

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(snapshotSeconds), mapped.User?.CreatedAt);
        Assert.Empty(mapped.Warnings);
    }

    [Fact]
    public void An_added_at_in_seconds_is_treated_as_missing_and_the_reading_in_seconds_suggested()
    {
        var mapped = Map(Rows(User(), threepids: [Threepid("email", "a@example.org", 1_600_000_000)]));

        var email = Assert.Single(mapped.Emails);
        Assert.Equal(StartedAt, email.CreatedAt);
        Assert.Equal(StartedAt, IdTime(email.UserEmailId));
        Assert.Contains("(likely as seconds: 2020-09-13T12:26:40Z)", Assert.Single(mapped.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_last_validated_dates_the_token_and_its_session_at_the_start_never_at_the_epoch()
    {
        var mapped = Map(Rows(User(), devices: [Device("PHONE", lastSeen: -5)], accessTokens: [AccessToken(1, "PHONE", lastValidated: -1_000)]));

        var session = Assert.Single(mapped.CompatSessions);
        var token = Assert.Single(mapped.CompatAccessTokens);
        Assert.Equal(StartedAt, token.CreatedAt);
        Assert.Equal(StartedAt, IdTime(token.CompatAccessTokenId));
        Assert.Equal(StartedAt, session.CreatedAt);
        Assert.Equal(StartedAt, IdTime(session.CompatSessionId));
        Assert.Null(session.LastActiveAt);
        Assert.Equal(
            ["access_tokens.last_validated", "devices.last_seen"],
            mapped.Warnings.Select(warning => warning.Message.Split(' ')[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_last_seen_in_the_future_becomes_null()
    {
        var mapped = Map(Rows(User(), devices: [Device("PHONE", lastSeen: StartedAt.ToUnixTimeMilliseconds() + 1)]));

        Assert.Null(Assert.Single(mapped.CompatSessions).LastActiveAt);
        Assert.Contains("devices.last_seen", Assert.Single(mapped.Warnings).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_600_000_000_000, true, "as milliseconds: 2020-09-13T12:26:40Z")]
    [InlineData(1_600_000_000, false, "as seconds: 2020-09-13T12:26:40Z")]
    [InlineData(0, true, null)]
    [InlineData(-1, false, null)]
    [InlineData(99_000_000_000_000, true, null)]
    public void The_likely_reading_is_the_other_unit_when_that_is_plausible(long value, bool inSeconds, string? expected)
    {
        Assert.Equal(expected, SynapseTime.LikelyReading(value, inSeconds, StartedAt));
    }
}
