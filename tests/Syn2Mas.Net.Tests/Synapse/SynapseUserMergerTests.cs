using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Tests.Synapse;

public sealed class SynapseUserMergerTests
{
    private const string Emoji = "@\U0001F600:example.com";
    private const string PrivateUse = "@\uE000:example.com";

    private static SynapseUser User(string? name) => new(name is null ? null : new SynapseUserId(name), null, new SynapseSeconds(1), false, false, false, null, false);

    private static SynapseThreepid Threepid(string userId, string address) => new(userId, "email", address, new SynapseMilliseconds(1));

    private static SynapseExternalId ExternalId(string userId, string subject) => new(userId, "oidc", subject);

    private static SynapseDevice Device(string userId, string deviceId) => new(userId, deviceId, null, null, null, null, false);

    private static SynapseAccessToken AccessToken(string userId, long id) => new(id, userId, null, $"syt_{id}", null, null, null, null, false);

    private static SynapseRefreshToken RefreshToken(string userId, long id) => new(id, userId, "D", $"syr_{id}", null);

    private static Task<List<SynapseUserRows>> MergeAsync(
        IAsyncEnumerable<SynapseUser> users,
        IAsyncEnumerable<SynapseThreepid>? threepids = null,
        IAsyncEnumerable<SynapseExternalId>? externalIds = null,
        IAsyncEnumerable<SynapseDevice>? devices = null,
        IAsyncEnumerable<SynapseAccessToken>? accessTokens = null,
        IAsyncEnumerable<SynapseRefreshToken>? refreshTokens = null,
        CancellationToken cancellationToken = default) =>
        AsyncRows.ToListAsync(SynapseUserMerger.MergeAsync(users, threepids, externalIds, devices, accessTokens, refreshTokens, cancellationToken), cancellationToken);

    [Fact]
    public async Task Rows_are_grouped_per_user_with_orphans_before_between_and_after_users()
    {
        var b = User("@b:example.com");
        var d = User("@d:example.com");
        var orphanThreepid = Threepid("@a:example.com", "a@example.com");
        var threepidB1 = Threepid("@b:example.com", "b1@example.com");
        var threepidB2 = Threepid("@b:example.com", "b2@example.com");
        var externalD = ExternalId("@d:example.com", "sub-d");
        var orphanDevice = Device("@c:example.com", "C1");
        var deviceD = Device("@d:example.com", "D1");
        var tokenB = AccessToken("@b:example.com", 1);
        var orphanToken = AccessToken("@e:example.com", 2);
        var refreshB = RefreshToken("@b:example.com", 3);
        var orphanRefresh = RefreshToken("@f:example.com", 4);

        var groups = await MergeAsync(
            AsyncRows.Of(b, d),
            AsyncRows.Of(orphanThreepid, threepidB1, threepidB2),
            AsyncRows.Of(externalD),
            AsyncRows.Of(orphanDevice, deviceD),
            AsyncRows.Of(tokenB, orphanToken),
            AsyncRows.Of(refreshB, orphanRefresh));

        Assert.Equal(["@a:example.com", "@b:example.com", "@c:example.com", "@d:example.com", "@e:example.com", "@f:example.com"], groups.Select(group => group.UserId));
        Assert.Equal([true, false, true, false, true, true], groups.Select(group => group.IsOrphan));
        Assert.Same(b, groups[1].User);
        Assert.Same(d, groups[3].User);

        Assert.Equal([orphanThreepid], groups[0].Threepids);
        Assert.Empty(groups[0].Devices);
        Assert.Equal([threepidB1, threepidB2], groups[1].Threepids);
        Assert.Equal([tokenB], groups[1].AccessTokens);
        Assert.Equal([refreshB], groups[1].RefreshTokens);
        Assert.Empty(groups[1].ExternalIds);
        Assert.Empty(groups[1].Devices);
        Assert.Equal([orphanDevice], groups[2].Devices);
        Assert.Equal([externalD], groups[3].ExternalIds);
        Assert.Equal([deviceD], groups[3].Devices);
        Assert.Empty(groups[3].Threepids);
        Assert.Equal([orphanToken], groups[4].AccessTokens);
        Assert.Equal([orphanRefresh], groups[5].RefreshTokens);
        Assert.Equal(12, groups.Sum(group =>
            group.Threepids.Count + group.ExternalIds.Count + group.Devices.Count + group.AccessTokens.Count + group.RefreshTokens.Count + (group.User is null ? 0 : 1)));
    }

