using Dapper;
using Syn2Mas.Net.Identifiers;
using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// <c>syn2mas-net migrate</c> on the mixed fixture, in both Synapse dialects: every MAS table, row by row,
/// against what behaviour.md's rules give; the ids' dates; the summary; and that Synapse is only read.
/// </summary>
public sealed class MigrateEndToEndTests
{
    /// <summary>The tables whose id is a ULID dated like the row, with that id column.</summary>
    private static readonly (string Table, string Id)[] DatedTables =
    [
        ("users", "user_id"),
        ("user_passwords", "user_password_id"),
        ("user_emails", "user_email_id"),
        ("upstream_oauth_links", "upstream_oauth_link_id"),
        ("compat_sessions", "compat_session_id"),
        ("compat_access_tokens", "compat_access_token_id"),
        ("compat_refresh_tokens", "compat_refresh_token_id"),
    ];

    public static TheoryData<string> Dialects => MigrateRun.Dialects;

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Every_mas_table_holds_exactly_the_rows_the_rules_give(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, MixedRows.Sql);
        var before = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        var run = await MigrateRun.RunAsync(scenario, MixedRows.ProviderMappingOption);

        var after = DateTimeOffset.UtcNow;
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal("", run.Stderr);
        Assert.Equal(MixedRows.Summary, MigrationSummary.Parse(run.Stdout));
        Assert.Contains("warning device-ip-unparsable: 1 rows (e.g. @bob:example.com)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Migrated: MAS now holds the users and sessions above.", run.Stdout, StringComparison.Ordinal);
        MigrateRun.AssertNoSecrets(scenario, run);

        // The user without creation_ts is dated at the migration's start, which lies within the run.
        var mas = scenario.Mas;
        await using var connection = await mas.OpenAsync();
        var startedAt = new DateTimeOffset(await connection.QuerySingleAsync<DateTime>("SELECT created_at FROM users WHERE username = 'nullts'"));
        Assert.InRange(startedAt, before, after);

        MasRows.AssertEqual("users", MixedRows.Users, await MasRows.ReadAsync(mas,
            "SELECT username, created_at, locked_at, deactivated_at, can_request_admin, is_guest FROM users", startedAt));
        MasRows.AssertEqual("user_passwords", MixedRows.UserPasswords, await MasRows.ReadAsync(mas,
            """
            SELECT u.username, p.hashed_password, p.version, p.created_at, p.upgraded_from_id
            FROM user_passwords p JOIN users u ON u.user_id = p.user_id
            """, startedAt));
        MasRows.AssertEqual("user_emails", MixedRows.UserEmails, await MasRows.ReadAsync(mas,
            "SELECT u.username, e.email, e.created_at FROM user_emails e JOIN users u ON u.user_id = e.user_id", startedAt));
        MasRows.AssertEqual("user_unsupported_third_party_ids", MixedRows.UnsupportedThreepids, await MasRows.ReadAsync(mas,
            """
            SELECT u.username, t.medium, t.address, t.created_at
            FROM user_unsupported_third_party_ids t JOIN users u ON u.user_id = t.user_id
            """, startedAt));
        MasRows.AssertEqual("upstream_oauth_links", MixedRows.UpstreamOauthLinks, await MasRows.ReadAsync(mas,
            """
            SELECT l.upstream_oauth_provider_id, l.subject, u.username, l.created_at, l.human_account_name
            FROM upstream_oauth_links l JOIN users u ON u.user_id = l.user_id
            """, startedAt));
        MasRows.AssertEqual("compat_sessions", MixedRows.CompatSessions, await MasRows.ReadAsync(mas,
            """
            SELECT u.username, s.device_id, s.human_name, s.is_synapse_admin, s.created_at, s.last_active_at,
                   s.last_active_ip::text, s.user_agent, s.finished_at, s.user_session_id
            FROM compat_sessions s JOIN users u ON u.user_id = s.user_id
            """, startedAt));
        MasRows.AssertEqual("compat_access_tokens", MixedRows.CompatAccessTokens, await MasRows.ReadAsync(mas,
            """
            SELECT t.access_token, u.username, s.device_id, t.created_at, t.expires_at
            FROM compat_access_tokens t
            JOIN compat_sessions s ON s.compat_session_id = t.compat_session_id
            JOIN users u ON u.user_id = s.user_id
            """, startedAt));
        MasRows.AssertEqual("compat_refresh_tokens", MixedRows.CompatRefreshTokens, await MasRows.ReadAsync(mas,
            """
            SELECT r.refresh_token, a.access_token, u.username, s.device_id, r.created_at, r.consumed_at,
                   r.compat_session_id = a.compat_session_id
            FROM compat_refresh_tokens r
            JOIN compat_access_tokens a ON a.compat_access_token_id = r.compat_access_token_id
            JOIN compat_sessions s ON s.compat_session_id = r.compat_session_id
            JOIN users u ON u.user_id = s.user_id
            """, startedAt));

        // The joins above would drop a row pointing at nothing; counted without them, nothing is left out.
        Assert.Equal(
            (MixedRows.CompatAccessTokens.Length, MixedRows.CompatRefreshTokens.Length, 0L, 0L),
            await connection.QuerySingleAsync<(long, long, long, long)>(
                """
                SELECT (SELECT count(*) FROM compat_access_tokens),
                       (SELECT count(*) FROM compat_refresh_tokens),
                       (SELECT count(*) FROM compat_access_tokens t
                        WHERE NOT EXISTS (SELECT 1 FROM compat_sessions s WHERE s.compat_session_id = t.compat_session_id)),
                       (SELECT count(*) FROM compat_sessions s
                        WHERE s.device_id IS NULL
                          AND (SELECT count(*) FROM compat_access_tokens t WHERE t.compat_session_id = s.compat_session_id) <> 1)
                """));

        await AssertIdsAreDatedLikeTheirRowsAsync(mas);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_real_migration_leaves_synapse_exactly_as_it_was(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, MixedRows.Sql);
        var before = await MigrateRun.SynapseFingerprintAsync(scenario);

        var run = await MigrateRun.RunAsync(scenario, MixedRows.ProviderMappingOption);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(before, await MigrateRun.SynapseFingerprintAsync(scenario));
        await using var connection = await scenario.Mas.OpenAsync();
        Assert.Equal(MixedRows.Users.Length, await connection.QuerySingleAsync<long>("SELECT count(*) FROM users"));
        MigrateRun.AssertNoSecrets(scenario, run);
    }

    /// <summary>Each id is a ULID whose time is the row's <c>created_at</c>, as MAS dates rows by their ids.</summary>
    private static async Task AssertIdsAreDatedLikeTheirRowsAsync(TestDatabase mas)
    {
        await using var connection = await mas.OpenAsync();
        var checkedRows = 0;
        var mismatches = new List<string>();
        foreach (var (table, id) in DatedTables)
        {
            var rows = (await connection.QueryAsync<(Guid Id, DateTime CreatedAt)>($"SELECT {id}, created_at FROM {table}")).ToList();
            Assert.True(rows.Count > 0, $"{table} is empty");
            foreach (var row in rows)
            {
                var idTime = MasRows.Time(UlidUuid.ToUlid(row.Id).Time.UtcDateTime);
                if (idTime != MasRows.Time(row.CreatedAt))
                {
                    mismatches.Add($"{table} {row.Id}: id dated {idTime}, created_at {MasRows.Time(row.CreatedAt)}");
                }

                checkedRows++;
            }
        }

        Assert.Empty(mismatches);
        Assert.Equal(7 + 4 + 3 + 5 + 9 + 9 + 4, checkedRows);
    }
}
