using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Synapse;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Advisor;

public sealed class SqliteSynapseDataChecksTests : SynapseDataChecksTests
{
    private protected override SynapseDialect Dialect => SynapseDialect.Sqlite;

    protected override async Task<SynapseTestSource> CreateAsync(string? sql, int? schema = 94)
    {
        var database = SqliteTestDatabase.Create(schema is null ? null : RepoPaths.Fixture("synapse", "sqlite", $"schema-{schema}.sql"));
        try
        {
            if (!string.IsNullOrWhiteSpace(sql))
            {
                database.Execute(sql);
            }

            var source = await SynapseSource.OpenAsync(new SynapseSqliteDatabase(database.Path));
            return new SynapseTestSource(source, () =>
            {
                database.Dispose();
                return ValueTask.CompletedTask;
            });
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    [Fact]
    public async Task Nul_characters_are_found_per_written_column_without_showing_secrets()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, password_hash, creation_ts) VALUES
                ('@a' || char(0) || 'x:example.com', '$2b$12$' || char(0) || 'secrethash', 1),
                ('@bob:example.com', '$2b$12$secret' || char(0), 1),
                ('@carol:example.com', NULL, 1);
            INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES
                ('@bob:example.com', 'email' || char(0), 'bob@example.com', 1, 1),
                ('@carol:example.com', 'email', 'carol' || char(0) || '@example.com', 1, 1);
            INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES
                ('oidc' || char(0), 's1', '@bob:example.com'),
                ('oidc', 's' || char(0), '@carol:example.com');
            INSERT INTO devices (user_id, device_id, display_name, ip, user_agent) VALUES
                ('@bob:example.com', 'D' || char(0), 'Phone' || char(0), '1.2.3.4' || char(0), 'UA' || char(0)),
                ('@carol:example.com', 'C1', 'Phone' || char(0), NULL, NULL);
            INSERT INTO refresh_tokens (id, user_id, device_id, token) VALUES (1, '@carol:example.com', 'C1', 'syr_secret' || char(0));
            INSERT INTO access_tokens (id, user_id, device_id, token, refresh_token_id) VALUES
                (1, '@bob:example.com', NULL, 'syt_secret' || char(0) || 'token', NULL),
                (2, '@carol:example.com', 'C1', 'syt_secret' || char(0), 1),
                (3, '@carol:example.com', 'C1', 'syt_clean', NULL);
            """);

        var report = await RunAsync(synapse);

        var findings = report.Findings.Where(finding => finding.Code == "nul-characters").ToList();
        Assert.All(findings, finding => Assert.Equal(Severity.Error, finding.Severity));
        var byColumn = findings.ToDictionary(
            finding => finding.Message.Split(" NUL character in ")[1].Split(',')[0],
            finding => (finding.Count, Examples: string.Join(" ", finding.Examples)));
        Assert.Equal(
            new Dictionary<string, (long?, string)>
            {
                ["users.name"] = (1, @"@a\u0000x:example.com"),
                ["users.password_hash"] = (2, @"@a\u0000x:example.com @bob:example.com"),
                ["user_threepids.medium"] = (1, "@bob:example.com"),
                ["user_threepids.address"] = (1, "@carol:example.com"),
                ["user_external_ids.auth_provider"] = (1, "@bob:example.com"),
                ["user_external_ids.external_id"] = (1, "@carol:example.com"),
                ["devices.device_id"] = (1, "@bob:example.com"),
                ["devices.display_name"] = (2, "@bob:example.com @carol:example.com"),
                ["devices.user_agent"] = (1, "@bob:example.com"),
                ["devices.ip"] = (1, "@bob:example.com"),
                ["access_tokens.token"] = (2, "@bob:example.com @carol:example.com"),
                ["refresh_tokens.token"] = (1, "@carol:example.com"),
            },
            byColumn);
        Assert.Equal(
            ["users.name", "users.password_hash", "user_threepids.medium", "user_threepids.address", "user_external_ids.auth_provider",
             "user_external_ids.external_id", "devices.device_id", "devices.display_name", "devices.user_agent", "devices.ip",
             "access_tokens.token", "refresh_tokens.token"],
            byColumn.Keys);
        AssertNoSecrets(report, "secret", "$2b$");
    }

    [Fact]
    public async Task Text_without_nul_characters_is_not_reported()
    {
        // char(1) and the text '\0' look alike to a careless check; neither is a NUL character.
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, password_hash, creation_ts) VALUES ('@a' || char(1) || 'x:example.com', '$2b$12$\0', 1);
            INSERT INTO devices (user_id, device_id, display_name) VALUES ('@a' || char(1) || 'x:example.com', 'D1', 'zero 0');
            INSERT INTO access_tokens (id, user_id, device_id, token) VALUES (1, '@a' || char(1) || 'x:example.com', 'D1', 'syt_\0');
            """);

        var report = await RunAsync(synapse);