    [Fact]
    public async Task A_table_not_read_in_this_pass_leaves_its_lists_empty()
    {
        var groups = await MergeAsync(AsyncRows.Of(User("@a:example.com"), User("@b:example.com")), devices: AsyncRows.Of(Device("@b:example.com", "B1")));

        Assert.Equal(["@a:example.com", "@b:example.com"], groups.Select(group => group.UserId));
        Assert.All(groups, group =>
        {
            Assert.NotNull(group.User);
            Assert.Empty(group.Threepids);
            Assert.Empty(group.ExternalIds);
            Assert.Empty(group.AccessTokens);
            Assert.Empty(group.RefreshTokens);
        });
        Assert.Empty(groups[0].Devices);
        Assert.Single(groups[1].Devices);
    }

    [Fact]
    public async Task Empty_streams_give_users_without_rows_or_orphans_without_users()
    {
        Assert.Empty(await MergeAsync(AsyncRows.Of<SynapseUser>(), AsyncRows.Of<SynapseThreepid>(), AsyncRows.Of<SynapseExternalId>(),
            AsyncRows.Of<SynapseDevice>(), AsyncRows.Of<SynapseAccessToken>(), AsyncRows.Of<SynapseRefreshToken>()));

        var onlyUsers = await MergeAsync(AsyncRows.Of(User("@a:example.com")), AsyncRows.Of<SynapseThreepid>(), devices: AsyncRows.Of<SynapseDevice>());
        var user = Assert.Single(onlyUsers);
        Assert.False(user.IsOrphan);
        Assert.Empty(user.Threepids);

        var onlyOrphans = await MergeAsync(AsyncRows.Of<SynapseUser>(), accessTokens: AsyncRows.Of(AccessToken("@x:example.com", 1), AccessToken("@x:example.com", 2), AccessToken("@y:example.com", 3)));
        Assert.Equal(["@x:example.com", "@y:example.com"], onlyOrphans.Select(group => group.UserId));
        Assert.All(onlyOrphans, group => Assert.Null(group.User));
        Assert.Equal([2, 1], onlyOrphans.Select(group => group.AccessTokens.Count));
    }

    [Fact]
    public async Task Users_without_a_name_come_first_each_in_a_group_of_their_own()
    {
        var unnamed1 = User(null) with { CreationTs = new SynapseSeconds(1) };
        var unnamed2 = User(null) with { CreationTs = new SynapseSeconds(2) };
        var a = User("@a:example.com");

        var groups = await MergeAsync(AsyncRows.Of(unnamed1, unnamed2, a), AsyncRows.Of(Threepid("@a:example.com", "a@example.com")), devices: AsyncRows.Of(Device("@0:example.com", "Z")));

        Assert.Equal([null, null, "@0:example.com", "@a:example.com"], groups.Select(group => group.UserId));
        Assert.Same(unnamed1, groups[0].User);
        Assert.Same(unnamed2, groups[1].User);
        Assert.All(groups.Take(2), group => Assert.Empty(group.Threepids));
        Assert.All(groups.Take(2), group => Assert.Empty(group.Devices));
        Assert.True(groups[2].IsOrphan);
        Assert.Single(groups[3].Threepids);
    }

    [Fact]
    public async Task User_ids_merge_in_code_point_order_where_ordinal_order_differs()
    {
        var privateUse = User(PrivateUse);
        var emoji = User(Emoji);

        var groups = await MergeAsync(AsyncRows.Of(privateUse, emoji), devices: AsyncRows.Of(Device(PrivateUse, "P"), Device(Emoji, "E")));

        Assert.Equal(2, groups.Count);
        Assert.Same(privateUse, groups[0].User);
        Assert.Equal("P", Assert.Single(groups[0].Devices).DeviceId);
        Assert.Same(emoji, groups[1].User);
        Assert.Equal("E", Assert.Single(groups[1].Devices).DeviceId);
    }

