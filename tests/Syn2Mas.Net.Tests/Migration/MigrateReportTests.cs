using System.Text.Json;
using Syn2Mas.Cli;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// <c>migrate --report FILE.json</c> (behaviour.md, "Outputs"): the run's facts machine-readable, the same
/// figures as the console summary, skipped rows by reason with a few user ids, and no secret.
/// </summary>
public sealed class MigrateReportTests
{
    public static TheoryData<string> Dialects => MigrateRun.Dialects;

    public static TheoryData<string, bool> DialectsAndDryRun => new()
    {
        { "sqlite", false },
        { "sqlite", true },
        { "postgres", false },
        { "postgres", true },
    };

    [Theory]
    [MemberData(nameof(DialectsAndDryRun))]
    public async Task The_report_holds_outcome_tables_skipped_rows_warnings_timings_findings_and_version(string dialect, bool dryRun)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, MixedRows.Sql);
        var reportPath = Path.Combine(scenario.Folder, "report.json");

        string[] options = [.. MixedRows.ProviderMappingOption, "--report", reportPath];
        var run = await MigrateRun.RunAsync(scenario, dryRun ? [.. options, "--dry-run"] : options);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var text = await File.ReadAllTextAsync(reportPath);
        MigrateRun.AssertNoSecrets(scenario, run, text);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(
            ["tool", "dryRun", "outcome", "masState", "synapse", "mas", "findings", "counts", "tables", "warnings", "timings", "rebuildMemory"],
            root.EnumerateObject().Select(property => property.Name));
        Assert.Equal("syn2mas-net", root.GetProperty("tool").GetProperty("name").GetString());
        Assert.Equal(CliApp.Version, root.GetProperty("tool").GetProperty("version").GetString());
        Assert.Equal(ToolInfo.Current.Commit, root.GetProperty("tool").GetProperty("commit").GetString());
        Assert.Matches("^[0-9a-f]{40}$", root.GetProperty("tool").GetProperty("commit").GetString());
        Assert.Equal(dryRun, root.GetProperty("dryRun").GetBoolean());
        Assert.Equal(dryRun ? "dry-run-succeeded" : "migrated", root.GetProperty("outcome").GetString());
        Assert.Equal(dryRun ? "rolled-back" : "committed", root.GetProperty("masState").GetString());
        Assert.Equal(dialect, root.GetProperty("synapse").GetProperty("dialect").GetString());
        Assert.Equal(94, root.GetProperty("synapse").GetProperty("schemaVersion").GetInt32());
        Assert.Equal(20260720134722, root.GetProperty("mas").GetProperty("schemaVersion").GetInt64());
        Assert.Equal(8, root.GetProperty("counts").GetProperty("users").GetInt64());

        // The tables: the figures the rules give, equal to the console's, each entry in its documented shape.
        Assert.Equal(MixedRows.Summary, ReportTables.Summary(root));
        Assert.Equal(MigrationSummary.Parse(run.Stdout), ReportTables.Summary(root));
        foreach (var table in root.GetProperty("tables").EnumerateArray())
        {
            Assert.Equal(
                ["table", "sourceTable", "read", "written", "skipped", "seconds", "skippedTotal"],
                table.EnumerateObject().Select(property => property.Name));
            Assert.True(table.GetProperty("seconds").GetDouble() >= 0);
            Assert.All(table.GetProperty("skipped").EnumerateArray(), skip => Assert.Equal(
                ["reason", "count", "examples"], skip.EnumerateObject().Select(property => property.Name)));
        }

        Assert.Equal(
            [
                "appservice-user 1: @telegram_100042:example.com",
                "deactivated-user 1: @dave:example.com",
                "guest-device 1: @erin:example.com",
                "guest-user 1: @1234:example.com",
                "hidden-device 1: @alice:example.com",
            ],
            ReportTables.Skipped(root, "compat_sessions"));
        Assert.Equal(
            [
                "access-token-expired 2: @bob:example.com, @carol:example.com",
                "appservice-user 1: @telegram_100042:example.com",
                "deactivated-user 1: @dave:example.com",
                "guest-user 1: @1234:example.com",
                "puppet-token 1: @bob:example.com",
                "successor-used 1: @bob:example.com",
                "unknown-device 1: @bob:example.com",
            ],
            ReportTables.Skipped(root, "compat_access_tokens"));
        Assert.Equal(["deactivated-user 2: @dave:example.com"], ReportTables.Skipped(root, "user_emails"));
        Assert.Equal(["device-ip-unparsable 1: @bob:example.com"], root.GetProperty("warnings").EnumerateArray().Select(ReportTables.Reason));

        Assert.Equal("512MB", root.GetProperty("rebuildMemory").GetProperty("maintenanceWorkMem").GetString());
        var timings = root.GetProperty("timings");
        Assert.Equal(["checks", "dataChecks", "prepare", "copy", "rebuild", "checksWait", "finish", "total"], timings.EnumerateObject().Select(property => property.Name));
        // The data checks run beside the copy and the rebuild, so they are not part of the sum of the phases.
        var phases = timings.EnumerateObject().Where(property => property.Name is not ("total" or "dataChecks")).Select(property => property.Value.GetDouble()).ToList();
        Assert.True(timings.GetProperty("dataChecks").GetDouble() > 0);
        Assert.All(phases, seconds => Assert.True(seconds >= 0));
        Assert.True(timings.GetProperty("total").GetDouble() > 0);
        Assert.True(phases.Sum() <= timings.GetProperty("total").GetDouble() + 0.001, timings.ToString());

        var findings = root.GetProperty("findings").EnumerateArray().ToLookup(finding => finding.GetProperty("code").GetString()!);
        var creationTime = Assert.Single(findings["creation-time-missing"]);
        Assert.Equal("warning", creationTime.GetProperty("severity").GetString());
        Assert.Equal(1, creationTime.GetProperty("count").GetInt64());
        Assert.Equal(["@nullts:example.com"], creationTime.GetProperty("examples").EnumerateArray().Select(example => example.GetString()));
        Assert.Equal(["note", "note"], findings["auth-provider-usage"].Select(finding => finding.GetProperty("severity").GetString()));
        Assert.DoesNotContain(findings.SelectMany(group => group), finding => finding.GetProperty("severity").GetString() == "error");
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Skipped_rows_keep_at_most_20_example_users_per_reason(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, AdvisorScenario.HealthyRows + """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25)
            INSERT INTO users (name, creation_ts, appservice_id) SELECT '@irc_' || i || ':example.com', 1600000000 + i, 'irc' FROM n;
            """);
        var reportPath = Path.Combine(scenario.Folder, "report.json");

        var run = await MigrateRun.RunAsync(scenario, "--report", reportPath);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal("users from users: read 26, written 1, skipped 25 (appservice-user 25)", MigrationSummary.Parse(run.Stdout)[0]);
        var text = await File.ReadAllTextAsync(reportPath);
        MigrateRun.AssertNoSecrets(scenario, run, text);
        using var json = JsonDocument.Parse(text);
        var skip = Assert.Single(json.RootElement.GetProperty("tables")[0].GetProperty("skipped").EnumerateArray());
        Assert.Equal("appservice-user", skip.GetProperty("reason").GetString());
        Assert.Equal(25, skip.GetProperty("count").GetInt64());
        var examples = skip.GetProperty("examples").EnumerateArray().Select(example => example.GetString()!).ToList();
        Assert.Equal(20, examples.Count);
        Assert.Equal(20, examples.Distinct(StringComparer.Ordinal).Count());
        Assert.All(examples, example => Assert.Matches(@"^@irc_\d+:example\.com$", example));
    }

    [Theory]
    [InlineData("missing-folder/report.json", "does not exist")]
    [InlineData("", "is a folder")]
    public async Task A_report_path_that_cannot_be_written_is_refused_before_anything_is_read_or_written(string relative, string reason)
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite");
        var before = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);
        var reportPath = Path.Combine(scenario.Folder, relative);

        var run = await MigrateRun.RunAsync(scenario, "--report", reportPath);

        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith($"error: --report {reportPath}", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));
        Assert.Equal(["homeserver.yaml", "mas.yaml"], Directory.EnumerateFileSystemEntries(scenario.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Links_planted_at_the_report_path_and_its_old_temporary_name_are_never_followed()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite");
        var reportPath = Path.Combine(scenario.Folder, "report.json");
        var victim = Path.Combine(scenario.Folder, "victim.txt");
        await File.WriteAllTextAsync(victim, "precious");
        File.CreateSymbolicLink(reportPath + ".tmp", victim);
        File.CreateSymbolicLink(reportPath, victim);

        var run = await MigrateRun.RunAsync(scenario, "--report", reportPath);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal("precious", await File.ReadAllTextAsync(victim));

        // The link at the report's name is replaced by the report, not written through.
        Assert.Null(new FileInfo(reportPath).LinkTarget);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(reportPath));
        Assert.Equal("migrated", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(
            ["homeserver.yaml", "mas.yaml", "report.json", "report.json.tmp", "victim.txt"],
            Directory.EnumerateFileSystemEntries(scenario.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