        Assert.DoesNotContain(report.Findings, finding => finding.Code == "nul-characters");
    }

    [Fact]
    public async Task Nul_characters_only_warn_when_skip_invalid_users_will_skip_those_rows()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, password_hash, creation_ts) VALUES ('@bob:example.com', NULL, 1);
            INSERT INTO devices (user_id, device_id, display_name) VALUES ('@bob:example.com', 'D1', 'Phone' || char(0));
            """);

        var strict = await RunAsync(synapse);
        var skipping = await RunAsync(synapse, options: new AdvisorOptions { SkipInvalidUsers = true });

        Assert.Equal(Severity.Error, Only(strict, "nul-characters").Severity);
        Assert.Equal(Severity.Warning, Only(skipping, "nul-characters").Severity);
        Assert.Contains("--skip-invalid-users", Only(strict, "nul-characters").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Old_text_FALSE_in_devices_hidden_reads_as_false()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1);
            INSERT INTO devices (user_id, device_id, hidden) VALUES ('@a:example.com', 'OLD', 'FALSE'), ('@a:example.com', 'NEW', 'TRUE');
            INSERT INTO access_tokens (id, user_id, device_id, token) VALUES (1, '@a:example.com', 'OLD', 't1'), (2, '@a:example.com', 'NEW', 't2');
            """);

        var report = await RunAsync(synapse);

        var finding = Only(report, "tokens-on-hidden-devices");
        Assert.Equal(1, finding.Count);
    }

    [Fact]
    public async Task An_empty_file_is_not_a_synapse_database_with_a_helpful_message()
    {
        await using var synapse = await CreateAsync(null, schema: null);

        var report = await RunAsync(synapse);

        var finding = Assert.Single(report.Findings);
        Assert.Contains("SQLite", finding.Message, StringComparison.Ordinal);
        Assert.Contains("no schema_version", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_found_per_column_with_escaped_examples()
    {
        // X'...' literals store the bytes as they are; CAST makes them text, as an old client's write would.
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, password_hash, creation_ts) VALUES
                (CAST(X'406AE9726F6D653A6578616D706C652E636F6D' AS TEXT), NULL, 1600000000),
                (CAST(X'406AE8726F6D653A6578616D706C652E636F6D' AS TEXT), NULL, 1600000000),
                ('@élodie:example.com', NULL, 1600000000),
                ('@bob:example.com', CAST(X'243262243132247365637265749F' AS TEXT), 1600000000);
            INSERT INTO devices (user_id, device_id, display_name) VALUES
                ('@bob:example.com', 'D1', CAST(X'50686F6E65FF' AS TEXT)), ('@bob:example.com', 'D2', 'Téléphone 😀');
            """);

        var report = await RunAsync(synapse);

        var byColumn = report.Findings.Where(finding => finding.Code == "invalid-utf8")
            .ToDictionary(finding => finding.Message.Split(" not UTF-8 in ")[1].Split(' ')[0], finding => finding);
        Assert.Equal(["users.name", "users.password_hash", "devices.display_name"], byColumn.Keys);
        AssertFinding(byColumn["users.name"], Severity.Error, 2, @"@j\xE8rome:example.com", @"@j\xE9rome:example.com");
        AssertFinding(byColumn["users.password_hash"], Severity.Error, 1, "@bob:example.com");
        AssertFinding(byColumn["devices.display_name"], Severity.Error, 1, "@bob:example.com");
        Assert.Contains("--skip-invalid-users", byColumn["users.name"].Message, StringComparison.Ordinal);
        AssertNoSecrets(report, "secret", "$2b$");

        var skipping = await RunAsync(synapse, options: new AdvisorOptions { SkipInvalidUsers = true });
        Assert.All(skipping.Findings.Where(finding => finding.Code == "invalid-utf8"), finding => Assert.Equal(Severity.Warning, finding.Severity));
    }

    [Fact]
    public async Task Text_in_a_number_column_is_an_error_naming_the_column()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 'yesterday'), ('@b:example.com', X'00'), ('@c:example.com', 1600000000.5),
                ('@d:example.com', 1600000000);
            INSERT INTO refresh_tokens (id, user_id, device_id, token, expiry_ts) VALUES (1, '@d:example.com', 'D', 'syr_secret', 'soon');
            """);

        var report = await RunAsync(synapse);

        var findings = report.Findings.Where(finding => finding.Code == "not-a-number").ToList();
        Assert.Equal(2, findings.Count);
        AssertFinding(findings[0], Severity.Error, 3, "@a:example.com", "@b:example.com", "@c:example.com");
        Assert.Contains("users.creation_ts", findings[0].Message, StringComparison.Ordinal);
        AssertFinding(findings[1], Severity.Error, 1, "@d:example.com");
        Assert.Contains("refresh_tokens.expiry_ts", findings[1].Message, StringComparison.Ordinal);
        None(report, "implausible-times");
        AssertNoSecrets(report, "syr_secret");
    }

    [Fact]
    public async Task Text_in_a_boolean_column_is_an_error_even_with_skip_invalid_users()
    {
        await using var synapse = await CreateAsync("""
            INSERT INTO users (name, creation_ts, admin) VALUES ('@a:example.com', 1600000000, 'yes'), ('@b:example.com', 1600000000, 1),
                ('@c:example.com', 1600000000, 0);
            INSERT INTO devices (user_id, device_id, hidden) VALUES ('@b:example.com', 'D', 'false');
            """);

        var report = await RunAsync(synapse, options: new AdvisorOptions { SkipInvalidUsers = true });

        var findings = report.Findings.Where(finding => finding.Code == "not-a-boolean").ToList();
        Assert.Equal(2, findings.Count);
        AssertFinding(findings[0], Severity.Error, 1, "@a:example.com");
        Assert.Contains("users.admin", findings[0].Message, StringComparison.Ordinal);
        AssertFinding(findings[1], Severity.Error, 1, "@b:example.com");
        Assert.Contains("devices.hidden", findings[1].Message, StringComparison.Ordinal);
    }
}