    [Fact]
    public async Task Rows_in_ordinal_rather_than_code_point_order_are_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            MergeAsync(AsyncRows.Of(User(Emoji), User(PrivateUse))));

        Assert.Contains("users", error.Message, StringComparison.Ordinal);
        Assert.Contains("code point", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Tables => new() { "users", "user_threepids", "user_external_ids", "devices", "access_tokens", "refresh_tokens" };

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task A_stream_going_backwards_is_refused_naming_its_table(string table)
    {
        const string late = "@b:example.com";
        const string early = "@a:example.com";
        var users = table == "users" ? AsyncRows.Of(User(late), User(early)) : AsyncRows.Of(User(early), User(late));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MergeAsync(
            users,
            table == "user_threepids" ? AsyncRows.Of(Threepid(late, "1"), Threepid(early, "2")) : null,
            table == "user_external_ids" ? AsyncRows.Of(ExternalId(late, "1"), ExternalId(early, "2")) : null,
            table == "devices" ? AsyncRows.Of(Device(late, "1"), Device(early, "2")) : null,
            table == "access_tokens" ? AsyncRows.Of(AccessToken(late, 1), AccessToken(early, 2)) : null,
            table == "refresh_tokens" ? AsyncRows.Of(RefreshToken(late, 1), RefreshToken(early, 2)) : null));

        Assert.StartsWith($"Synapse's {table} rows came out of user id order (\"{late}\" before \"{early}\")", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_going_back_from_a_name_to_NULL_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MergeAsync(AsyncRows.Of(User("@a:example.com"), User(null))));

        Assert.Contains("(\"@a:example.com\" before NULL)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_user_name_is_refused_but_repeated_user_ids_in_other_tables_are_not()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            MergeAsync(AsyncRows.Of(User("@a:example.com"), User("@a:example.com"))));
        Assert.Contains("holds the user id \"@a:example.com\" twice", error.Message, StringComparison.Ordinal);

        var groups = await MergeAsync(AsyncRows.Of(User("@a:example.com")), AsyncRows.Of(Threepid("@a:example.com", "1"), Threepid("@a:example.com", "2")));
        Assert.Equal(2, Assert.Single(groups).Threepids.Count);
    }

    [Fact]
    public async Task Control_characters_in_the_refusal_are_escaped()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            MergeAsync(AsyncRows.Of(User("@b\n:example.com"), User("@a\0:example.com"))));

        Assert.Contains(@"(""@b\u000a:example.com"" before ""@a\u0000:example.com"")", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Every_input_is_disposed_when_the_consumer_stops_early()
    {
        var users = new TrackedRows<SynapseUser>(User("@a:example.com"), User("@b:example.com"));
        var devices = new TrackedRows<SynapseDevice>(Device("@a:example.com", "A"), Device("@b:example.com", "B"));
        var tokens = new TrackedRows<SynapseAccessToken>(AccessToken("@b:example.com", 1));

        await foreach (var group in SynapseUserMerger.MergeAsync(users, null, null, devices, tokens, null))
        {
            Assert.Equal("@a:example.com", group.UserId);
            break;
        }

        Assert.True(users.Disposed);
        Assert.True(devices.Disposed);
        Assert.True(tokens.Disposed);
    }

    [Fact]
    public async Task Every_input_is_disposed_when_the_order_check_fails()
    {
        var users = new TrackedRows<SynapseUser>(User("@a:example.com"));
        var threepids = new TrackedRows<SynapseThreepid>(Threepid("@b:example.com", "1"), Threepid("@a:example.com", "2"));
        var refresh = new TrackedRows<SynapseRefreshToken>(RefreshToken("@z:example.com", 1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => AsyncRows.ToListAsync(SynapseUserMerger.MergeAsync(users, threepids, null, null, null, refresh)));

        Assert.True(users.Disposed);
        Assert.True(threepids.Disposed);
        Assert.True(refresh.Disposed);
    }

    [Fact]
    public async Task Cancellation_stops_the_merge_and_reaches_the_inputs()
    {
        using var cancellation = new CancellationTokenSource();
        var users = new TrackedRows<SynapseUser>(User("@a:example.com"), User("@b:example.com"), User("@c:example.com"));
        var seen = new List<string?>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var group in SynapseUserMerger.MergeAsync(users, null, null, null, null, null).WithCancellation(cancellation.Token))
            {
                seen.Add(group.UserId);
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(["@a:example.com"], seen);
        Assert.True(users.Disposed);
    }
}
