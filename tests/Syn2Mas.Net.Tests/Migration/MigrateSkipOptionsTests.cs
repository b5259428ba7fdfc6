using System.Text.Json;
using Dapper;
using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// The skip options end to end (behaviour.md, rules 1, 3 and 7): without the option the checks block the
/// migration before anything is written (exit 10); with it, the rest is migrated (exit 0) and the report
/// lists the skipped rows by reason.
/// </summary>
public sealed class MigrateSkipOptionsTests
{
    private static readonly Dictionary<string, SkipProblem> Problems = new(StringComparer.Ordinal)
    {
        ["orphan device"] = new(
            "--skip-orphans",
            "INSERT INTO devices (user_id, device_id, display_name) VALUES ('@ghost:example.com', 'GHOSTDEVICE', 'Ghost');",
            "error   orphan-rows [1]",
            "compat_sessions",
            "orphan 1: @ghost:example.com",
            "SELECT count(*) FROM compat_sessions WHERE device_id = 'GHOSTDEVICE'"),
        ["user on another server"] = new(
            "--skip-invalid-users",
            "INSERT INTO users (name, password_hash, creation_ts) VALUES ('@mallory:elsewhere.example', NULL, 1600000000);",
            "error   user-id-wrong-server [1]",
            "users",
            "user-id-wrong-server 1: @mallory:elsewhere.example",
            "SELECT count(*) FROM users WHERE username LIKE 'mallory%'"),
        ["unmapped provider"] = new(
            "--ignore-missing-auth-providers",
            "INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES ('oidc-gitlab', 'alice-at-gitlab', '@alice:example.com');",
            "error   auth-provider-unknown",
            "upstream_oauth_links",
            "missing-auth-provider 1: @alice:example.com",
            "SELECT count(*) FROM upstream_oauth_links WHERE subject = 'alice-at-gitlab'"),
    };

    public static TheoryData<string, string> DialectsAndProblems
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var dialect in new[] { "sqlite", "postgres" })
            {
                foreach (var problem in Problems.Keys)
                {
                    data.Add(dialect, problem);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(DialectsAndProblems))]
    public async Task Without_its_option_nothing_is_written_and_with_it_the_rest_migrates_and_the_report_lists_the_skipped_rows(string dialect, string name)
    {
        var problem = Problems[name];
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, AdvisorScenario.HealthyRows + problem.Rows);
        var before = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);
        var blockedReport = Path.Combine(scenario.Folder, "blocked.json");
        var migratedReport = Path.Combine(scenario.Folder, "migrated.json");

        var blocked = await MigrateRun.RunAsync(scenario, "--report", blockedReport);

        Assert.True(blocked.ExitCode == 10, blocked.Stdout + blocked.Stderr);
        Assert.Contains(problem.Finding, blocked.Stdout, StringComparison.Ordinal);
        Assert.Contains("Nothing was written: the checks found errors", blocked.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));
        var blockedText = await File.ReadAllTextAsync(blockedReport);
        using (var json = JsonDocument.Parse(blockedText))
        {
            Assert.Equal("blocked", json.RootElement.GetProperty("outcome").GetString());
            Assert.Empty(json.RootElement.GetProperty("tables").EnumerateArray());
        }

        var migrated = await MigrateRun.RunAsync(scenario, problem.Option, "--report", migratedReport);

        Assert.True(migrated.ExitCode == 0, migrated.Stdout + migrated.Stderr);
        var migratedText = await File.ReadAllTextAsync(migratedReport);
        using (var json = JsonDocument.Parse(migratedText))
        {
            Assert.Equal("migrated", json.RootElement.GetProperty("outcome").GetString());
            Assert.Equal([problem.Skipped], ReportTables.Skipped(json.RootElement, problem.Table));
        }

        // The skipped row is not in MAS; the healthy user and all of their rows are.
        await using var connection = await scenario.Mas.OpenAsync();
        Assert.Equal(0, await connection.QuerySingleAsync<long>(problem.AbsentSql));
        Assert.Equal(
            (1L, 1L, 1L, 1L, 1L, 1L),
            await connection.QuerySingleAsync<(long, long, long, long, long, long)>(
                """
                SELECT (SELECT count(*) FROM users WHERE username = 'alice'), (SELECT count(*) FROM user_passwords),
                       (SELECT count(*) FROM user_emails), (SELECT count(*) FROM upstream_oauth_links),
                       (SELECT count(*) FROM compat_sessions), (SELECT count(*) FROM compat_refresh_tokens)
                """));
        MigrateRun.AssertNoSecrets(scenario, blocked, blockedText);
        MigrateRun.AssertNoSecrets(scenario, migrated, migratedText);
    }
}
