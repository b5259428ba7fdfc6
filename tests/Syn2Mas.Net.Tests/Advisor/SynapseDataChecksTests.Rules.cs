using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Advisor;

/// <summary>
/// The checks that announce what Synapse would refuse, times that cannot be right, ids differing in case
/// and emails MAS treats differently, in both dialects.
/// </summary>
public abstract partial class SynapseDataChecksTests
{
    // ---- tokens Synapse would refuse, session lifetimes ----

    [Fact]
    public async Task Refresh_tokens_synapse_would_refuse_are_counted_by_reason()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts, appservice_id) VALUES ('@a:example.com', 1600000000, NULL), ('@b:example.com', 1600000000, NULL), ('@bot:example.com', 1600000000, 'irc');
            INSERT INTO devices (user_id, device_id) VALUES ('@a:example.com', 'A'), ('@b:example.com', 'B'), ('@bot:example.com', 'X');
            INSERT INTO refresh_tokens (id, user_id, device_id, token, next_token_id, expiry_ts, ultimate_session_expiry_ts) VALUES
                (4, '@a:example.com', 'A', 'syr_4', NULL, NULL, NULL),
                (3, '@a:example.com', 'A', 'syr_3', 4, NULL, NULL),
                (2, '@a:example.com', 'A', 'syr_2', 3, NULL, NULL),
                (1, '@a:example.com', 'A', 'syr_1', 2, NULL, NULL),
                (11, '@b:example.com', 'B', 'syr_11', NULL, NULL, NULL),
                (10, '@b:example.com', 'B', 'syr_10', 11, NULL, NULL),
                (12, '@b:example.com', 'B', 'syr_12', NULL, 978393600000, NULL),
                (13, '@b:example.com', 'B', 'syr_13', NULL, 99999999999999, 978393600000),
                (14, '@b:example.com', 'B', 'syr_14', NULL, NULL, 99999999999999),
                (20, '@bot:example.com', 'X', 'syr_20', NULL, 978393600000, NULL);
            INSERT INTO access_tokens (id, user_id, device_id, token, valid_until_ms, refresh_token_id, used) VALUES
                (1, '@a:example.com', 'A', 'syt_1', NULL, 1, TRUE),
                (2, '@a:example.com', 'A', 'syt_2', NULL, 2, TRUE),
                (3, '@a:example.com', 'A', 'syt_3', NULL, 3, FALSE),
                (4, '@a:example.com', 'A', 'syt_4', NULL, 4, FALSE),
                (10, '@b:example.com', 'B', 'syt_10', NULL, 10, NULL),
                (11, '@b:example.com', 'B', 'syt_11', NULL, 11, TRUE),
                (15, '@b:example.com', NULL, 'syt_15', 978393600000, NULL, NULL),
                (16, '@b:example.com', 'B', 'syt_16', 99999999999999, NULL, NULL),
                (21, '@bot:example.com', 'X', 'syt_21', 978393600000, NULL, NULL);
            """);

        var report = await RunAsync(synapse);

        // a: 1 (successor 2 used) and 2 (successor 3 refreshed); b: 10 (successor's access token used), 12 expired,
        // 13 past its session's end; and b's deviceless token 15. The appservice user's tokens are not counted.
        var refused = Only(report, "tokens-refused-by-synapse");
        AssertFinding(refused, Severity.Note, 6, "@a:example.com", "@b:example.com");
        Assert.Contains(
            "5 refresh tokens with their access tokens (successor's access token used: 2, successor refreshed: 1, session lifetime over: 1, expired: 1) and 1 access token past their valid_until_ms",
            refused.Message, StringComparison.Ordinal);
        AssertFinding(Only(report, "session-lifetime-not-carried"), Severity.Warning, 1, "@b:example.com");
        AssertNoSecrets(report, "syr_", "syt_");
    }

    [Fact]
    public async Task Tokens_synapse_accepts_give_no_token_findings()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1600000000);
            INSERT INTO devices (user_id, device_id) VALUES ('@a:example.com', 'A');
            INSERT INTO refresh_tokens (id, user_id, device_id, token, next_token_id, expiry_ts) VALUES
                (2, '@a:example.com', 'A', 'syr_2', NULL, 99999999999999), (1, '@a:example.com', 'A', 'syr_1', 2, NULL);
            INSERT INTO access_tokens (id, user_id, device_id, token, valid_until_ms, refresh_token_id, used) VALUES
                (1, '@a:example.com', 'A', 'syt_1', 1600000000000, 1, TRUE), (2, '@a:example.com', 'A', 'syt_2', NULL, 2, FALSE),
                (3, '@a:example.com', 'A', 'syt_3', 99999999999999, NULL, NULL);
            """);

        var report = await RunAsync(synapse);

        None(report, "tokens-refused-by-synapse");
        None(report, "session-lifetime-not-carried");
    }

    // ---- times ----

    [Fact]
    public async Task Implausible_times_are_found_per_column_with_the_likely_reading()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts, appservice_id) VALUES
                ('@zero:example.com', 0, NULL), ('@neg:example.com', -5, NULL), ('@ms:example.com', 1600000000000, NULL),
                ('@far:example.com', 16000000000, NULL), ('@ok:example.com', 1600000000, NULL), ('@bot:example.com', 0, 'irc');
            INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES
                ('@ok:example.com', 'email', 'ok@example.com', 1, 1600000000), ('@ms:example.com', 'email', 'ms@example.com', 1, 1600000000000);
            INSERT INTO devices (user_id, device_id, last_seen) VALUES ('@ok:example.com', 'D', 99999999999999);
            INSERT INTO access_tokens (id, user_id, device_id, token, valid_until_ms, last_validated) VALUES
                (1, '@ok:example.com', 'D', 'syt_1', 1600000000, 1600000000000), (2, '@ok:example.com', 'D', 'syt_2', 99999999999999, NULL);
            """);

        var report = await RunAsync(synapse);

        var byColumn = report.Findings.Where(finding => finding.Code == "implausible-times")
            .ToDictionary(finding => finding.Message.Split(" with a ")[1].Split(' ')[0], finding => finding);
        Assert.Equal(["users.creation_ts", "user_threepids.added_at", "devices.last_seen", "access_tokens.valid_until_ms"], byColumn.Keys);
        AssertFinding(byColumn["users.creation_ts"], Severity.Warning, 4,
            "@far:example.com: 16000000000, in the future (milliseconds?)",
            "@ms:example.com: 1600000000000, in the future (milliseconds?), likely as milliseconds: 2020-09-13T12:26:40Z",
            "@neg:example.com: -5, at or before the epoch",
            "@zero:example.com: 0, at or before the epoch");
        AssertFinding(byColumn["user_threepids.added_at"], Severity.Warning, 1,
            "@ok:example.com: 1600000000, before 1973 (seconds?), likely as seconds: 2020-09-13T12:26:40Z");
        Assert.Contains("in the future", byColumn["devices.last_seen"].Examples[0], StringComparison.Ordinal);
        Assert.Contains("compared as stored", byColumn["access_tokens.valid_until_ms"].Message, StringComparison.Ordinal);
    }

    // ---- case ----

    [Fact]
    public async Task Ids_differing_only_in_case_are_listed_in_groups()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts, appservice_id) VALUES
                ('@alice:example.com', 1600000000, NULL), ('@Alice:example.com', 1600000000, NULL), ('@ALICE:example.com', 1600000000, NULL),
                ('@bob:example.com', 1600000000, NULL), ('@Bot:example.com', 1600000000, 'irc'), ('@bot:example.com', 1600000000, NULL);
            """);

        var report = await RunAsync(synapse);

        AssertFinding(Only(report, "usernames-differ-in-case"), Severity.Warning, 1, "@ALICE:example.com / @Alice:example.com / @alice:example.com");
        None(report, "orphans-match-in-case");
    }

    [Fact]
    public async Task Orphans_matching_a_user_only_in_case_name_that_user()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@bob:example.com', 1600000000);
            INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES ('@Bob:example.com', 'email', 'bob@example.com', 1, 1600000000000);
            INSERT INTO devices (user_id, device_id) VALUES ('@Bob:example.com', 'D'), ('@ghost:example.com', 'G');
            """);

        var report = await RunAsync(synapse);

        Assert.Equal(2, report.Findings.Count(finding => finding.Code == "orphan-rows"));
        var match = Only(report, "orphans-match-in-case");
        AssertFinding(match, Severity.Note, 1, "@Bob:example.com (users has @bob:example.com)");
    }

    // ---- emails ----

    [Fact]
    public async Task Emails_mas_treats_differently_are_warned_about()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts, deactivated) VALUES
                ('@a:example.com', 1600000000, 0), ('@b:example.com', 1600000000, 0), ('@c:example.com', 1600000000, 0), ('@gone:example.com', 1600000000, 1);
            INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES
                ('@a:example.com', 'email', 'Shared@example.com', 1, 1600000000000),
                ('@b:example.com', 'email', 'shared@EXAMPLE.com', 1, 1600000000000),
                ('@c:example.com', 'email', 'twice@example.com', 1, 1600000000000),
                ('@c:example.com', 'email', 'TWICE@example.com', 1, 1600000000000),
                ('@c:example.com', 'email', ' padded@example.com', 1, 1600000000000),
                ('@b:example.com', 'email', 'not-an-address', 1, 1600000000000),
                ('@gone:example.com', 'email', 'SHARED@example.com', 1, 1600000000000),
                ('@gone:example.com', 'email', 'nope', 1, 1600000000000);
            """);

        var report = await RunAsync(synapse);

        var differInCase = report.Findings.Where(finding => finding.Code == "emails-differ-in-case").ToList();
        Assert.Equal(2, differInCase.Count);
        AssertFinding(differInCase[0], Severity.Warning, 2, "@a:example.com", "@b:example.com");
        AssertFinding(differInCase[1], Severity.Warning, 2, "@c:example.com");
        var malformed = report.Findings.Where(finding => finding.Code == "emails-malformed").ToList();
        Assert.Equal(2, malformed.Count);
        Assert.Contains("whitespace", malformed[0].Message, StringComparison.Ordinal);
        AssertFinding(malformed[0], Severity.Warning, 1, "@c:example.com");
        Assert.Contains("not an address", malformed[1].Message, StringComparison.Ordinal);
        AssertFinding(malformed[1], Severity.Warning, 1, "@b:example.com");
    }

    // ---- upstream providers ----

    [Fact]
    public async Task Auth_provider_usage_counts_only_the_links_that_migrate()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts, appservice_id) VALUES ('@a:example.com', 1600000000, NULL), ('@bot:example.com', 1600000000, 'irc');
            INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES
                ('oidc-corp', 'a', '@a:example.com'), ('oidc-corp', 'bot', '@bot:example.com'), ('oidc-bots', 'bot', '@bot:example.com');
            """);

        var report = await RunAsync(synapse, Config("oidc-corp"), UpstreamProviderMapping.Create(null, [$"oidc-corp:{AutheliaUlid}"]));

        var usage = report.Findings.Where(finding => finding.Code == "auth-provider-usage").ToList();
        Assert.Equal([0L, 1L], usage.Select(finding => finding.Count));
        Assert.StartsWith("auth_provider `oidc-bots`: 0 users (0 links), not mapped; 1 link of application service users", usage[0].Message, StringComparison.Ordinal);
        Assert.StartsWith($"auth_provider `oidc-corp`: 1 user (1 link), mapped to MAS provider {AutheliaUlid}; 1 link", usage[1].Message, StringComparison.Ordinal);
        None(report, "auth-provider-unknown");
        None(report, "auth-provider-unmapped");
    }

    // ---- application services ----

    [Fact]
    public async Task Appservice_ids_no_registration_declares_get_a_note_and_a_broken_registration_is_a_finding_not_a_crash()
    {
        using var folder = new TempFolder();
        var irc = folder.Write("irc.yaml", "id: irc\nurl: http://127.0.0.1:9\nas_token: secret_as_token\n");
        var broken = folder.Write("broken.yaml", "id: [unclosed\n");
        var missing = folder.File("missing.yaml");
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts, appservice_id) VALUES
                ('@irc_a:example.com', 1600000000, 'irc'), ('@tg_a:example.com', 1600000000, 'telegram'), ('@tg_b:example.com', 1600000000, 'telegram');
            """);

        var report = await RunAsync(synapse, Config() with { AppServiceConfigFiles = [irc, broken, missing] });

        var notes = report.Findings.Where(finding => finding.Code == "appservice-unknown").ToList();
        Assert.All(notes, finding => Assert.Equal(Severity.Note, finding.Severity));
        Assert.Equal(3, notes.Count);
        Assert.Contains("broken.yaml", notes[0].Message, StringComparison.Ordinal);
        Assert.Contains("missing.yaml", notes[1].Message, StringComparison.Ordinal);
        AssertFinding(notes[2], Severity.Note, 2, "@tg_a:example.com", "@tg_b:example.com");
        Assert.Contains("`telegram`", notes[2].Message, StringComparison.Ordinal);
        AssertNoSecrets(report, "secret_as_token");
    }

    [Fact]
    public async Task Without_app_service_config_files_appservice_ids_are_not_judged()
    {
        await using var synapse = await CreateAsync("INSERT INTO users (name, creation_ts, appservice_id) VALUES ('@irc_a:example.com', 1600000000, 'irc');");

        var report = await RunAsync(synapse);

        None(report, "appservice-unknown");
    }
}
