using System.Text.Json;
using Dapper;
using Syn2Mas.Net.Tests.Cli;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// What Synapse would refuse, or what no MAS column can hold as it is, end to end: tokens Synapse would no
/// longer accept stay out of MAS, and bytes that are not UTF-8 or text in a number column (SQLite) are
/// refused before anything is written, or skipped with --skip-invalid-users, never rewritten.
/// </summary>
public sealed class MigrateRefusedRowsTests
{
    /// <summary>
    /// Bob: a chain of five refreshes on PHONE (only 4 and 5 are still good), a refresh token that expired in
    /// 2001 on TABLET, and a deviceless access token that expired in 2001.
    /// </summary>
    private const string RefreshRows = """
        INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, deactivated) VALUES ('@bob:example.com', NULL, 1600000000, 0, 0, 0);
        INSERT INTO devices (user_id, device_id, hidden) VALUES ('@bob:example.com', 'PHONE', FALSE), ('@bob:example.com', 'TABLET', FALSE);
        INSERT INTO refresh_tokens (id, user_id, device_id, token, next_token_id, expiry_ts) VALUES
            (15, '@bob:example.com', 'PHONE', 'syr_bob_5', NULL, NULL),
            (14, '@bob:example.com', 'PHONE', 'syr_bob_4', 15, NULL),
            (13, '@bob:example.com', 'PHONE', 'syr_bob_3', 14, NULL),
            (12, '@bob:example.com', 'PHONE', 'syr_bob_2', 13, NULL),
            (11, '@bob:example.com', 'PHONE', 'syr_bob_1', 12, NULL),
            (20, '@bob:example.com', 'TABLET', 'syr_bob_2001', NULL, 978393600000);
        INSERT INTO access_tokens (id, user_id, device_id, token, valid_until_ms, last_validated, refresh_token_id) VALUES
            (11, '@bob:example.com', 'PHONE', 'syt_bob_1', NULL, 1700000000001, 11),
            (12, '@bob:example.com', 'PHONE', 'syt_bob_2', NULL, 1700000000002, 12),
            (13, '@bob:example.com', 'PHONE', 'syt_bob_3', NULL, 1700000000003, 13),
            (14, '@bob:example.com', 'PHONE', 'syt_bob_4', NULL, 1700000000004, 14),
            (15, '@bob:example.com', 'PHONE', 'syt_bob_5', NULL, 1700000000005, 15),
            (20, '@bob:example.com', 'TABLET', 'syt_bob_2001', NULL, 978300000000, 20),
            (21, '@bob:example.com', NULL, 'syt_bob_old', 978393600000, 978300000000, NULL);
        """;

    [Theory]
    [MemberData(nameof(MigrateRun.Dialects), MemberType = typeof(MigrateRun))]
    public async Task Only_the_refresh_tokens_synapse_would_accept_reach_mas(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, AdvisorScenario.HealthyRows + RefreshRows);
        var report = Path.Combine(scenario.Folder, "report.json");

        var run = await MigrateRun.RunAsync(scenario, "--report", report);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        await using var connection = await scenario.Mas.OpenAsync();
        Assert.Equal(
            ["syr_bob_4", "syr_bob_5"],
            await connection.QueryAsync<string>("SELECT refresh_token FROM compat_refresh_tokens WHERE refresh_token LIKE 'syr_bob%' ORDER BY 1"));
        Assert.Equal(
            ["syt_bob_4", "syt_bob_5"],
            await connection.QueryAsync<string>("SELECT access_token FROM compat_access_tokens WHERE access_token LIKE 'syt_bob%' ORDER BY 1"));

        // Both devices keep a session (rule 6); the expired deviceless token makes none.
        Assert.Equal(
            ["PHONE", "TABLET"],
            await connection.QueryAsync<string>(
                "SELECT coalesce(s.device_id, 'none') FROM compat_sessions s JOIN users u ON u.user_id = s.user_id WHERE u.username = 'bob' ORDER BY 1"));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.Equal(
            ["refresh-token-expired 1: @bob:example.com", "successor-refreshed 3: @bob:example.com"],
            ReportTables.Skipped(json.RootElement, "compat_refresh_tokens"));
        Assert.Equal(
            ["access-token-expired 1: @bob:example.com", "refresh-token-expired 1: @bob:example.com", "successor-refreshed 3: @bob:example.com"],
            ReportTables.Skipped(json.RootElement, "compat_access_tokens"));

        // The checks announced exactly these, before anything was written.
        var announced = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray(),
            finding => finding.GetProperty("code").GetString() == "tokens-refused-by-synapse");
        Assert.Equal(5, announced.GetProperty("count").GetInt64());
    }

    public static TheoryData<string, string, string> SqliteOnlyValues => new()
    {
        {
            "two ids differing only in a Latin-1 byte",
            """
            INSERT INTO users (name, password_hash, creation_ts) VALUES
                (CAST(X'406AE9726F6D653A6578616D706C652E636F6D' AS TEXT), NULL, 1600000000),
                (CAST(X'406AE8726F6D653A6578616D706C652E636F6D' AS TEXT), NULL, 1600000000);
            INSERT INTO devices (user_id, device_id, hidden) VALUES (CAST(X'406AE9726F6D653A6578616D706C652E636F6D' AS TEXT), 'J', FALSE);
            """,
            "invalid-utf8 2: @j\\xE8rome:example.com, @j\\xE9rome:example.com"
        },
        {
            "text in creation_ts",
            "INSERT INTO users (name, password_hash, creation_ts) VALUES ('@yesterday:example.com', NULL, 'yesterday');",
            "not-a-number 1: @yesterday:example.com"
        },
    };

    [Theory]
    [MemberData(nameof(SqliteOnlyValues))]
    public async Task Values_only_sqlite_holds_are_refused_or_skipped_never_rewritten(string name, string rows, string skipped)
    {
        Assert.NotEmpty(name);
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite", AdvisorScenario.HealthyRows + rows);
        var report = Path.Combine(scenario.Folder, "report.json");

        var blocked = await MigrateRun.RunAsync(scenario);
        var migrated = await MigrateRun.RunAsync(scenario, "--skip-invalid-users", "--report", report);

        Assert.True(blocked.ExitCode == 10, blocked.Stdout + blocked.Stderr);
        Assert.Contains("--skip-invalid-users", blocked.Stdout, StringComparison.Ordinal);
        Assert.True(migrated.ExitCode == 0, migrated.Stdout + migrated.Stderr);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.Equal([skipped], ReportTables.Skipped(json.RootElement, "users"));
        await using var connection = await scenario.Mas.OpenAsync();
        Assert.Equal(["alice"], await connection.QueryAsync<string>("SELECT username FROM users"));
        Assert.Equal(0L, await connection.QuerySingleAsync<long>("SELECT count(*) FROM users WHERE username LIKE '%\uFFFD%'"));
    }
}
