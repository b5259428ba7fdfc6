using System.Diagnostics;
using Dapper;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// What <c>migrate</c> does when it is not alone (behaviour.md, "Safety rules"): one migration at a time
/// per MAS database, and a real run refuses at once to start while Synapse still writes to PostgreSQL.
/// </summary>
public sealed class MigrateConcurrencyTests
{
    /// <summary>Far longer than either refusal takes, far shorter than waiting for the other session would.</summary>
    // Failing instead of waiting is the behaviour under test: a run that waited would wait for this test's
    // own transaction, that is for ever, so a generous deadline tells the two apart without timing anything.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public static TheoryData<string> Dialects => MigrateRun.Dialects;

    /// <summary>What Synapse does to its tables while it runs: each takes a ROW EXCLUSIVE lock until its transaction ends.</summary>
    public static TheoryData<string> SynapseWrites => new()
    {
        "LOCK TABLE users IN ROW EXCLUSIVE MODE",
        "INSERT INTO devices (user_id, device_id, display_name) VALUES ('@alice:example.com', 'NEWDEVICE', 'just logged in')",
    };

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_second_migration_is_refused_at_once_while_another_holds_the_mas_lock(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect);
        var before = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);

        // The lock as a running migration holds it: transaction-level, for its one write transaction.
        await using (var other = await scenario.Mas.OpenAsync())
        await using (var transaction = await other.BeginTransactionAsync())
        {
            Assert.True(await MigrationLock.TryAcquireAsync(other, transaction));

            var run = await MigrateRun.RunAsync(scenario).WaitAsync(Deadline);

            // The checks see the lock before the writer tries to take it, so the run stops as blocked.
            Assert.True(run.ExitCode == 10, run.Stdout + run.Stderr);
            Assert.Contains("error   mas-migration-in-progress", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("a syn2mas-net or `mas-cli syn2mas` migration is writing into it; wait for it to end", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("Nothing was written", run.Stdout, StringComparison.Ordinal);
            Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));
            MigrateRun.AssertNoSecrets(scenario, run);
        }

        // Once the other migration is gone, the same command goes through.
        var after = await MigrateRun.RunAsync(scenario);
        Assert.True(after.ExitCode == 0, after.Stdout + after.Stderr);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_second_migrate_while_the_first_one_copies_reports_the_migration_in_progress_instead_of_a_lock_timeout(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, BulkRows.Sql(200));

        // The first one holds MAS's tables exclusively from its lock to its commit; paused with them held.
        await using var first = CliProcess.Start(new Dictionary<string, string> { ["SYN2MAS_NET_PAUSE_AT"] = "copying:users" }, MigrateRun.Arguments(scenario));
        await first.WaitForLineAsync("paused at copying:users", Deadline);

        var second = await MigrateRun.RunAsync(scenario).WaitAsync(Deadline);

        Assert.True(second.ExitCode == 10, second.Stdout + second.Stderr);
        Assert.Contains("error   mas-migration-in-progress", second.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("55P03", second.Stdout + second.Stderr, StringComparison.Ordinal);
        Assert.Empty(second.Stderr);

        await first.ResumeAsync();
        var (exitCode, stdout, stderr) = await first.WaitForExitAsync(Deadline);
        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Contains("committed: MAS now holds 200 users", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SynapseWrites))]
    public async Task A_real_run_fails_fast_while_synapse_writes_to_postgres_and_a_dry_run_goes_through(string write)
    {
        await using var scenario = await AdvisorScenario.CreateAsync("postgres");
        var before = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);

        await using (var synapse = await scenario.SynapsePostgres!.OpenAsync())
        await using (var transaction = await synapse.BeginTransactionAsync())
        {
            await synapse.ExecuteAsync(write, transaction: transaction);

            var run = await MigrateRun.RunAsync(scenario).WaitAsync(Deadline);

            // The writer's session is seen before any lock is tried: refused by the checks, and the
            // writer's transaction was never waited on.
            Assert.True(run.ExitCode == 10, run.Stdout + run.Stderr);
            Assert.Contains("error   synapse-running [1]: 1 other session is connected to Synapse's database", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("stop Synapse and its workers", run.Stdout, StringComparison.Ordinal);
            Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));
            MigrateRun.AssertNoSecrets(scenario, run);

            // A dry run only needs Synapse's tables not to change under it, which a snapshot gives.
            var dryRun = await MigrateRun.RunAsync(scenario, "--dry-run");
            Assert.True(dryRun.ExitCode == 0, dryRun.Stdout + dryRun.Stderr);
            Assert.Contains("warning synapse-running [1]", dryRun.Stdout, StringComparison.Ordinal);
            Assert.Equal("users from users: read 1, written 1, skipped 0", MigrationSummary.Parse(dryRun.Stdout)[0]);
            Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));
            MigrateRun.AssertNoSecrets(scenario, dryRun);
        }

        // With Synapse's transaction over, the real run goes through.
        var after = await MigrateRun.RunAsync(scenario);
        Assert.True(after.ExitCode == 0, after.Stdout + after.Stderr);
    }
}
