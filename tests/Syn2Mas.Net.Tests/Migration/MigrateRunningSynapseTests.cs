using Dapper;
using Npgsql;
using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// A Synapse that is connected but idle: a real run refuses it (synapse-running) before taking any lock,
/// a dry run and the advisor say so and go on, and --allow-running-synapse overrides the refusal.
/// </summary>
public sealed class MigrateRunningSynapseTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private static async Task<NpgsqlConnection> ConnectAsSynapseAsync(AdvisorScenario scenario)
    {
        var builder = new NpgsqlConnectionStringBuilder(scenario.SynapsePostgres!.ConnectionString) { ApplicationName = "synapse_main", Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task AssertRefusedAsync(AdvisorScenario scenario, string expected)
    {
        var before = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);
        var synapseBefore = await MigrateRun.SynapseFingerprintAsync(scenario);

        var run = await MigrateRun.RunAsync(scenario).WaitAsync(Deadline);

        Assert.True(run.ExitCode == 10, run.Stdout + run.Stderr);
        Assert.Contains($"error   synapse-running [1]: {expected}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--dry-run works while Synapse runs, and --allow-running-synapse goes on anyway", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));
        Assert.Equal(synapseBefore, await MigrateRun.SynapseFingerprintAsync(scenario));
        MigrateRun.AssertNoSecrets(scenario, run);

        var dryRun = await MigrateRun.RunAsync(scenario, "--dry-run").WaitAsync(Deadline);
        Assert.True(dryRun.ExitCode == 0, dryRun.Stdout + dryRun.Stderr);
        Assert.Contains($"warning synapse-running [1]: {expected}", dryRun.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));

        var advisor = await CliRun.RunAsync("advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath).WaitAsync(Deadline);
        Assert.True(advisor.ExitCode == 11, advisor.Stdout + advisor.Stderr);
        Assert.Contains($"warning synapse-running [1]: {expected}", advisor.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_an_idle_synapse_session_is_refused_named_by_application_and_role_and_synapse_can_still_write()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("postgres");
        var role = new NpgsqlConnectionStringBuilder(scenario.SynapsePostgres!.ConnectionString).Username;
        await using var synapse = await ConnectAsSynapseAsync(scenario);

        await AssertRefusedAsync(scenario, $"1 other session is connected to Synapse's database PostgreSQL ");
        var run = await MigrateRun.RunAsync(scenario).WaitAsync(Deadline);
        Assert.Contains($": synapse_main as {role} (1 session); ", run.Stdout, StringComparison.Ordinal);

        // Nothing of the refused run is left holding a lock: Synapse's next write goes through at once.
        await synapse.ExecuteAsync("SET lock_timeout = '5s'; INSERT INTO users (name, creation_ts) VALUES ('@late:example.com', 1)");

        // The admin who knows better.
        var allowed = await MigrateRun.RunAsync(scenario, "--allow-running-synapse").WaitAsync(Deadline);
        Assert.True(allowed.ExitCode == 0, allowed.Stdout + allowed.Stderr);
        Assert.Contains("warning synapse-running [1]", allowed.Stdout, StringComparison.Ordinal);
        Assert.Equal("users from users: read 2, written 2, skipped 0", MigrationSummary.Parse(allowed.Stdout)[0]);
    }

    [Fact]
    public async Task Postgres_once_the_session_is_gone_the_run_goes_through()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("postgres");
        await using (await ConnectAsSynapseAsync(scenario))
        {
        }

        var run = await MigrateRun.RunAsync(scenario).WaitAsync(Deadline);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.DoesNotContain("synapse-running", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wal")]
    [InlineData("delete")]
    public async Task Sqlite_another_process_with_the_file_open_is_refused_in_either_journal_mode(string journalMode)
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite");
        using (var holder = SqliteHolder.Open(scenario.Sqlite!.Path, journalMode))
        {
            Assert.Equal(journalMode, holder.JournalMode);
            await AssertRefusedAsync(scenario, $"1 other process has Synapse's database SQLite {scenario.Sqlite.Path} open: python3 (pid {holder.Pid}); ");

            var allowed = await MigrateRun.RunAsync(scenario, "--allow-running-synapse").WaitAsync(Deadline);
            Assert.True(allowed.ExitCode == 0, allowed.Stdout + allowed.Stderr);
            Assert.Contains("warning synapse-running [1]", allowed.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Sqlite_once_the_other_process_has_closed_the_file_the_run_goes_through()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite");
        using (SqliteHolder.Open(scenario.Sqlite!.Path))
        {
        }

        var run = await MigrateRun.RunAsync(scenario).WaitAsync(Deadline);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.DoesNotContain("synapse-running", run.Stdout, StringComparison.Ordinal);
    }
}
