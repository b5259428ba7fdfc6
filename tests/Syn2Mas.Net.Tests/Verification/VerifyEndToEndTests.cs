using System.Globalization;
using Dapper;
using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;
using Syn2Mas.Net.Tests.Migration;

namespace Syn2Mas.Net.Tests.Verification;

/// <summary>
/// <c>syn2mas-net verify</c> after <c>migrate</c> on the mixed fixture, in both Synapse dialects: a faithful
/// migration matches row for row; each kind of tampering is found in the right table, as the right kind of
/// difference, with the right example, and no secret is shown.
/// </summary>
public sealed class VerifyEndToEndTests
{
    /// <summary>A bcrypt-shaped hash put in MAS by a tampering: it must not be printed either.</summary>
    private const string TamperedHash = "$2b$12$TAMPEREDtamperedTAMPEREDtamperedTAMPEREDtamperedTAMPERED";

    /// <summary>The token Synapse hands out after the migration.</summary>
    private const string LateToken = "syt_ZXJpbg_late_Q7w8E9";

    /// <summary>Stands in the SQL for a time five minutes after the migration, filled in when the test runs.</summary>
    private const string SoonAfterTheMigration = "__soon_after_the_migration__";

    private static readonly Dictionary<string, Tampering> Tamperings = new(StringComparer.Ordinal)
    {
        ["session deleted with its tokens"] = new(
            MasSql: """
                DELETE FROM compat_refresh_tokens WHERE compat_session_id IN (SELECT compat_session_id FROM compat_sessions WHERE device_id = 'BOBTAB');
                DELETE FROM compat_access_tokens WHERE compat_session_id IN (SELECT compat_session_id FROM compat_sessions WHERE device_id = 'BOBTAB');
                DELETE FROM compat_sessions WHERE device_id = 'BOBTAB';
                """,
            SynapseSql: null,
            [
                "verify-missing-in-mas | compat_sessions: 1 row missing in MAS | @bob:example.com",
                "verify-missing-in-mas | compat_access_tokens: 3 rows missing in MAS | @bob:example.com",
                "verify-missing-in-mas | compat_refresh_tokens: 3 rows missing in MAS | @bob:example.com",
            ]),
        ["password hash changed"] = new(
            $"UPDATE user_passwords SET hashed_password = '{TamperedHash}' WHERE user_id = (SELECT user_id FROM users WHERE username = 'dave');",
            null,
            ["verify-different | user_passwords: 1 row different in hashed_password | @dave:example.com"]),
        ["extra MAS user"] = new(
            "INSERT INTO users (user_id, username, created_at) VALUES ('01890000-0000-7000-8000-000000000001', 'mallory', now());",
            null,
            ["verify-unexpected-in-mas | users: 1 row in MAS that the migration rules do not give | @mallory:example.com"]),
        ["user locked"] = new(
            "UPDATE users SET locked_at = created_at WHERE username = 'erin';",
            null,
            ["verify-different | users: 1 row different in locked_at | @erin:example.com"]),
        ["email changed"] = new(
            "UPDATE user_emails SET email = 'carol@elsewhere.example' WHERE email = 'carol@example.com';",
            null,
            [
                "verify-missing-in-mas | user_emails: 1 row missing in MAS | @carol:example.com",
                "verify-unexpected-in-mas | user_emails: 1 row in MAS that the migration rules do not give | @carol:example.com",
            ]),
        ["link moved to another user"] = new(
            "UPDATE upstream_oauth_links SET user_id = (SELECT user_id FROM users WHERE username = 'alice') WHERE subject = 'carol-legacy';",
            null,
            ["verify-different | upstream_oauth_links: 1 row different in user_id | @carol:example.com"]),
        ["access token added in Synapse afterwards"] = new(
            null,
            $"""
            INSERT INTO access_tokens (id, user_id, device_id, token, last_validated) VALUES
                (900, '@erin:example.com', 'ERINPHONE', '{LateToken}', {SoonAfterTheMigration});
            """,
            [
                "verify-synapse-changed | Synapse changed after the migration: 1 session or token missing in MAS was created in Synapse after MAS's newest migrated one",
                "verify-missing-in-mas | compat_access_tokens: 1 row missing in MAS | @erin:example.com",
            ]),
    };

    public static TheoryData<string> Dialects => MigrateRun.Dialects;

