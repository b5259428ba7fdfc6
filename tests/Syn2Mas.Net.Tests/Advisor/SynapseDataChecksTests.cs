using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Tests.Advisor;

/// <summary>
/// The advisor's Synapse data checks against real databases of each dialect. Every test builds its own
/// database from the schema fixture plus INSERTs written so that both SQLite and PostgreSQL accept them
/// (booleans as TRUE/FALSE, the 0/1 SMALLINTs as numbers).
/// </summary>
public abstract partial class SynapseDataChecksTests
{
    protected const string AutheliaUlid = "01JMS9TZPSM6XR8TB3HCN5FVEA";
    protected const string LegacyUlid = "01HZEJN8FKH1C8S3VQ2J6N4PZD";

    private protected abstract SynapseDialect Dialect { get; }

    /// <summary>Creates a database from the schema fixture (none when null), runs <paramref name="sql"/>, opens it.</summary>
    protected abstract Task<SynapseTestSource> CreateAsync(string? sql, int? schema = 94);

    protected static SynapseConfig Config(params string[] oidcIdpIds) => new()
    {
        ServerName = "example.com",
        Database = new SynapseSqliteDatabase("/nonexistent/homeserver.db"),
        OidcProviders = oidcIdpIds.Select(id => new SynapseOidcProvider(id, null, null)).ToList(),
    };

    private protected static Task<SynapseDataReport> RunAsync(
        SynapseTestSource synapse, SynapseConfig? config = null, UpstreamProviderMapping? mapping = null, AdvisorOptions? options = null) =>
        RunAsync(synapse.Source, config, mapping, options);

    private protected static Task<SynapseDataReport> RunAsync(
        SynapseSource source, SynapseConfig? config = null, UpstreamProviderMapping? mapping = null, AdvisorOptions? options = null) =>
        SynapseDataChecks.RunAsync(source, config ?? Config(), mapping ?? UpstreamProviderMapping.Empty, options ?? new AdvisorOptions(), CancellationToken.None);

    private protected static Finding Only(SynapseDataReport report, string code) =>
        Assert.Single(report.Findings, finding => finding.Code == code);

    private protected static void None(SynapseDataReport report, string code) =>
        Assert.DoesNotContain(report.Findings, finding => finding.Code == code);

    protected static void AssertFinding(Finding finding, Severity severity, long count, params string[] examples)
    {
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(count, finding.Count);
        Assert.Equal(examples, finding.Examples);
        Assert.DoesNotContain('\n', finding.Message);
        Assert.Contains(count.ToString(System.Globalization.CultureInfo.InvariantCulture), finding.Message, StringComparison.Ordinal);
    }

