using Syn2Mas.Net.Mapping;
using static Syn2Mas.Net.Tests.Mapping.MappingScenario;

namespace Syn2Mas.Net.Tests.Mapping;

/// <summary>Rule 2: <c>user_threepids</c> → <c>user_emails</c> and <c>user_unsupported_third_party_ids</c>.</summary>
public sealed class ThreepidsMappingTests
{
    [Fact]
    public void An_email_becomes_a_user_email_as_stored_dated_by_added_at_in_milliseconds()
    {
        var mapped = Map(Rows(User(), threepids: [Threepid("email", "Alice.Smith@Example.ORG", 1_650_000_000_123)]));

        var email = Assert.Single(mapped.Emails);
        Assert.Equal("Alice.Smith@Example.ORG", email.Email);
        Assert.Equal(new DateTimeOffset(2022, 4, 15, 5, 20, 0, 123, TimeSpan.Zero), email.CreatedAt);
        Assert.Equal(mapped.User?.UserId, email.UserId);
        Assert.Equal(email.CreatedAt, IdTime(email.UserEmailId));
        Assert.Empty(mapped.UnsupportedThreepids);
    }

    [Fact]
    public void Other_media_become_unsupported_third_party_ids()
    {
        var mapped = Map(Rows(User(), threepids: [Threepid("msisdn", "447700900123", 1_700_000_000_456)]));

        var threepid = Assert.Single(mapped.UnsupportedThreepids);
        Assert.Equal("msisdn", threepid.Medium);
        Assert.Equal("447700900123", threepid.Address);
        Assert.Equal(new DateTimeOffset(2023, 11, 14, 22, 13, 20, 456, TimeSpan.Zero), threepid.CreatedAt);
        Assert.Equal(mapped.User?.UserId, threepid.UserId);
        Assert.Empty(mapped.Emails);
    }

    [Fact]
    public void Only_the_exact_medium_email_is_an_email_as_for_the_advisor()
    {
        var mapped = Map(Rows(User(), threepids: [Threepid("Email", "a@example.org", 1), Threepid("email", "b@example.org", 2)]));

        Assert.Equal("b@example.org", Assert.Single(mapped.Emails).Email);
        Assert.Equal("Email", Assert.Single(mapped.UnsupportedThreepids).Medium);
    }

    [Fact]
    public void Each_threepid_gives_one_row_in_order()
    {
        var mapped = Map(Rows(User(), threepids:
        [
            Threepid("email", "one@example.org", 1_600_000_001_000),
            Threepid("msisdn", "15550100", 1_600_000_002_000),
            Threepid("email", "two@example.org", 1_600_000_003_000),
        ]));

        Assert.Equal(["one@example.org", "two@example.org"], mapped.Emails.Select(email => email.Email));
        Assert.Equal([Milliseconds(1_600_000_001_000), Milliseconds(1_600_000_003_000)], mapped.Emails.Select(email => email.CreatedAt));
        Assert.NotEqual(mapped.Emails[0].UserEmailId, mapped.Emails[1].UserEmailId);
        Assert.Single(mapped.UnsupportedThreepids);
    }

    [Fact]
    public void A_deactivated_user_gets_no_threepids_and_each_is_counted_as_skipped()
    {
        var mapped = Map(Rows(User(deactivated: true), threepids: [Threepid("email", "a@example.org", 1), Threepid("msisdn", "15550100", 2)]));

        Assert.NotNull(mapped.User);
        Assert.Empty(mapped.Emails);
        Assert.Empty(mapped.UnsupportedThreepids);
        Assert.Equal([("user_threepids", "deactivated-user"), ("user_threepids", "deactivated-user")], Skips(mapped));
        Assert.All(mapped.SkippedRows, row => Assert.Equal(Alice, row.UserId));
    }

    [Fact]
    public void A_guest_keeps_their_threepids_since_only_deactivation_removes_them()
    {
        var mapped = Map(Rows(User(isGuest: true), threepids: [Threepid("email", "guest@example.org", 1)]));

        Assert.Single(mapped.Emails);
        Assert.Empty(mapped.SkippedRows);
    }
}
