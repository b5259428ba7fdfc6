using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// While Synapse is read once, the rows of every MAS table but compat_sessions wait in temporary files in
/// TMPDIR. They hold password hashes and tokens, so (behaviour.md, "Safety rules": secrets never leave the
/// two databases in the clear, and nothing is left half done) the files have no name from the moment they
/// exist, a kill leaves nothing behind, and a folder that cannot take them fails the migration in one line
/// with MAS unchanged.
/// </summary>
public sealed class MigrateSpoolTests(ITestOutputHelper output)
{
    private const int Users = 30_000;

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_spooled_rows_are_in_files_without_a_name_and_a_kill_leaves_none()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Fail("This test reads /proc: run it on Linux, as CI does.");
        }

        await using var scenario = await AdvisorScenario.CreateAsync("sqlite", BulkRows.Sql(Users));
        using var spoolFolder = new TempFolder();
        await using (var migration = CliProcess.Start(
            new Dictionary<string, string> { ["TMPDIR"] = spoolFolder.Path, ["SYN2MAS_NET_PAUSE_AT"] = "copying:compat_sessions" },
            MigrateRun.Arguments(scenario)))
        {
            // Paused there, not caught on the progress line, which a small migration can run past.
            await migration.WaitForLineAsync("paused at copying:compat_sessions", StepTimeout);
            var open = OpenFilesUnder(migration.Id, spoolFolder.Path)
                .Where(target => Path.GetFileName(target).StartsWith("syn2mas-net-", StringComparison.Ordinal))
                .ToList();
            output.WriteLine(string.Join("\n", open));

            // One file per spooled table, each already unlinked: the folder lists nothing.
            Assert.Equal(7, open.Count);
            Assert.All(open, target => Assert.Matches(@"/syn2mas-net-[a-z_]+-[0-9a-f]{32}\.spool \(deleted\)$", target));
            Assert.Empty(SpoolNames(spoolFolder.Path));
            await migration.KillAsync();
        }

        Assert.Empty(SpoolNames(spoolFolder.Path));
    }

    [Fact]
    public async Task A_temporary_folder_that_does_not_exist_fails_in_one_line_and_leaves_mas_as_it_was()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite", BulkRows.Sql(100));
        var before = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);
        using var parent = new TempFolder();
        var missing = Path.Combine(parent.Path, "no-such-folder");

        var (_, line) = await FailWithTemporaryFolderAsync(scenario, missing);

        Assert.Contains(missing, line, StringComparison.Ordinal);
        Assert.Contains("TMPDIR", line, StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));
    }

    [Fact]
    public async Task A_temporary_folder_too_small_for_the_estimate_is_refused_before_mas_is_locked()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite", BulkRows.Sql(2_000));
        var before = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);
        using var tiny = TinyFilesystem.Mount("1m");
        var reportPath = Path.Combine(scenario.Folder, "report.json");

        var (stdout, line) = await FailWithTemporaryFolderAsync(scenario, tiny.Path, "--report", reportPath);

        Assert.Contains($"the temporary folder {tiny.Path} has 1 MB free, but the migration needs about 2 MB there", line, StringComparison.Ordinal);
        Assert.Contains("point TMPDIR at", line, StringComparison.Ordinal);
        Assert.DoesNotContain("taking the migration lock", stdout, StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));
        var report = await File.ReadAllTextAsync(reportPath);
        Assert.Contains("\"masState\": \"untouched\"", report, StringComparison.Ordinal);
        Assert.Contains("\"failedPhase\": \"checking\"", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_temporary_folder_that_fills_up_fails_in_one_line_naming_it_and_leaves_mas_as_it_was()
    {
        // Never analyzed, Synapse's tables have no statistics: the estimate is 0 and the folder fills for real.
        const string NoStatistics = """
            ALTER TABLE users SET (autovacuum_enabled = off);
            ALTER TABLE user_threepids SET (autovacuum_enabled = off);
            ALTER TABLE devices SET (autovacuum_enabled = off);
            ALTER TABLE access_tokens SET (autovacuum_enabled = off);
            ALTER TABLE refresh_tokens SET (autovacuum_enabled = off);
            """;
        await using var scenario = await AdvisorScenario.CreateAsync("postgres", NoStatistics + BulkRows.Sql(5_000));
        var before = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);
        using var tiny = TinyFilesystem.Mount("256k");

        var (stdout, line) = await FailWithTemporaryFolderAsync(scenario, tiny.Path);

        Assert.StartsWith("error: the migration failed and MAS was left as it was: holding the ", line, StringComparison.Ordinal);
        Assert.Contains($"cannot write its temporary file in {tiny.Path}", line, StringComparison.Ordinal);
        Assert.Contains("point TMPDIR at", line, StringComparison.Ordinal);
        await MigrationSessions.WaitUntilGoneAsync(scenario);
        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));
        MigrateRun.AssertNoSecrets(scenario, stdout, line);
    }

    /// <summary>Runs the command line with <c>TMPDIR</c> at <paramref name="folder"/>, expecting it to fail in one line with MAS as it was.</summary>
    private async Task<(string Stdout, string Line)> FailWithTemporaryFolderAsync(AdvisorScenario scenario, string folder, params string[] options)
    {
        await using var migration = CliProcess.Start(new Dictionary<string, string> { ["TMPDIR"] = folder }, MigrateRun.Arguments(scenario, options));
        var (exitCode, stdout, stderr) = await migration.WaitForExitAsync(StepTimeout);
        output.WriteLine(stdout + stderr);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: the migration failed and MAS was left as it was: ", line, StringComparison.Ordinal);
        MigrateRun.AssertNoSecrets(scenario, stdout, stderr);
        return (stdout, line);
    }

    /// <summary>
    /// The migration's entries in the folder; the .NET runtime keeps its own diagnostic sockets in TMPDIR too.
    /// </summary>
    private static IEnumerable<string> SpoolNames(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Where(path => Path.GetFileName(path).StartsWith("syn2mas-net-", StringComparison.Ordinal));

    /// <summary>The targets of the process's open file descriptors that lie in <paramref name="folder"/>.</summary>
    private static List<string> OpenFilesUnder(int processId, string folder)
    {
        var targets = new List<string>();
        foreach (var descriptor in Directory.EnumerateFileSystemEntries($"/proc/{processId}/fd"))
        {
            try
            {
                if (new FileInfo(descriptor).LinkTarget is { } target && target.StartsWith(folder + "/", StringComparison.Ordinal))
                {
                    targets.Add(target);
                }
            }
            catch (IOException)
            {
                // A descriptor closed between listing and reading it.
            }
        }

        return targets;
    }
}