    public static TheoryData<string, string> DialectsAndTamperings
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var dialect in MigrateRun.Dialects)
            {
                foreach (var name in Tamperings.Keys)
                {
                    data.Add(dialect, name);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task After_a_migration_every_row_of_every_table_matches(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, MixedRows.Sql);
        var migrated = await MigrateRun.RunAsync(scenario, MixedRows.ProviderMappingOption);
        Assert.True(migrated.ExitCode == 0, migrated.Stdout + migrated.Stderr);
        var synapseBefore = await MigrateRun.SynapseFingerprintAsync(scenario);
        var masBefore = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);

        var run = await VerifyRun.RunAsync(scenario, MixedRows.ProviderMappingOption);

        Assert.True(run.ExitCode == 0, run.Everything);
        Assert.Equal("match", run.Outcome());
        Assert.Equal(ExpectedCounts(matched: true), run.Tables());
        Assert.Empty(DifferenceFindings(run));
        Assert.Contains("MAS holds exactly what the migration rules give from Synapse.", run.Cli.Stdout, StringComparison.Ordinal);
        Assert.Equal(synapseBefore, await MigrateRun.SynapseFingerprintAsync(scenario));
        Assert.Equal(masBefore, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));
        MigrateRun.AssertNoSecrets(scenario, run.Cli, run.ReportText);
    }

    [Theory]
    [MemberData(nameof(DialectsAndTamperings))]
    public async Task Each_tampering_is_found_in_its_table_as_its_kind_with_its_user_and_no_secret(string dialect, string name)
    {
        var tampering = Tamperings[name];
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, MixedRows.Sql);
        var migrated = await MigrateRun.RunAsync(scenario, MixedRows.ProviderMappingOption);
        Assert.True(migrated.ExitCode == 0, migrated.Stdout + migrated.Stderr);
        if (tampering.MasSql is { } masSql)
        {
            await using var connection = await scenario.Mas.OpenAsync();
            await connection.ExecuteAsync(masSql);
        }

        if (tampering.SynapseSql is { } synapseSql)
        {
            // The time is taken now, not when the theory's data was built: a slow run can reach this test
            // minutes later, when "five minutes from now" would already lie before the migration.
            await ExecuteOnSynapseAsync(scenario, synapseSql.Replace(
                SoonAfterTheMigration, DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        var run = await VerifyRun.RunAsync(scenario, MixedRows.ProviderMappingOption);

        Assert.True(run.ExitCode == 10, run.Everything);
        Assert.Equal("differences", run.Outcome());
        var findings = DifferenceFindings(run);
        Assert.Equal(tampering.Findings.Length, findings.Count);
        for (var index = 0; index < findings.Count; index++)
        {
            Assert.StartsWith(tampering.Findings[index], findings[index], StringComparison.Ordinal);
        }

        Assert.Contains("MAS differs from what the migration rules give from Synapse", run.Cli.Stdout, StringComparison.Ordinal);
        MigrateRun.AssertNoSecrets(scenario, run.Cli, run.ReportText);
        Assert.DoesNotContain(TamperedHash, run.Everything, StringComparison.Ordinal);
        Assert.DoesNotContain(LateToken, run.Everything, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task After_a_dry_run_every_row_is_missing(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, MixedRows.Sql);
        var dryRun = await MigrateRun.RunAsync(scenario, [.. MixedRows.ProviderMappingOption, "--dry-run"]);
        Assert.True(dryRun.ExitCode == 0, dryRun.Stdout + dryRun.Stderr);

        var run = await VerifyRun.RunAsync(scenario, MixedRows.ProviderMappingOption);

        Assert.True(run.ExitCode == 10, run.Everything);
        Assert.Equal(ExpectedCounts(matched: false), run.Tables());
        Assert.DoesNotContain(DifferenceFindings(run), finding => finding.StartsWith("verify-synapse-changed", StringComparison.Ordinal));
        MigrateRun.AssertNoSecrets(scenario, run.Cli, run.ReportText);
    }

    /// <summary>The fixture's row counts per MAS table, all matched or all missing.</summary>
    private static Dictionary<string, (long, long, long, long)> ExpectedCounts(bool matched)
    {
        (long, long, long, long) Row(int rows) => matched ? (rows, 0, 0, 0) : (0, rows, 0, 0);
        return new Dictionary<string, (long, long, long, long)>(StringComparer.Ordinal)
        {
            ["users"] = Row(MixedRows.Users.Length),
            ["user_passwords"] = Row(MixedRows.UserPasswords.Length),
            ["user_emails"] = Row(MixedRows.UserEmails.Length),
            ["user_unsupported_third_party_ids"] = Row(MixedRows.UnsupportedThreepids.Length),
            ["upstream_oauth_links"] = Row(MixedRows.UpstreamOauthLinks.Length),
            ["compat_sessions"] = Row(MixedRows.CompatSessions.Length),
            ["compat_access_tokens"] = Row(MixedRows.CompatAccessTokens.Length),
            ["compat_refresh_tokens"] = Row(MixedRows.CompatRefreshTokens.Length),
        };
    }

    /// <summary>
    /// The findings about differences. <c>synapse-running</c> is left out: the tests' own pooled
    /// connections to Synapse's PostgreSQL database may still be open.
    /// </summary>
    internal static List<string> DifferenceFindings(VerifyRun run) =>
        run.Findings().Where(finding => !finding.StartsWith("synapse-running", StringComparison.Ordinal)).ToList();

    internal static async Task ExecuteOnSynapseAsync(AdvisorScenario scenario, string sql)
    {
        if (scenario.Sqlite is { } sqlite)
        {
            sqlite.Execute(sql);
            return;
        }

        await using var connection = await scenario.SynapsePostgres!.OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    private sealed record Tampering(string? MasSql, string? SynapseSql, string[] Findings);
}
