using Dapper;
using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// The whole write is one MAS transaction (behaviour.md, "Safety rules"): the real command line, killed
/// with SIGKILL in the middle of copying or of rebuilding, leaves MAS exactly as it was, leaves no session
/// behind, and a rerun starts clean.
/// </summary>
public sealed class MigrateKillTests(ITestOutputHelper output)
{
    /// <summary>Enough that the passes after compat_sessions, and the rebuild, last well over the moment a kill takes.</summary>
    private const int Users = 30_000;

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    public static TheoryData<string, string> DialectsAndSteps
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var dialect in new[] { "sqlite", "postgres" })
            {
                data.Add(dialect, "copying:compat_sessions");
                data.Add(dialect, "rebuilding");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(DialectsAndSteps))]
    public async Task Killed_at_a_step_the_migration_leaves_mas_as_it_was_and_a_rerun_succeeds(string dialect, string step)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, BulkRows.Sql(Users));
        var before = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);

        string killedOutput;
        // Paused at the step rather than caught on its progress line: a small migration can run past a
        // line before the test has looked.
        await using (var migration = CliProcess.Start(new Dictionary<string, string> { ["SYN2MAS_NET_PAUSE_AT"] = step }, MigrateRun.Arguments(scenario)))
        {
            await migration.WaitForLineAsync($"paused at {step}", StepTimeout);

            // The probe below must see the process while it lives, or its later silence would prove nothing.
            Assert.NotEmpty(await MigrationSessions.ListAsync(scenario));
            killedOutput = await migration.KillAsync();
        }

        output.WriteLine(killedOutput);
        Assert.DoesNotContain("committing", killedOutput, StringComparison.Ordinal);

        await MigrationSessions.WaitUntilGoneAsync(scenario);
        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));

        var rerun = await MigrateRun.RunAsync(scenario);
        output.WriteLine(rerun.Stdout);
        Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
        await using var connection = await scenario.Mas.OpenAsync();
        Assert.Equal(
            ((long)Users, 2L * Users, 3L * Users, (long)Users),
            await connection.QuerySingleAsync<(long, long, long, long)>(
                """
                SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM compat_sessions),
                       (SELECT count(*) FROM compat_access_tokens), (SELECT count(*) FROM compat_refresh_tokens)
                """));
        MigrateRun.AssertNoSecrets(scenario, rerun, killedOutput);
        foreach (var secret in new[] { BulkRows.PasswordHash, "syt_bulk_", "syr_bulk_" })
        {
            Assert.DoesNotContain(secret, rerun.Stdout + rerun.Stderr + killedOutput, StringComparison.Ordinal);
        }
    }
}
