using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Mas;
using static Syn2Mas.Net.Tests.Mapping.MappingScenario;

namespace Syn2Mas.Net.Tests.Mapping;

/// <summary>Rule 1: <c>users</c> → MAS <c>users</c> and <c>user_passwords</c>; application service and invalid users.</summary>
public sealed class UsersMappingTests
{
    [Fact]
    public void A_user_becomes_a_MAS_user_named_by_its_localpart_and_dated_by_creation_ts_in_seconds()
    {
        var mapped = Map(Rows(User()));

        var user = Assert.IsType<MasUser>(mapped.User);
        Assert.Equal("alice", user.Username);
        Assert.Equal(new DateTimeOffset(2020, 9, 13, 12, 26, 40, TimeSpan.Zero), user.CreatedAt);
        Assert.Equal(TimeSpan.Zero, user.CreatedAt.Offset);
        Assert.Null(user.LockedAt);
        Assert.Null(user.DeactivatedAt);
        Assert.False(user.CanRequestAdmin);
        Assert.False(user.IsGuest);
        Assert.Equal(UserCreatedAt, IdTime(user.UserId));
        Assert.Empty(mapped.SkippedRows);
        Assert.Empty(mapped.Warnings);
    }

    [Fact]
    public void The_localpart_ends_at_the_first_colon_and_keeps_its_characters_as_stored()
    {
        var mapped = Map(Rows(User(name: "@Ünï.cøde=x/y_Z-9:example.com")));

        Assert.Equal("Ünï.cøde=x/y_Z-9", mapped.User?.Username);
    }

    [Fact]
    public void A_locked_user_is_locked_at_its_creation_time()
    {
        var user = Map(Rows(User(locked: true))).User;

        Assert.Equal(UserCreatedAt, user?.LockedAt);
        Assert.Null(user?.DeactivatedAt);
    }

