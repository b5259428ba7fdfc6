using Syn2Mas.Bench;
using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;
using Syn2Mas.Net.Tests.Migration;

namespace Syn2Mas.Net.Tests.Verification;

/// <summary>
/// <c>verify</c>'s merge of the two sides, which only works if MAS's rows come in Synapse's user order;
/// the skip options, which must mean what they mean to <c>migrate</c>; and the demo's generated sample.
/// </summary>
public sealed class VerifyOrderAndOptionsTests
{
    /// <summary>
    /// Localparts whose order differs between the localpart alone and the whole user id ('.', '-' and '0' sort
    /// before ':'), case variants, and characters of one, two, three and four UTF-8 bytes, one of them
    /// above U+FFFF where UTF-16 order and code point order differ.
    /// </summary>
    private static readonly string[] Localparts = ["a", "a.b", "a-b", "a0", "aa", "A", "A.b", "é", "é.x", "\uFF21", "\uFF21.x", "\U0001F600", "\U0001F600.x", "z"];

    public static TheoryData<string> Dialects => MigrateRun.Dialects;

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Users_whose_order_differs_by_localpart_case_or_encoding_all_match(string dialect)
    {
        var rows = string.Concat(Localparts.Select((localpart, index) => $"""
            INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, deactivated) VALUES ('@{localpart}:example.com', NULL, {1600000000 + index}, 0, 0, 0);
            INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES ('@{localpart}:example.com', 'email', 'user{index}@example.com', 1600000000000, 1600000000000);
            INSERT INTO devices (user_id, device_id, display_name, last_seen, ip, user_agent, hidden) VALUES ('@{localpart}:example.com', 'DEVICE{index}', 'Phone', 1700000000000, NULL, NULL, FALSE);

            """));
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, rows);
        var migrated = await MigrateRun.RunAsync(scenario, "--allow-warnings", "all");
        Assert.True(migrated.ExitCode == 0, migrated.Stdout + migrated.Stderr);

        var run = await VerifyRun.RunAsync(scenario);

        Assert.True(run.ExitCode == 0, run.Everything);
        var tables = run.Tables();
        Assert.Equal((Localparts.Length, 0L, 0L, 0L), tables["users"]);
        Assert.Equal((Localparts.Length, 0L, 0L, 0L), tables["user_emails"]);
        Assert.Equal((Localparts.Length, 0L, 0L, 0L), tables["compat_sessions"]);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Rows_migrate_skipped_as_orphans_are_not_missing_when_verify_skips_them_too(string dialect)
    {
        const string Orphan = "INSERT INTO devices (user_id, device_id, display_name) VALUES ('@ghost:example.com', 'GHOSTDEVICE', 'Ghost');";
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, AdvisorScenario.HealthyRows + Orphan);
        var migrated = await MigrateRun.RunAsync(scenario, "--skip-orphans");
        Assert.True(migrated.ExitCode == 0, migrated.Stdout + migrated.Stderr);

        var skipped = await VerifyRun.RunAsync(scenario, "--skip-orphans");
        var refused = await VerifyRun.RunAsync(scenario);

        Assert.True(skipped.ExitCode == 0, skipped.Everything);
        Assert.Equal((1L, 0L, 0L, 0L), skipped.Tables()["compat_sessions"]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--skip-orphans", Assert.Single(refused.Cli.StderrLines), StringComparison.Ordinal);
        MigrateRun.AssertNoSecrets(scenario, skipped.Cli, skipped.ReportText);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task The_demo_sample_matches_after_its_migration(string dialect)
    {
        using var folder = new TempFolder();
        await using var mas = await PostgresServer.CreateDatabaseAsync();
        await using var synapse = dialect == "postgres" ? await PostgresServer.CreateDatabaseAsync(createOptions: PostgresServer.SynapseCollation) : null;
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] generate = ["generate", "--users", "300", "--source", dialect, "--out", folder.Path, "--mas-db", mas.ConnectionString];
        var generated = await BenchApp.RunAsync(synapse is null ? generate : [.. generate, "--synapse-db", synapse.ConnectionString], output, error);
        Assert.True(generated == BenchApp.Success, error.ToString());
        string[] configs = ["--synapse-config", Path.Combine(folder.Path, "homeserver.yaml"), "--mas-config", Path.Combine(folder.Path, "mas.yaml")];
        var migrated = await CliRun.RunAsync(["migrate", .. configs]);
        Assert.True(migrated.ExitCode == 0, migrated.Stdout + migrated.Stderr);

        var run = await CliRun.RunAsync(["verify", .. configs, "--format", "json"]);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        Assert.Equal("match", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(300, json.RootElement.GetProperty("tables")[0].GetProperty("matched").GetInt64() + Skipped(migrated.Stdout));
    }

    [Fact]
    public async Task Verifying_while_another_client_holds_synapses_postgres_database_says_synapse_may_be_running()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("postgres");
        var migrated = await MigrateRun.RunAsync(scenario);
        Assert.True(migrated.ExitCode == 0, migrated.Stdout + migrated.Stderr);
        var holder = new Npgsql.NpgsqlConnectionStringBuilder(scenario.SynapsePostgres!.ConnectionString) { Pooling = false, ApplicationName = "synapse" };
        await using var synapse = new Npgsql.NpgsqlConnection(holder.ConnectionString);
        await synapse.OpenAsync();

        var run = await VerifyRun.RunAsync(scenario);

        Assert.True(run.ExitCode == 0, run.Everything);
        Assert.Contains(run.Findings(), finding => finding.StartsWith("synapse-running | ", StringComparison.Ordinal));
        Assert.Contains("other clients connected: Synapse may be running", run.Cli.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_help_lists_its_options_and_no_allow_warnings()
    {
        var run = await CliRun.RunAsync("verify", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--synapse-config", "--mas-config", "--upstream-provider-mapping", "--skip-orphans", "--skip-invalid-users", "--ignore-missing-auth-providers", "--format", "--report" })
        {
            Assert.Contains(option, run.Stdout, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("--allow-warnings", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("--dry-run", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The users the migration's summary says it skipped (the sample has appservice users on purpose).</summary>
    private static long Skipped(string summary)
    {
        var line = MigrationSummary.Parse(summary).Single(line => line.StartsWith("users from users:", StringComparison.Ordinal));
        var match = System.Text.RegularExpressions.Regex.Match(line, @"skipped (\d+)");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
