using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Synapse;
using static Syn2Mas.Net.Tests.Mapping.MappingScenario;

namespace Syn2Mas.Net.Tests.Mapping;

/// <summary>
/// Bytes that are not UTF-8 and numbers that are not numbers, as SQLite can hold them: refused, or skipped
/// with --skip-invalid-users, never rewritten and never read as 0.
/// </summary>
public sealed class InvalidValuesMappingTests
{
    /// <summary><c>@j\xE9rome:example.com</c> as the reader gives it: the Latin-1 byte as its escape.</summary>
    private static readonly string Jerome = SynapseText.Decode([.. "@j"u8.ToArray(), 0xE9, .. "rome:example.com"u8.ToArray()]);

    [Fact]
    public void A_user_id_with_a_latin1_byte_is_refused_naming_it_escaped()
    {
        var rows = Rows(User(name: Jerome), threepids: [Threepid("email", "j@example.org", 1_600_000_000_000, Jerome)]);

        var refused = Assert.Throws<MappingException>(() => Map(rows));

        Assert.Contains(@"users.name of @j\xE9rome:example.com holds bytes that are not UTF-8", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--skip-invalid-users", refused.Message, StringComparison.Ordinal);
        Assert.Contains("invalid-utf8", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_skip_invalid_users_the_user_and_everything_they_own_are_skipped()
    {
        var rows = Rows(User(name: Jerome), threepids: [Threepid("email", "j@example.org", 1_600_000_000_000, Jerome)]);

        var mapped = Map(rows, Context(skipInvalidUsers: true));

        Assert.Null(mapped.User);
        Assert.Equal([("users", "invalid-utf8"), ("user_threepids", "invalid-utf8")], Skips(mapped));
    }

    [Fact]
    public void A_device_name_with_a_bad_byte_skips_the_session_and_its_tokens()
    {
        var name = SynapseText.Decode([(byte)'P', 0xFF]);
        var mapped = Map(
            Rows(User(), devices: [Device("PHONE", displayName: name)], accessTokens: [AccessToken(1, "PHONE")]),
            Context(skipInvalidUsers: true));

        Assert.NotNull(mapped.User);
        Assert.Empty(mapped.CompatSessions);
        Assert.Equal([("access_tokens", "invalid-utf8"), ("devices", "invalid-utf8")], Skips(mapped));
    }

    [Fact]
    public void A_real_replacement_character_or_an_emoji_is_valid_text()
    {
        var mapped = Map(Rows(User(), devices: [Device("PHONE", displayName: "\uFFFD \U00010080 \U0001F600")]));

        Assert.Equal("\uFFFD \U00010080 \U0001F600", Assert.Single(mapped.CompatSessions).HumanName);
    }

    [Fact]
    public void Text_in_creation_ts_is_refused_never_read_as_1970()
    {
        var refused = Assert.Throws<MappingException>(() => Map(Rows(User() with { CreationTs = new SynapseSeconds(SynapseNumber.NotANumber) })));

        Assert.Contains("users.creation_ts of @alice:example.com holds text or a blob where Synapse stores a number", refused.Message, StringComparison.Ordinal);
        Assert.Contains("not-a-number", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_in_a_number_column_skips_its_row_with_skip_invalid_users()
    {
        var mapped = Map(
            Rows(
                User(),
                threepids: [Threepid("email", "a@example.org", 0) with { AddedAt = new SynapseMilliseconds(SynapseNumber.NotANumber) }, Threepid("email", "b@example.org", 1_600_000_000_000)],
                devices: [Device("PHONE")],
                accessTokens: [AccessToken(1, "PHONE") with { LastValidated = new SynapseMilliseconds(SynapseNumber.NotANumber) }, AccessToken(2, "PHONE", refreshTokenId: 5)],
                refreshTokens: [new SynapseRefreshToken(5, Alice, "PHONE", "syr_5", null, ExpiryTs: new SynapseMilliseconds(SynapseNumber.NotANumber))]),
            Context(skipInvalidUsers: true));

        Assert.Equal("b@example.org", Assert.Single(mapped.Emails).Email);
        Assert.Empty(mapped.CompatAccessTokens);
        Assert.Equal(
            [("user_threepids", "not-a-number"), ("refresh_tokens", "not-a-number"), ("access_tokens", "not-a-number"), ("access_tokens", "not-a-number")],
            Skips(mapped));
    }
}