    [Fact]
    public void A_deactivated_user_is_deactivated_at_its_creation_time()
    {
        var user = Map(Rows(User(deactivated: true))).User;

        Assert.Equal(UserCreatedAt, user?.DeactivatedAt);
        Assert.Null(user?.LockedAt);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Admin_becomes_can_request_admin_and_is_guest_is_kept(bool admin, bool isGuest)
    {
        var user = Map(Rows(User(admin: admin, isGuest: isGuest))).User;

        Assert.Equal(admin, user?.CanRequestAdmin);
        Assert.Equal(isGuest, user?.IsGuest);
    }

    [Fact]
    public void A_password_hash_becomes_a_version_1_password_of_the_user_dated_like_the_user()
    {
        var mapped = Map(Rows(User()));

        var password = Assert.IsType<MasUserPassword>(mapped.Password);
        Assert.Equal(PasswordHash, password.HashedPassword);
        Assert.Equal(1, password.Version);
        Assert.Equal(mapped.User?.UserId, password.UserId);
        Assert.Equal(UserCreatedAt, password.CreatedAt);
        Assert.Equal(UserCreatedAt, IdTime(password.UserPasswordId));
        Assert.NotEqual(mapped.User?.UserId, password.UserPasswordId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_password_row_without_a_hash(string? hash)
    {
        var mapped = Map(Rows(User(passwordHash: hash)));

        Assert.NotNull(mapped.User);
        Assert.Null(mapped.Password);
        Assert.Empty(mapped.SkippedRows);
    }

    [Fact]
    public void A_user_without_creation_ts_is_dated_at_the_start_of_the_migration()
    {
        var mapped = Map(Rows(User(creationTs: null, locked: true)));

        Assert.Equal(StartedAt, mapped.User?.CreatedAt);
        Assert.Equal(StartedAt, mapped.User?.LockedAt);
        Assert.Equal(StartedAt, mapped.Password?.CreatedAt);
        Assert.Equal(StartedAt, IdTime(mapped.User!.UserId));
    }

    [Fact]
    public void The_start_time_is_used_in_UTC_and_whole_milliseconds()
    {
        var startedAt = new DateTimeOffset(2025, 6, 1, 14, 0, 0, 250, TimeSpan.FromHours(2)).AddTicks(5_000);
        var context = Context(startedAt: startedAt);

        var created = Map(Rows(User(creationTs: null)), context).User?.CreatedAt;

        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 0, 0, 250, TimeSpan.Zero), created);
        Assert.Equal(TimeSpan.Zero, created?.Offset);
        Assert.Equal(created, new UserMapper(context).StartedAt);
    }

    [Fact]
    public void A_creation_ts_beyond_the_year_9999_is_treated_as_missing_with_a_warning()
    {
        var mapped = Map(Rows(User(creationTs: long.MaxValue)));

        Assert.Equal(StartedAt, mapped.User?.CreatedAt);
        Assert.Equal(StartedAt, IdTime(mapped.User!.UserId));
        var warning = Assert.Single(mapped.Warnings);
        Assert.Equal(MappingWarningCodes.ImplausibleTime, warning.Code);
        Assert.Equal(Alice, warning.UserId);
        Assert.Contains("users.creation_ts", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_application_service_user_and_all_their_rows_are_skipped()
    {
        var rows = Rows(
            User(name: "@bridge_bob:example.com", appserviceId: "irc-bridge"),
            threepids: [Threepid("email", "bob@example.org", 1, "@bridge_bob:example.com")],
            externalIds: [ExternalId("oidc-corp", "bob", "@bridge_bob:example.com")],
            devices: [Device("DEV", userId: "@bridge_bob:example.com")],
            accessTokens: [AccessToken(1, "DEV", userId: "@bridge_bob:example.com"), AccessToken(2, null, userId: "@bridge_bob:example.com")],
            refreshTokens: [RefreshToken(3, "DEV", userId: "@bridge_bob:example.com")]);

        var mapped = Map(rows);

        AssertNothingWritten(mapped);
        Assert.Equal(
            [
                ("users", "appservice-user"), ("user_threepids", "appservice-user"), ("user_external_ids", "appservice-user"),
                ("devices", "appservice-user"), ("access_tokens", "appservice-user"), ("access_tokens", "appservice-user"),
                ("refresh_tokens", "appservice-user"),
            ],
            Skips(mapped));
        Assert.All(mapped.SkippedRows, row => Assert.Equal("@bridge_bob:example.com", row.UserId));
        Assert.Empty(mapped.Warnings);
    }

    [Theory]
    [InlineData("@bot:other.org")]
    [InlineData("not-a-user-id")]
    [InlineData(null)]
    public void Application_service_users_are_skipped_before_their_id_is_checked(string? name)
    {
        // Without --skip-invalid-users: the advisor does not check application service users' ids either.
        var mapped = Map(Rows(User(name: name, appserviceId: "bridge"), userId: name));

        Assert.Null(mapped.User);
        Assert.Equal([("users", "appservice-user")], Skips(mapped));
    }

    [Fact]
    public void An_application_service_user_with_a_colon_in_the_localpart_is_skipped_with_a_warning()
    {
        var mapped = Map(Rows(User(name: "@irc_#chan:libera:example.com", appserviceId: "irc")));

        Assert.Null(mapped.User);
        Assert.Equal([("users", "appservice-user")], Skips(mapped));
        var warning = Assert.Single(mapped.Warnings);
        Assert.Equal(MappingWarningCodes.AppserviceLocalpartWithColon, warning.Code);
        Assert.Equal("@irc_#chan:libera:example.com", warning.UserId);
        Assert.Null(warning.DeviceId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("alice:example.com")]
    [InlineData("@alice")]
    [InlineData("@:example.com")]
    [InlineData("#room:example.com")]
    public void A_malformed_user_id_is_refused_without_skip_invalid_users(string? name)
    {
        var exception = Assert.Throws<MappingException>(() => Map(Rows(User(name: name), userId: name)));

        Assert.Contains("users.name", exception.Message, StringComparison.Ordinal);
        Assert.Contains("user-id-malformed", exception.Message, StringComparison.Ordinal);
        Assert.Contains("--skip-invalid-users", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PasswordHash, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@alice:other.org")]
    [InlineData("@alice:example.com.evil")]
    [InlineData("@alice:EXAMPLE.COM")]
    [InlineData("@alice:")]
    [InlineData("@a:b:example.com")]
    public void A_user_of_another_server_is_refused_without_skip_invalid_users(string name)
    {
        var exception = Assert.Throws<MappingException>(() => Map(Rows(User(name: name))));

        Assert.Contains(name, exception.Message, StringComparison.Ordinal);
        Assert.Contains("user-id-wrong-server", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PasswordHash, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "user-id-malformed")]
    [InlineData("@alice", "user-id-malformed")]
    [InlineData("@:example.com", "user-id-malformed")]
    [InlineData("@alice:other.org", "user-id-wrong-server")]
    public void With_skip_invalid_users_an_invalid_user_and_everything_they_own_are_skipped(string? name, string reason)
    {
        var owner = name ?? "@ghost:example.com";
        var rows = Rows(
            User(name: name),
            threepids: [Threepid("email", "a@example.org", 1, owner)],
            externalIds: [ExternalId("oidc-corp", "sub", owner)],
            devices: [Device("DEV", userId: owner)],
            accessTokens: [AccessToken(1, "DEV", userId: owner)],
            refreshTokens: [RefreshToken(2, "DEV", userId: owner)],
            userId: name);

        var mapped = Map(rows, Context(skipInvalidUsers: true));

        AssertNothingWritten(mapped);
        Assert.Equal(
            [("users", reason), ("user_threepids", reason), ("user_external_ids", reason), ("devices", reason), ("access_tokens", reason), ("refresh_tokens", reason)],
            Skips(mapped));
        Assert.All(mapped.SkippedRows, row => Assert.Equal(name, row.UserId));
    }

    internal static void AssertNothingWritten(MappedUser mapped)
    {
        Assert.Null(mapped.User);
        Assert.Null(mapped.Password);
        Assert.Empty(mapped.Emails);
        Assert.Empty(mapped.UnsupportedThreepids);
        Assert.Empty(mapped.UpstreamOauthLinks);
        Assert.Empty(mapped.CompatSessions);
        Assert.Empty(mapped.CompatAccessTokens);
        Assert.Empty(mapped.CompatRefreshTokens);
    }
}
