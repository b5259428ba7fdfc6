using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Tests.Synapse;
using Syn2Mas.Net.Verification;

namespace Syn2Mas.Net.Tests.Verification;

/// <summary>
/// The diff engine on its own, on rows made here: what the mapper would give on one side and what MAS would
/// hold on the other, each in user order.
/// </summary>
public sealed class VerificationDiffTests
{
    private static readonly DateTimeOffset StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeMilliseconds(1_600_000_000_000);
    private static readonly Guid Provider = Guid.Parse("0195329d-7ed9-a1bb-8469-638b2a57edca");
    private static readonly MasIdGenerator Ids = MasIdGenerator.CreateForRun();

    [Theory]
    [InlineData("@alice:example.com", "@bob:example.com")]
    [InlineData("@bob:example.com", "@alice:example.com")]
    public async Task A_link_held_under_another_user_is_one_update_of_user_id_whichever_user_comes_first(string owner, string holder)
    {
        var expected = new[] { Mapped("@alice:example.com"), Mapped("@bob:example.com") };
        expected.Single(user => user.UserId == owner).Add(Link("sub", expected.Single(user => user.UserId == owner).User!.UserId));
        var held = new[] { Held("@alice:example.com", []), Held("@bob:example.com", []) }
            .Select(rows => rows.UserId == holder ? rows with { UpstreamOauthLinks = [Link("sub", rows.User!.UserId)] } : rows)
            .ToArray();
        var diff = new VerificationDiff(StartedAt);

        var changes = await AsyncRows.ToListAsync(diff.CompareAsync(AsyncRows.Of(expected), AsyncRows.Of(held)));

        var change = Assert.Single(changes);
        Assert.Equal((MasSchema.UpstreamOauthLinks.Name, ChangeKind.Update, owner), (change.Table, change.Kind, change.UserId));
        Assert.Equal(["user_id"], change.Columns);
        Assert.Equal(2, diff.Matched[MasSchema.Users.Name]);
    }

    [Fact]
    public async Task A_user_missing_on_one_side_and_one_extra_on_the_other_are_an_insert_and_a_delete_and_a_time_of_the_run_is_not_compared()
    {
        var expected = new[] { Mapped("@a.b:example.com"), Mapped("@a:example.com", StartedAt), Mapped("@c:example.com") };
        var held = new[] { Held("@a:example.com", [], Created), Held("@b:example.com", []) };
        var diff = new VerificationDiff(StartedAt);

        var changes = await AsyncRows.ToListAsync(diff.CompareAsync(AsyncRows.Of(expected), AsyncRows.Of(held)));

        Assert.Equal(
            [(ChangeKind.Insert, "@a.b:example.com"), (ChangeKind.Delete, "@b:example.com"), (ChangeKind.Insert, "@c:example.com")],
            changes.Select(change => (change.Kind, change.UserId)).ToArray());
        Assert.Equal(1, diff.Matched[MasSchema.Users.Name]);
    }

    [Fact]
    public async Task A_token_key_never_appears_in_a_change_as_text()
    {
        const string Token = "syt_c2VjcmV0_diffsecret_A1b2C3";
        var user = Mapped("@alice:example.com");
        var session = new MasCompatSession(Guid.NewGuid(), user.User!.UserId, "PHONE", Created, false, null, null, null, null);
        user.Add(session);
        user.Add(new MasCompatAccessToken(Guid.NewGuid(), session.CompatSessionId, Token, Created, null));
        var diff = new VerificationDiff(StartedAt);

        var changes = await AsyncRows.ToListAsync(diff.CompareAsync(AsyncRows.Of(new[] { user }), AsyncRows.Of(new[] { Held("@alice:example.com", []) })));

        Assert.Equal(2, changes.Count);
        Assert.All(changes, change => Assert.DoesNotContain(Token, change.ToString(), StringComparison.Ordinal));
        Assert.True(changes.Single(change => change.Table == MasSchema.CompatAccessTokens.Name).KeyIsSecret);
    }

    private static MappedUser Mapped(string userId, DateTimeOffset? createdAt = null)
    {
        var mapped = new MappedUser(userId) { User = User(userId, createdAt ?? Created) };
        return mapped;
    }

    private static MasUserRows Held(string userId, IReadOnlyList<MasUpstreamOauthLink> links, DateTimeOffset? createdAt = null) =>
        new(userId, User(userId, createdAt ?? Created), [], [], [], links, [], [], []);

    private static MasUser User(string userId, DateTimeOffset createdAt) =>
        new(Ids.NewId(createdAt), userId[1..userId.IndexOf(':', StringComparison.Ordinal)], createdAt, null, false, false, null);

    private static MasUpstreamOauthLink Link(string subject, Guid userId) => new(Ids.NewId(Created), Provider, userId, subject, Created);
}
