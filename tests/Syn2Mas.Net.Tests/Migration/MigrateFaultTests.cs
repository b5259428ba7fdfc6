using System.Text.Json;
using Dapper;
using Syn2Mas.Cli;
using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// The real command line interrupted at a named step of a real migration: stopped there by
/// <c>SYN2MAS_NET_PAUSE_AT</c> (no timing involved), then SIGKILL, SIGINT or SIGTERM, or its MAS or Synapse
/// connection ended with <c>pg_terminate_backend</c>, then let go. Whatever the fault and the step, MAS is
/// exactly as before or completely migrated, the exit code is 0 only when the migration committed, the
/// report (when one could be written) says which, and a rerun on a MAS still blank succeeds.
/// </summary>
public sealed class MigrateFaultTests(ITestOutputHelper output)
{
    /// <summary>Enough rows that every table is copied from more than one read batch, few enough to stay quick.</summary>
    private const int Users = 2_000;

    private const string Kill = "KILL";
    private const string Interrupt = "INT";
    private const string Terminate = "TERM";

    /// <summary><c>pg_terminate_backend</c> of the migration's session on MAS's database.</summary>
    private const string DropMas = "drop-mas";

    /// <summary><c>pg_terminate_backend</c> of the migration's session on Synapse's (PostgreSQL) database.</summary>
    private const string DropSynapse = "drop-synapse";

    /// <summary>Generous: a loaded CI machine can be slow, and only a hang should ever reach it.</summary>
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Steps after which Synapse has been read completely and its connection closed.</summary>
    private static readonly string[] AfterSynapseRead = ["copying:users", "rebuilding", "committing", "done"];