    private protected static void AssertNoSecrets(SynapseDataReport report, params string[] secrets)
    {
        foreach (var finding in report.Findings)
        {
            Assert.True(finding.Examples.Count <= Finding.MaxExamples);
            foreach (var text in finding.Examples.Append(finding.Message))
            {
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
                }
            }
        }
    }

    // ---- the database itself ----

    [Fact]
    public async Task A_database_without_schema_version_stops_the_checks()
    {
        await using var synapse = await CreateAsync(null, schema: null);

        var report = await RunAsync(synapse);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("synapse-not-a-synapse-database", finding.Code);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Null(report.Counts);
    }

    [Fact]
    public async Task A_database_missing_a_read_table_is_not_a_synapse_database()
    {
        await using var synapse = await CreateAsync("DROP TABLE access_tokens; DROP TABLE refresh_tokens;");

        var report = await RunAsync(synapse);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("synapse-not-a-synapse-database", finding.Code);
        Assert.Contains("access_tokens, refresh_tokens", finding.Message, StringComparison.Ordinal);
        Assert.Null(report.Counts);
    }

    [Fact]
    public async Task Schema_58_is_too_old_and_stops_the_checks()
    {
        await using var synapse = await CreateAsync("""
            UPDATE schema_version SET version = 58;
            INSERT INTO users (name) VALUES (NULL);
            """);

        var report = await RunAsync(synapse);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("synapse-schema-too-old", finding.Code);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("58", finding.Message, StringComparison.Ordinal);
        Assert.Null(report.Counts);
    }

    [Fact]
    public async Task Schema_59_is_old_enough()
    {
        await using var synapse = await CreateAsync("UPDATE schema_version SET version = 59;");

        var report = await RunAsync(synapse);

        None(report, "synapse-schema-too-old");
        None(report, "synapse-not-a-synapse-database");
        Assert.Contains("schema 59", Only(report, "synapse-schema").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_94_note_lists_every_optional_column_as_present()
    {
        await using var synapse = await CreateAsync(null);

        var report = await RunAsync(synapse);

        var note = Only(report, "synapse-schema");
        Assert.Equal(Severity.Note, note.Severity);
        Assert.Contains("schema 94", note.Message, StringComparison.Ordinal);
        Assert.Contains(Dialect == SynapseDialect.Postgres ? "(PostgreSQL)" : "(SQLite)", note.Message, StringComparison.Ordinal);
        Assert.Contains("present: users.locked, users.approved, users.suspended", note.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("missing", note.Message, StringComparison.Ordinal);
        None(report, "synapse-schema-too-old");
        None(report, "synapse-not-a-synapse-database");
    }

    [Fact]
    public async Task Schema_72_counts_locked_as_zero_and_names_the_missing_columns()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, password_hash, creation_ts, admin) VALUES ('@a:example.com', 'hash', 1, 1), ('@b:example.com', NULL, 2, 0);
            """, schema: 72);

        var report = await RunAsync(synapse);

        var note = Only(report, "synapse-schema");
        Assert.Contains("schema 72", note.Message, StringComparison.Ordinal);
        Assert.Contains("present: none", note.Message, StringComparison.Ordinal);
        Assert.Contains("missing: users.locked, users.approved, users.suspended (no user is locked)", note.Message, StringComparison.Ordinal);
        Assert.NotNull(report.Counts);
        Assert.Equal(2, report.Counts.Users);
        Assert.Equal(0, report.Counts.LockedUsers);
        Assert.Equal(1, report.Counts.AdminUsers);
        Assert.Equal(1, report.Counts.NormalUsers);
        Assert.Equal(1, report.Counts.UsersWithPassword);
    }

    // ---- counts ----

    [Fact]
    public async Task Counts_are_exact_on_a_mixed_data_set()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, deactivated, appservice_id, locked) VALUES
                ('@alice:example.com', '$2b$12$alicehash', 1, 1, 0, 0, NULL, FALSE),
                ('@bob:example.com', NULL, 2, 0, 0, 0, NULL, FALSE),
                ('@carol:example.com', '', 3, 0, 0, 0, NULL, FALSE),
                ('@guest1:example.com', NULL, 4, 0, 1, 0, NULL, FALSE),
                ('@dave:example.com', '$2b$12$davehash', 5, 1, 0, 1, NULL, FALSE),
                ('@erin:example.com', '$2b$12$erinhash', 6, 0, 0, 0, NULL, TRUE),
                ('@irc_x:example.com', NULL, 7, 0, 0, 0, 'irc', FALSE);
            INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES
                ('@alice:example.com', 'email', 'alice@example.com', 1, 1),
                ('@bob:example.com', 'email', 'bob@example.com', 1, 1),
                ('@bob:example.com', 'msisdn', '441234', 1, 1),
                ('@gone:example.com', 'email', 'gone@example.com', 1, 1);
            INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES
                ('oidc-authelia', 'a', '@alice:example.com'),
                ('oidc-authelia', 'b', '@bob:example.com'),
                ('oidc', 'c', '@carol:example.com'),
                ('saml', 'd', '@dave:example.com');
            INSERT INTO devices (user_id, device_id, hidden) VALUES
                ('@alice:example.com', 'A1', FALSE), ('@alice:example.com', 'A2', NULL), ('@bob:example.com', 'B1', FALSE), ('@bob:example.com', 'X', TRUE);
            INSERT INTO refresh_tokens (id, user_id, device_id, token, next_token_id) VALUES
                (2, '@alice:example.com', 'A1', 'syr_2', NULL), (1, '@alice:example.com', 'A1', 'syr_1', 2);
            INSERT INTO access_tokens (id, user_id, device_id, token, puppets_user_id, refresh_token_id, used) VALUES
                (1, '@alice:example.com', 'A1', 'syt_1', NULL, NULL, NULL),
                (2, '@alice:example.com', 'A1', 'syt_2', NULL, 1, TRUE),
                (3, '@alice:example.com', 'A1', 'syt_3', NULL, 2, FALSE),
                (4, '@alice:example.com', NULL, 'syt_4', '@bob:example.com', NULL, NULL),
                (5, '@bob:example.com', 'B1', 'syt_5', NULL, NULL, NULL),
                (6, '@bob:example.com', NULL, 'syt_6', NULL, NULL, NULL);
            """);

        var report = await RunAsync(synapse);

        var counts = report.Counts;
        Assert.NotNull(counts);
        Assert.Equal(
            (7L, 3L, 2L, 1L, 1L, 1L, 1L, 3L),
            (counts.Users, counts.NormalUsers, counts.AdminUsers, counts.GuestUsers, counts.DeactivatedUsers, counts.LockedUsers, counts.AppserviceUsers, counts.UsersWithPassword));
        Assert.Equal((3L, 1L), (counts.Emails, counts.OtherThreepids));
        Assert.Equal(new Dictionary<string, long> { ["oidc"] = 1, ["oidc-authelia"] = 2, ["saml"] = 1 }, counts.ExternalIdsByAuthProvider);
        Assert.Equal(["oidc", "oidc-authelia", "saml"], counts.ExternalIdsByAuthProvider.Keys);
        Assert.Equal(4, counts.Devices);
        Assert.Equal(
            (6L, 4L, 2L, 1L, 2L),
            (counts.AccessTokens, counts.AccessTokensWithDevice, counts.DevicelessAccessTokens, counts.PuppetAccessTokens, counts.RefreshableAccessTokens));
        Assert.Equal(2, counts.RefreshTokens);
    }

    // ---- user ids ----

    [Fact]
    public async Task Malformed_user_ids_are_errors_with_examples()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES
                ('@ok:example.com', 1), (NULL, 1), ('nobody', 1), ('@nocolon', 1), ('@:example.com', 1), ('', 1), ('alice:example.com', 1),
                ('@bridge', 1);
            UPDATE users SET appservice_id = 'irc' WHERE name = '@bridge';
            """);

        var report = await RunAsync(synapse);

        AssertFinding(Only(report, "user-id-malformed"), Severity.Error, 6, "NULL", "", "@:example.com", "@nocolon", "alice:example.com");
        None(report, "user-id-wrong-server");
    }

    [Fact]
    public async Task Well_formed_user_ids_are_not_malformed()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1), ('@a:b:example.com', 1), ('@@:example.com', 1);
            INSERT INTO users (name, creation_ts, appservice_id) VALUES ('not-a-user-id', 1, 'bridge');
            """);

        var report = await RunAsync(synapse);

        None(report, "user-id-malformed");
    }

    [Fact]
    public async Task User_ids_of_another_server_are_errors_compared_with_case()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES
                ('@ok:example.com', 1), ('@a:other.org', 1), ('@b:Example.com', 1), ('@c:example.com:8448', 1), ('@d:', 1),
                ('@e:sub.example.com', 1), ('@f:example.co', 1);
            INSERT INTO users (name, creation_ts, appservice_id) VALUES ('@bridge:other.org', 1, 'irc');
            """);

        var report = await RunAsync(synapse);

        AssertFinding(Only(report, "user-id-wrong-server"), Severity.Error, 6,
            "@a:other.org", "@b:Example.com", "@c:example.com:8448", "@d:", "@e:sub.example.com");
        Assert.Contains("`example.com`", Only(report, "user-id-wrong-server").Message, StringComparison.Ordinal);
        None(report, "user-id-malformed");
    }

    [Fact]
    public async Task User_ids_of_this_server_are_not_reported()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1), ('@B:example.com', 1), ('@a:b:example.com', 1);
            """);

        var report = await RunAsync(synapse, Config());

        // '@a:b:example.com' has server part 'b:example.com': reported. The other two are fine.
        AssertFinding(Only(report, "user-id-wrong-server"), Severity.Error, 1, "@a:b:example.com");

        var other = await RunAsync(synapse, Config() with { ServerName = "b:example.com" });
        Assert.Equal(["@B:example.com", "@a:example.com"], Only(other, "user-id-wrong-server").Examples);
    }

    [Fact]
    public async Task Skip_invalid_users_turns_user_id_errors_into_warnings()
    {
        await using var synapse = await CreateAsync("INSERT INTO users (name, creation_ts) VALUES ('@a:other.org', 1), ('bad', 1);");

        var report = await RunAsync(synapse, options: new AdvisorOptions { SkipInvalidUsers = true });

        AssertFinding(Only(report, "user-id-wrong-server"), Severity.Warning, 1, "@a:other.org");
        AssertFinding(Only(report, "user-id-malformed"), Severity.Warning, 1, "bad");
        Assert.Contains("--skip-invalid-users skips", Only(report, "user-id-malformed").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creation_time_missing_is_a_warning()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', NULL), ('@b:example.com', 0), ('@c:example.com', NULL);
            INSERT INTO users (name, creation_ts, appservice_id) VALUES ('@bot:example.com', NULL, 'bots');
            """);

        var report = await RunAsync(synapse);

        AssertFinding(Only(report, "creation-time-missing"), Severity.Warning, 2, "@a:example.com", "@c:example.com");
    }

    [Fact]
    public async Task Creation_time_zero_is_not_missing()
    {
        await using var synapse = await CreateAsync("INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 0), ('@b:example.com', 1700000000);");

        var report = await RunAsync(synapse);

        None(report, "creation-time-missing");
    }

    // ---- orphans ----

    [Fact]
    public async Task Orphan_rows_are_errors_per_table()
    {
        await using var synapse = await CreateAsync(OrphanData);

        var report = await RunAsync(synapse);

        var orphans = report.Findings.Where(finding => finding.Code == "orphan-rows").ToList();
        Assert.Equal(5, orphans.Count);
        AssertFinding(orphans[0], Severity.Error, 2, "@gone:example.com");
        Assert.Contains("user_threepids", orphans[0].Message, StringComparison.Ordinal);
        AssertFinding(orphans[1], Severity.Error, 1, "@gone:example.com");
        Assert.Contains("user_external_ids", orphans[1].Message, StringComparison.Ordinal);
        AssertFinding(orphans[2], Severity.Error, 7, "@gone0:example.com", "@gone1:example.com", "@gone2:example.com", "@gone3:example.com", "@gone4:example.com");
        Assert.Contains("of devices belonging to no user", orphans[2].Message, StringComparison.Ordinal);
        AssertFinding(orphans[3], Severity.Error, 1, "@A:example.com");
        Assert.Contains("access_tokens", orphans[3].Message, StringComparison.Ordinal);
        AssertFinding(orphans[4], Severity.Error, 1, "@gone:example.com");
        Assert.Contains("refresh_tokens", orphans[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skip_orphans_turns_orphan_errors_into_warnings()
    {
        await using var synapse = await CreateAsync(OrphanData);

        var report = await RunAsync(synapse, options: new AdvisorOptions { SkipOrphans = true });

        var orphans = report.Findings.Where(finding => finding.Code == "orphan-rows").ToList();
        Assert.Equal(5, orphans.Count);
        Assert.All(orphans, finding => Assert.Equal(Severity.Warning, finding.Severity));
        Assert.Contains("--skip-orphans skips them", orphans[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_of_existing_users_are_not_orphans()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts, deactivated, appservice_id) VALUES ('@a:example.com', 1, 1, NULL), ('@b:example.com', 1, 0, 'irc');
            INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES ('@a:example.com', 'email', 'a@example.com', 1, 1);
            INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES ('oidc', 's', '@b:example.com');
            INSERT INTO devices (user_id, device_id) VALUES ('@a:example.com', 'D');
            INSERT INTO refresh_tokens (id, user_id, device_id, token) VALUES (1, '@b:example.com', 'D', 'r');
            INSERT INTO access_tokens (id, user_id, device_id, token) VALUES (1, '@a:example.com', 'D', 't');
            """);

        var report = await RunAsync(synapse);

        None(report, "orphan-rows");
    }

    private const string OrphanData = """
        INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1);
        INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES
            ('@a:example.com', 'email', 'a@example.com', 1, 1), ('@gone:example.com', 'email', 'g@example.com', 1, 1), ('@gone:example.com', 'msisdn', '1', 1, 1);
        INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES ('oidc-authelia', 's1', '@gone:example.com'), ('oidc-authelia', 's2', '@a:example.com');
        INSERT INTO devices (user_id, device_id) VALUES
            ('@a:example.com', 'D'), ('@gone5:example.com', 'D'), ('@gone4:example.com', 'D'), ('@gone3:example.com', 'D'), ('@gone2:example.com', 'D'),
            ('@gone1:example.com', 'D'), ('@gone0:example.com', 'D'), ('@gone0:example.com', 'E');
        INSERT INTO refresh_tokens (id, user_id, device_id, token) VALUES (1, '@gone:example.com', 'D', 'syr_orphan');
        INSERT INTO access_tokens (id, user_id, device_id, token) VALUES (1, '@A:example.com', 'D', 'syt_orphan'), (2, '@a:example.com', 'D', 'syt_ok');
        """;

    // ---- application services ----

    [Fact]
    public async Task Appservice_users_with_a_colon_in_their_localpart_are_a_warning()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts, appservice_id) VALUES
                ('@irc_#chan:server:example.com', 1, 'irc'), ('@irc_plain:example.com', 1, 'irc'), ('@x:y:z:example.com', 1, 'irc'),
                ('@:example.com', 1, 'irc'), ('@a:b:other.org', 1, 'irc');
            INSERT INTO users (name, creation_ts) VALUES ('@a:b:example.com', 1);
            """);

        var report = await RunAsync(synapse);

        AssertFinding(Only(report, "appservice-localpart-with-colon"), Severity.Warning, 2, "@irc_#chan:server:example.com", "@x:y:z:example.com");
    }

    [Fact]
    public async Task Appservice_users_with_plain_localparts_are_not_reported()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts, appservice_id) VALUES ('@irc_plain:example.com', 1, 'irc'), ('@telegram_1:example.com', 1, 'tg');
            """);

        var report = await RunAsync(synapse);

        None(report, "appservice-localpart-with-colon");
    }

    // ---- devices ----

    [Fact]
    public async Task Tokens_on_hidden_devices_are_a_note()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1), ('@b:example.com', 1);
            INSERT INTO devices (user_id, device_id, hidden) VALUES
                ('@a:example.com', 'KEYS', TRUE), ('@a:example.com', 'PHONE', FALSE), ('@b:example.com', 'KEYS', TRUE), ('@b:example.com', 'NULLHIDDEN', NULL);
            INSERT INTO access_tokens (id, user_id, device_id, token) VALUES
                (1, '@a:example.com', 'KEYS', 't1'), (2, '@a:example.com', 'KEYS', 't2'), (3, '@a:example.com', 'PHONE', 't3'),
                (4, '@b:example.com', 'KEYS', 't4'), (5, '@b:example.com', 'NULLHIDDEN', 't5'), (6, '@a:example.com', NULL, 't6'),
                (7, '@b:example.com', 'PHONE', 't7');
            """);

        var report = await RunAsync(synapse);

        AssertFinding(Only(report, "tokens-on-hidden-devices"), Severity.Note, 3, "@a:example.com", "@b:example.com");
    }

    [Fact]
    public async Task Tokens_on_visible_devices_are_not_reported()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1);
            INSERT INTO devices (user_id, device_id, hidden) VALUES ('@a:example.com', 'KEYS', TRUE), ('@a:example.com', 'PHONE', FALSE), ('@a:example.com', 'TAB', NULL);
            INSERT INTO access_tokens (id, user_id, device_id, token) VALUES (1, '@a:example.com', 'PHONE', 't1'), (2, '@a:example.com', 'TAB', 't2');
            """);

        var report = await RunAsync(synapse);

        None(report, "tokens-on-hidden-devices");
    }

    [Fact]
    public async Task Unparsable_device_ips_are_a_warning_naming_user_and_device()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1), ('@b:example.com', 1);
            INSERT INTO devices (user_id, device_id, ip) VALUES
                ('@b:example.com', 'B2', 'garbage'), ('@b:example.com', 'B1', '1'), ('@a:example.com', 'A3', '256.1.1.1'),
                ('@a:example.com', 'A2', '1.2.3'), ('@a:example.com', 'A1', '[::1]:80'), ('@c:example.com', 'C1', 'nope'),
                ('@a:example.com', 'OK4', '10.0.0.1'), ('@a:example.com', 'OK6', '2001:db8::1'), ('@a:example.com', 'DASH', '-'),
                ('@a:example.com', 'EMPTY', ''), ('@a:example.com', 'NULL', NULL), ('@a:example.com', 'MAPPED', '::ffff:10.0.0.1');
            """);

        var report = await RunAsync(synapse);

        AssertFinding(Only(report, "device-ip-unparsable"), Severity.Warning, 6,
            "@a:example.com (device A1)", "@a:example.com (device A2)", "@a:example.com (device A3)", "@b:example.com (device B1)", "@b:example.com (device B2)");
    }

    [Fact]
    public async Task Parsable_absent_and_dash_ips_are_not_reported()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1);
            INSERT INTO devices (user_id, device_id, ip) VALUES
                ('@a:example.com', 'V4', '192.168.0.1'), ('@a:example.com', 'V6', 'fe80::1%eth0'), ('@a:example.com', 'DASH', '-'),
                ('@a:example.com', 'EMPTY', ''), ('@a:example.com', 'NONE', NULL);
            """);

        var report = await RunAsync(synapse);

        None(report, "device-ip-unparsable");
    }

    // ---- users and threepids ----

    [Fact]
    public async Task Guest_users_are_a_warning()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts, is_guest) VALUES ('@1:example.com', 1, 1), ('@2:example.com', 1, 1), ('@alice:example.com', 1, 0);
            """);

        var report = await RunAsync(synapse);

        AssertFinding(Only(report, "guest-users"), Severity.Warning, 2, "@1:example.com", "@2:example.com");
    }

    [Fact]
    public async Task No_guests_no_guest_warning()
    {
        await using var synapse = await CreateAsync("INSERT INTO users (name, creation_ts, is_guest) VALUES ('@alice:example.com', 1, 0);");

        var report = await RunAsync(synapse);

        None(report, "guest-users");
    }

    [Fact]
    public async Task Non_email_threepids_are_a_warning()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1), ('@b:example.com', 1);
            INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES
                ('@a:example.com', 'msisdn', '447700900001', 1, 1), ('@a:example.com', 'msisdn', '447700900002', 1, 1),
                ('@b:example.com', 'Email', 'b@example.com', 1, 1), ('@b:example.com', 'email', 'b2@example.com', 1, 1);
            """);

        var report = await RunAsync(synapse);

        AssertFinding(Only(report, "non-email-threepids"), Severity.Warning, 3, "@a:example.com", "@b:example.com");
    }

    [Fact]
    public async Task Email_threepids_only_are_not_reported()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1);
            INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES ('@a:example.com', 'email', 'a@example.com', 1, 1);
            """);

        var report = await RunAsync(synapse);

        None(report, "non-email-threepids");
    }

    [Fact]
    public async Task Migrated_users_without_email_are_a_warning()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts, deactivated, is_guest, appservice_id) VALUES
                ('@with:example.com', 1, 0, 0, NULL), ('@phone:example.com', 1, 0, 0, NULL), ('@none:example.com', 1, 0, 0, NULL),
                ('@gone:example.com', 1, 1, 0, NULL), ('@guest:example.com', 1, 0, 1, NULL), ('@bot:example.com', 1, 0, 0, 'bots'),
                ('@emailcase:example.com', 1, 0, 0, NULL);
            INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES
                ('@with:example.com', 'email', 'with@example.com', 1, 1), ('@phone:example.com', 'msisdn', '1', 1, 1),
                ('@emailcase:example.com', 'EMAIL', 'e@example.com', 1, 1);
            """);

        var report = await RunAsync(synapse);

        AssertFinding(Only(report, "users-without-email"), Severity.Warning, 3, "@emailcase:example.com", "@none:example.com", "@phone:example.com");
    }

    [Fact]
    public async Task Users_with_email_or_not_migrated_are_not_reported_without_email()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts, deactivated, is_guest, appservice_id) VALUES
                ('@with:example.com', 1, 0, 0, NULL), ('@gone:example.com', 1, 1, 0, NULL), ('@guest:example.com', 1, 0, 1, NULL), ('@bot:example.com', 1, 0, 0, 'bots');
            INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES ('@with:example.com', 'email', 'with@example.com', 1, 1);
            """);

        var report = await RunAsync(synapse);

        None(report, "users-without-email");
    }

    [Fact]
    public async Task Users_pending_deactivation_and_erased_are_warnings()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts, deactivated) VALUES ('@p:example.com', 1, 1), ('@e:example.com', 1, 1), ('@f:example.com', 1, 1);
            INSERT INTO users_pending_deactivation (user_id) VALUES ('@p:example.com');
            INSERT INTO erased_users (user_id) VALUES ('@f:example.com'), ('@e:example.com');
            """);

        var report = await RunAsync(synapse);

        AssertFinding(Only(report, "users-pending-deactivation"), Severity.Warning, 1, "@p:example.com");
        AssertFinding(Only(report, "users-erased"), Severity.Warning, 2, "@e:example.com", "@f:example.com");
    }

    [Fact]
    public async Task Empty_bookkeeping_tables_are_not_reported()
    {
        await using var synapse = await CreateAsync("INSERT INTO users (name, creation_ts, deactivated) VALUES ('@p:example.com', 1, 1);");

        var report = await RunAsync(synapse);

        None(report, "users-pending-deactivation");
        None(report, "users-erased");
    }

    [Fact]
    public async Task Absent_bookkeeping_tables_are_skipped()
    {
        await using var synapse = await CreateAsync("""
            DROP TABLE users_pending_deactivation;
            DROP TABLE erased_users;
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1);
            """);

        var report = await RunAsync(synapse);

        None(report, "users-pending-deactivation");
        None(report, "users-erased");
        Assert.NotNull(report.Counts);
        Assert.Equal(1, report.Counts.Users);
    }

    // ---- upstream providers ----

    private const string LinkedUsers = """
        INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1), ('@b:example.com', 1), ('@c:example.com', 1), ('@d:example.com', 1);
        INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES
            ('oidc-authelia', 'sub-a', '@a:example.com'), ('oidc-authelia', 'sub-a2', '@a:example.com'), ('oidc-authelia', 'sub-b', '@b:example.com'),
            ('oidc', 'legacy-c', '@c:example.com'),
            ('oidc-keycloak', 'kc-d', '@d:example.com'), ('oidc-keycloak', 'kc-c', '@c:example.com'),
            ('saml', 'saml-a', '@a:example.com');
        """;

    [Fact]
    public async Task Auth_provider_usage_is_a_note_per_provider_with_its_mapping()
    {
        await using var synapse = await CreateAsync(LinkedUsers);

        var report = await RunAsync(synapse, Config("oidc-authelia", "oidc", "oidc-keycloak") with { Saml2Enabled = true },
            UpstreamProviderMapping.Create(null, [$"oidc-authelia:{AutheliaUlid}", $"oidc:{LegacyUlid}"]),
            new AdvisorOptions { IgnoreMissingAuthProviders = true });

        var usage = report.Findings.Where(finding => finding.Code == "auth-provider-usage").ToList();
        Assert.All(usage, finding => Assert.Equal(Severity.Note, finding.Severity));
        Assert.Equal([1L, 2L, 2L, 1L], usage.Select(finding => finding.Count));
        Assert.Equal($"auth_provider `oidc`: 1 user (1 link), mapped to MAS provider {LegacyUlid}", usage[0].Message);
        Assert.Equal($"auth_provider `oidc-authelia`: 2 users (3 links), mapped to MAS provider {AutheliaUlid}", usage[1].Message);
        Assert.Equal("auth_provider `oidc-keycloak`: 2 users (2 links), not mapped", usage[2].Message);
        Assert.Equal("auth_provider `saml`: 1 user (1 link), not mapped", usage[3].Message);
    }

    [Fact]
    public async Task No_links_no_auth_provider_findings()
    {
        await using var synapse = await CreateAsync("INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1);");

        var report = await RunAsync(synapse, Config("oidc-authelia"));

        Assert.DoesNotContain(report.Findings, finding => finding.Code.StartsWith("auth-provider", StringComparison.Ordinal));
        None(report, "oauth-delegated-leftovers");
        None(report, "provider-subject-conflict");
    }

    [Fact]
    public async Task Oauth_delegated_leftovers_are_an_error_giving_the_delete()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1), ('@b:example.com', 1);
            INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES
                ('oauth-delegated', '01J0000000000000000000000A', '@b:example.com'), ('oauth-delegated', '01J0000000000000000000000B', '@a:example.com'),
                ('oidc-authelia', 's', '@a:example.com');
            """);

        var report = await RunAsync(synapse, Config("oidc-authelia"), UpstreamProviderMapping.Create(null, [$"oidc-authelia:{AutheliaUlid}"]));

        var finding = Only(report, "oauth-delegated-leftovers");
        AssertFinding(finding, Severity.Error, 2, "@a:example.com", "@b:example.com");
        Assert.Contains("DELETE FROM user_external_ids WHERE auth_provider = 'oauth-delegated';", finding.Message, StringComparison.Ordinal);
        None(report, "auth-provider-unknown");
    }

    [Fact]
    public async Task Without_oauth_delegated_links_there_is_no_leftover_error()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1);
            INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES ('oidc-oauth-delegated', 's', '@a:example.com');
            """);

        var report = await RunAsync(synapse, Config("oidc-oauth-delegated"), UpstreamProviderMapping.Create(null, [$"oidc-oauth-delegated:{AutheliaUlid}"]));

        None(report, "oauth-delegated-leftovers");
    }

    [Fact]
    public async Task Unknown_auth_providers_are_errors_unless_ignored()
    {
        await using var synapse = await CreateAsync(LinkedUsers);
        var config = Config("oidc-authelia");
        var mapping = UpstreamProviderMapping.Create(null, [$"oidc-authelia:{AutheliaUlid}", $"oidc:{LegacyUlid}"]);

        var report = await RunAsync(synapse, config, mapping);

        var unknown = report.Findings.Where(finding => finding.Code == "auth-provider-unknown").ToList();
        Assert.Equal(2, unknown.Count);
        AssertFinding(unknown[0], Severity.Error, 2, "@c:example.com", "@d:example.com");
        Assert.Contains("`oidc-keycloak`", unknown[0].Message, StringComparison.Ordinal);
        AssertFinding(unknown[1], Severity.Error, 1, "@a:example.com");
        Assert.Contains("`saml`", unknown[1].Message, StringComparison.Ordinal);
        None(report, "auth-provider-unmapped");

        var ignored = await RunAsync(synapse, config, mapping, new AdvisorOptions { IgnoreMissingAuthProviders = true });
        var ignoredUnknown = ignored.Findings.Where(finding => finding.Code == "auth-provider-unknown").ToList();
        Assert.Equal(2, ignoredUnknown.Count);
        Assert.All(ignoredUnknown, finding => Assert.Equal(Severity.Warning, finding.Severity));
        Assert.Contains("--ignore-missing-auth-providers skips", ignoredUnknown[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_or_mapped_auth_providers_are_not_unknown()
    {
        await using var synapse = await CreateAsync(LinkedUsers);

        // saml and the keycloak provider are configured, legacy oidc only mapped, authelia both.
        var report = await RunAsync(synapse, Config("oidc-authelia", "oidc-keycloak") with { Saml2Enabled = true, CasEnabled = true },
            UpstreamProviderMapping.Create(null, [$"oidc-authelia:{AutheliaUlid}", $"oidc:{LegacyUlid}"]));

        None(report, "auth-provider-unknown");
    }

    [Fact]
    public async Task Configured_providers_with_users_and_no_mapping_are_errors_unless_ignored()
    {
        await using var synapse = await CreateAsync(LinkedUsers);
        var config = Config("oidc-authelia", "oidc", "oidc-keycloak", "oidc-unused") with { Saml2Enabled = true };
        var mapping = UpstreamProviderMapping.Create(null, [$"oidc-authelia:{AutheliaUlid}"]);

        var report = await RunAsync(synapse, config, mapping);

        var unmapped = report.Findings.Where(finding => finding.Code == "auth-provider-unmapped").ToList();
        Assert.Equal(3, unmapped.Count);
        AssertFinding(unmapped[0], Severity.Error, 1, "@c:example.com");
        Assert.Contains("`oidc`", unmapped[0].Message, StringComparison.Ordinal);
        AssertFinding(unmapped[1], Severity.Error, 2, "@c:example.com", "@d:example.com");
        Assert.Contains("`oidc-keycloak`", unmapped[1].Message, StringComparison.Ordinal);
        AssertFinding(unmapped[2], Severity.Error, 1, "@a:example.com");
        Assert.Contains("`saml`", unmapped[2].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(unmapped, finding => finding.Message.Contains("oidc-unused", StringComparison.Ordinal));
        None(report, "auth-provider-unknown");

        var ignored = await RunAsync(synapse, config, mapping, new AdvisorOptions { IgnoreMissingAuthProviders = true });
        Assert.All(ignored.Findings.Where(finding => finding.Code == "auth-provider-unmapped"), finding => Assert.Equal(Severity.Warning, finding.Severity));
        Assert.Equal(3, ignored.Findings.Count(finding => finding.Code == "auth-provider-unmapped"));
    }

    [Fact]
    public async Task Mapped_providers_are_not_unmapped()
    {
        await using var synapse = await CreateAsync(LinkedUsers);

        var report = await RunAsync(synapse, Config("oidc-authelia", "oidc", "oidc-keycloak") with { Saml2Enabled = true },
            UpstreamProviderMapping.Create(null, [$"oidc-authelia:{AutheliaUlid}", $"oidc:{LegacyUlid}", "oidc-keycloak:01JMS9TZPSM6XR8TB3HCN5FVEB", "saml:01JMS9TZPSM6XR8TB3HCN5FVEC"]));

        None(report, "auth-provider-unmapped");
        None(report, "auth-provider-unknown");
    }

    [Fact]
    public async Task Providers_mapped_to_one_MAS_provider_sharing_a_subject_conflict()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1), ('@b:example.com', 1), ('@c:example.com', 1), ('@d:example.com', 1);
            INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES
                ('oidc', 'shared-1', '@a:example.com'), ('oidc-authelia', 'shared-1', '@b:example.com'),
                ('oidc', 'shared-2', '@c:example.com'), ('oidc-authelia', 'shared-2', '@c:example.com'),
                ('oidc', 'only-legacy', '@d:example.com'), ('oidc-authelia', 'only-new', '@d:example.com'),
                ('saml', 'shared-1', '@d:example.com');
            """);

        var report = await RunAsync(synapse, Config("oidc", "oidc-authelia") with { Saml2Enabled = true },
            UpstreamProviderMapping.Create(null, [$"oidc-authelia:{AutheliaUlid}", $"oidc:{AutheliaUlid}", $"saml:{LegacyUlid}"]));

        var finding = Only(report, "provider-subject-conflict");
        AssertFinding(finding, Severity.Error, 2, "@a:example.com", "@b:example.com", "@c:example.com");
        Assert.Contains("`oidc`, `oidc-authelia`", finding.Message, StringComparison.Ordinal);
        Assert.Contains(AutheliaUlid, finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("shared-1", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Providers_sharing_a_MAS_provider_with_distinct_subjects_do_not_conflict()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1), ('@b:example.com', 1);
            INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES
                ('oidc', 'legacy-a', '@a:example.com'), ('oidc-authelia', 'new-b', '@b:example.com'),
                ('saml', 'legacy-a', '@b:example.com');
            """);

        // saml shares a subject with oidc but maps to another MAS provider: MAS keeps one link per provider.
        var report = await RunAsync(synapse, Config("oidc", "oidc-authelia") with { Saml2Enabled = true },
            UpstreamProviderMapping.Create(null, [$"oidc-authelia:{AutheliaUlid}", $"oidc:{AutheliaUlid}", $"saml:{LegacyUlid}"]));

        None(report, "provider-subject-conflict");
    }

    // ---- secrets ----

    [Fact]
    public async Task Findings_never_show_tokens_or_password_hashes()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, password_hash, creation_ts, is_guest) VALUES
                ('@a:example.com', '$2b$12$secrethash', NULL, 1), ('@b:other.org', '$2b$12$secrethash2', 1, 0);
            INSERT INTO devices (user_id, device_id, ip, hidden) VALUES ('@a:example.com', 'D', 'bogus', TRUE), ('@gone:example.com', 'G', NULL, FALSE);
            INSERT INTO refresh_tokens (id, user_id, device_id, token) VALUES (1, '@gone:example.com', 'G', 'syr_secretrefresh');
            INSERT INTO access_tokens (id, user_id, device_id, token, refresh_token_id) VALUES
                (1, '@a:example.com', 'D', 'syt_secrettoken', NULL), (2, '@gone:example.com', 'G', 'syt_secretorphan', 1);
            """);

        var report = await RunAsync(synapse);

        Assert.True(report.Findings.Count > 5, "the data set should trigger several findings");
        AssertNoSecrets(report, "secret", "$2b$");
    }

    [Fact]
    public async Task A_clean_database_has_only_the_schema_note()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, password_hash, creation_ts) VALUES ('@a:example.com', '$2b$12$x', 1600000000);
            INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES ('@a:example.com', 'email', 'a@example.com', 1, 1600000000000);
            INSERT INTO devices (user_id, device_id, ip, hidden) VALUES ('@a:example.com', 'D', '127.0.0.1', FALSE);
            INSERT INTO access_tokens (id, user_id, device_id, token) VALUES (1, '@a:example.com', 'D', 't');
            """);

        var report = await RunAsync(synapse);

        Assert.Equal(["synapse-schema"], report.Findings.Select(finding => finding.Code));
        Assert.All(report.Findings, finding => Assert.NotNull(FindingCatalog.Find(finding.Code)));
    }
}
