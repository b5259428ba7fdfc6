using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Synapse;
using static Syn2Mas.Net.Tests.Mapping.MappingScenario;

namespace Syn2Mas.Net.Tests.Mapping;

/// <summary>Rule 7: rows whose user is not in <c>users</c>.</summary>
public sealed class OrphansMappingTests
{
    private const string Ghost = "@ghost:example.com";

    public static TheoryData<string> Tables => ["user_threepids", "user_external_ids", "devices", "access_tokens", "refresh_tokens"];

    [Theory]
    [MemberData(nameof(Tables))]
    public void Orphan_rows_are_refused_without_skip_orphans_naming_table_and_user(string table)
    {
        var rows = OrphanRows(table);

        var exception = Assert.Throws<MappingException>(() => Map(rows));

        Assert.StartsWith(table + " ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(Ghost, exception.Message, StringComparison.Ordinal);
        Assert.Contains("--skip-orphans", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("syt_ghost", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("syr_ghost", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_skip_orphans_every_orphan_row_is_skipped_and_reported_with_its_user()
    {
        var rows = Rows(
            null,
            threepids: [Threepid("email", "ghost@example.org", 1, Ghost), Threepid("msisdn", "1555", 2, Ghost)],
            externalIds: [ExternalId("oidc-corp", "g", Ghost)],
            devices: [Device("DEV", userId: Ghost)],
            accessTokens: [AccessToken(1, "DEV", userId: Ghost), AccessToken(2, null, userId: Ghost)],
            refreshTokens: [RefreshToken(3, "DEV", userId: Ghost)],
            userId: Ghost);

        var mapped = Map(rows, Context(skipOrphans: true));

        UsersMappingTests.AssertNothingWritten(mapped);
        Assert.Equal(
            [
                ("user_threepids", "orphan"), ("user_threepids", "orphan"), ("user_external_ids", "orphan"), ("devices", "orphan"),
                ("access_tokens", "orphan"), ("access_tokens", "orphan"), ("refresh_tokens", "orphan"),
            ],
            Skips(mapped));
        Assert.All(mapped.SkippedRows, row => Assert.Equal(Ghost, row.UserId));
        Assert.Equal(Ghost, mapped.UserId);
    }

    [Fact]
    public void Skip_invalid_users_does_not_skip_orphans()
    {
        Assert.Throws<MappingException>(() => Map(OrphanRows("devices"), Context(skipInvalidUsers: true)));
    }

    private static SynapseUserRows OrphanRows(string table) => table switch
    {
        "user_threepids" => Rows(null, threepids: [Threepid("email", "ghost@example.org", 1, Ghost)], userId: Ghost),
        "user_external_ids" => Rows(null, externalIds: [ExternalId("oidc-corp", "g", Ghost)], userId: Ghost),
        "devices" => Rows(null, devices: [Device("DEV", userId: Ghost)], userId: Ghost),
        "access_tokens" => Rows(null, accessTokens: [AccessToken(1, "DEV", token: "syt_ghost", userId: Ghost)], userId: Ghost),
        "refresh_tokens" => Rows(null, refreshTokens: [RefreshToken(3, "DEV", token: "syr_ghost", userId: Ghost)], userId: Ghost),
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, null),
    };
}