    /// <summary>Every step at least once, every fault at several steps, both dialects.</summary>
    public static TheoryData<string, string, string> Faults
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var dialect in new[] { "sqlite", "postgres" })
            {
                data.Add(dialect, "checking", Interrupt);
                data.Add(dialect, "checking", Kill);
                data.Add(dialect, "preparing", Terminate);
                data.Add(dialect, "copying:compat_sessions", Kill);
                data.Add(dialect, "copying:compat_sessions", DropMas);
                data.Add(dialect, "copying:users", Interrupt);
                data.Add(dialect, "copying:user_passwords", Terminate);
                data.Add(dialect, "copying:user_emails", DropMas);
                data.Add(dialect, "copying:user_unsupported_third_party_ids", Kill);
                data.Add(dialect, "copying:upstream_oauth_links", Interrupt);
                data.Add(dialect, "copying:compat_access_tokens", DropMas);
                data.Add(dialect, "copying:compat_refresh_tokens", Terminate);
                data.Add(dialect, "rebuilding", Interrupt);
                data.Add(dialect, "rebuilding", DropMas);
                data.Add(dialect, "committing", Kill);
                data.Add(dialect, "committing", Interrupt);
                data.Add(dialect, "committing", DropMas);
                data.Add(dialect, "done", Kill);
                data.Add(dialect, "done", Interrupt);
            }

            data.Add("postgres", "checking", DropSynapse);
            data.Add("postgres", "copying:compat_sessions", DropSynapse);
            foreach (var step in AfterSynapseRead)
            {
                data.Add("postgres", step, DropSynapse);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Interrupted_at_a_step_mas_is_as_before_or_complete_and_the_outcome_says_which(string dialect, string step, string fault)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, BulkRows.Sql(Users));
        var before = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);
        var reportPath = Path.Combine(scenario.Folder, "report.json");

        // Synapse is gone after its read: ending its connection then finds nothing to end, and changes nothing.
        var commits = step == "done" || (fault == DropSynapse && AfterSynapseRead.Contains(step));
        var failedPhase = step.Split(':')[0];
        int exitCode;
        string stdout, stderr;
        await using (var migration = CliProcess.Start(
            new Dictionary<string, string> { ["SYN2MAS_NET_PAUSE_AT"] = step },
            MigrateRun.Arguments(scenario, "--report", reportPath)))
        {
            await migration.WaitForLineAsync($"paused at {step}", StepTimeout);
            switch (fault)
            {
                case Kill:
                    await migration.KillAsync();
                    break;
                case Interrupt or Terminate:
                    await migration.SignalAsync(fault);
                    break;
                case DropMas:
                    Assert.True(await MigrationSessions.TerminateAsync(scenario.Mas) > 0, "no MAS session to end");
                    await migration.ResumeAsync();
                    break;
                default:
                    var ended = await MigrationSessions.TerminateAsync(scenario.SynapsePostgres!);
                    if (commits && ended > 0)
                    {
                        // Synapse was read, but the data checks were still reading it beside the copy: without
                        // their answer MAS must not commit, so the run fails where it waits for them.
                        commits = false;
                        failedPhase = "checking";
                    }

                    Assert.True(commits ? ended == 0 : ended > 0, $"{ended} Synapse sessions ended");
                    await migration.ResumeAsync();
                    break;
            }

            (exitCode, stdout, stderr) = await migration.WaitForExitAsync(StepTimeout);
        }

        output.WriteLine($"exit {exitCode}\n{stdout}\n{stderr}");
        await MigrationSessions.WaitUntilGoneAsync(scenario);
        var after = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);

        Assert.Equal(ExpectedExitCode(fault, commits), exitCode);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        if (commits)
        {
            await AssertCompleteAsync(scenario, before, after);
        }
        else
        {
            Assert.Equal(before, after);
        }

        var stderrLines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (fault != Kill)
        {
            // The console and the report tell the same truth.
            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(reportPath));
            var root = report.RootElement;
            if (commits)
            {
                Assert.Empty(stderrLines);
                Assert.Contains("committed: MAS now holds 2,000 users", stdout, StringComparison.Ordinal);
                Assert.Equal("migrated", root.GetProperty("outcome").GetString());
                Assert.Equal("committed", root.GetProperty("masState").GetString());
            }
            else
            {
                var line = Assert.Single(stderrLines);
                Assert.StartsWith(fault is Interrupt or Terminate ? "cancelled: " : "error: ", line, StringComparison.Ordinal);
                if (fault == DropSynapse)
                {
                    Assert.Contains("Synapse's database", line, StringComparison.Ordinal);
                }
                else if (fault == DropMas)
                {
                    Assert.Contains("MAS database", line, StringComparison.Ordinal);
                }

                Assert.Equal(fault is Interrupt or Terminate ? "cancelled" : "failed", root.GetProperty("outcome").GetString());
                Assert.Equal(line, root.GetProperty("error").GetString());
                Assert.Equal(failedPhase, root.GetProperty("failedPhase").GetString());
                Assert.Equal(step is "checking" or "preparing" ? "untouched" : "rolled-back", root.GetProperty("masState").GetString());
                Assert.DoesNotContain("committed:", stdout, StringComparison.Ordinal);
            }

            MigrateRun.AssertNoSecrets(scenario, stdout, stderr, root.ToString());
        }
        else
        {
            Assert.False(File.Exists(reportPath));
            Assert.Empty(stderrLines);
        }

        MigrateRun.AssertNoSecrets(scenario, stdout, stderr);
        Assert.DoesNotContain(BulkRows.PasswordHash, stdout + stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(scenario.Folder, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }));

        if (!commits)
        {
            var rerun = await MigrateRun.RunAsync(scenario);
            Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
            await AssertCompleteAsync(scenario, before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));
        }
    }

    [Theory]
    [MemberData(nameof(MigrateRun.Dialects), MemberType = typeof(MigrateRun))]
    public async Task A_report_that_cannot_be_written_after_the_commit_is_a_warning_and_the_exit_code_stays_0(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, BulkRows.Sql(100));
        var before = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);
        using var reports = new TempFolder();
        var reportPath = Path.Combine(reports.Path, "report.json");

        await using var migration = CliProcess.Start(
            new Dictionary<string, string> { ["SYN2MAS_NET_PAUSE_AT"] = "done" }, MigrateRun.Arguments(scenario, "--report", reportPath));
        await migration.WaitForLineAsync("paused at done", StepTimeout);

        // The folder checked at the start is gone by the time the report is written.
        Directory.Delete(reports.Path, recursive: true);
        await migration.ResumeAsync();
        var (exitCode, stdout, stderr) = await migration.WaitForExitAsync(StepTimeout);
        output.WriteLine($"exit {exitCode}\n{stdout}\n{stderr}");

        Assert.Equal(0, exitCode);
        Assert.Contains("committed: MAS now holds 100 users", stdout, StringComparison.Ordinal);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"warning: the report could not be written to {reportPath}", line, StringComparison.Ordinal);
        Assert.EndsWith("the outcome above stands.", line, StringComparison.Ordinal);
        Assert.NotEqual(before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));
    }

    private static int ExpectedExitCode(string fault, bool commits) => fault switch
    {
        Kill => 128 + 9,
        _ when commits => ExitCodes.Success,
        Interrupt => ExitCodes.Cancelled,
        Terminate => ExitCodes.Terminated,
        _ => ExitCodes.Failure,
    };

    /// <summary>Every row migrated, and MAS's definition (constraints, indexes, their validation) as it was.</summary>
    private static async Task AssertCompleteAsync(AdvisorScenario scenario, string before, string after)
    {
        Assert.Equal(before.Split('\n')[0], after.Split('\n')[0]);
        await using var connection = await scenario.Mas.OpenAsync();
        Assert.Equal(
            ((long)Users, (long)Users, (long)Users, 2L * Users, 3L * Users, (long)Users),
            await connection.QuerySingleAsync<(long, long, long, long, long, long)>(
                """
                SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM user_passwords), (SELECT count(*) FROM user_emails),
                       (SELECT count(*) FROM compat_sessions), (SELECT count(*) FROM compat_access_tokens), (SELECT count(*) FROM compat_refresh_tokens)
                """));
    }
}
