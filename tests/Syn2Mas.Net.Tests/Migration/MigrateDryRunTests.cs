using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// <c>migrate --dry-run</c> (behaviour.md, "Safety rules"): it does all the work, index and constraint
/// rebuild included, and rolls back, so MAS's schema and rows come out exactly as they went in, and data
/// that breaks a MAS constraint fails the dry run as it would fail the real one.
/// </summary>
public sealed class MigrateDryRunTests
{
    /// <summary>Synapse's UNIQUE on <c>access_tokens.token</c> removed, so that two users can share one token.</summary>
    private const string SqliteWithoutTokenUniqueness = """
        CREATE TABLE access_tokens_copy (
            id BIGINT PRIMARY KEY,
            user_id TEXT NOT NULL,
            device_id TEXT,
            token TEXT NOT NULL,
            valid_until_ms BIGINT,
            puppets_user_id TEXT,
            last_validated BIGINT,
            refresh_token_id BIGINT REFERENCES refresh_tokens (id) ON DELETE CASCADE,
            used BOOLEAN
        );
        INSERT INTO access_tokens_copy SELECT * FROM access_tokens;
        DROP TABLE access_tokens;
        ALTER TABLE access_tokens_copy RENAME TO access_tokens;
        CREATE INDEX access_tokens_device_id ON access_tokens (user_id, device_id);
        CREATE INDEX access_tokens_refresh_token_id_idx ON access_tokens (refresh_token_id);
        """;

    private const string PostgresWithoutTokenUniqueness = "ALTER TABLE access_tokens DROP CONSTRAINT access_tokens_token_key;";

    /// <summary>Bob's only token has the same value as Alice's (<see cref="AdvisorScenario.AccessToken"/>).</summary>
    private const string BobSharesAlicesToken = $"""
        INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, deactivated) VALUES ('@bob:example.com', NULL, 1610000000, 0, 0, 0);
        INSERT INTO devices (user_id, device_id, display_name) VALUES ('@bob:example.com', 'BOBPHONE', 'Phone');
        INSERT INTO access_tokens (id, user_id, device_id, token, last_validated) VALUES
            (2, '@bob:example.com', 'BOBPHONE', '{AdvisorScenario.AccessToken}', 1710000000000);
        """;

    public static TheoryData<string> Dialects => MigrateRun.Dialects;

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_dry_run_copies_and_rebuilds_everything_then_leaves_mas_exactly_as_it_was(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, MixedRows.Sql);
        var before = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);

        var run = await MigrateRun.RunAsync(scenario, [.. MixedRows.ProviderMappingOption, "--dry-run"]);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal("", run.Stderr);
        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));

        // Rolled back after doing the whole work: the summary counts the rows written, and the rebuild ran.
        Assert.Equal(MixedRows.Summary, MigrationSummary.Parse(run.Stdout));
        Assert.Contains("rebuilding indexes and constraints", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("rolling back (dry run)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("then rolled back. MAS is unchanged.", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("committing", run.Stdout, StringComparison.Ordinal);
        MigrateRun.AssertNoSecrets(scenario, run);

        // Nothing of the dry run stands in the way of the real migration.
        var real = await MigrateRun.RunAsync(scenario, MixedRows.ProviderMappingOption);
        Assert.True(real.ExitCode == 0, real.Stdout + real.Stderr);
        Assert.NotEqual(before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_dry_run_over_two_users_sharing_a_token_fails_naming_the_constraint_and_a_user_but_not_the_token(string dialect)
    {
        var withoutUniqueness = dialect == "sqlite" ? SqliteWithoutTokenUniqueness : PostgresWithoutTokenUniqueness;
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, withoutUniqueness + AdvisorScenario.HealthyRows + BobSharesAlicesToken);
        var before = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);

        var run = await MigrateRun.RunAsync(scenario, "--dry-run");

        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("compat_access_tokens_access_token_unique", line, StringComparison.Ordinal);
        Assert.Contains("@alice:example.com", line, StringComparison.Ordinal);
        Assert.Contains("@bob:example.com", line, StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));
        MigrateRun.AssertNoSecrets(scenario, run);
    }
}
