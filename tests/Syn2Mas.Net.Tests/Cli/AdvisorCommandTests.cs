using System.Text.Json;
using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Cli;

/// <summary>
/// <c>syn2mas-net advisor</c> end to end, on both Synapse dialects: exit codes (behaviour.md "Outputs"),
/// the JSON report's documented shape, --allow-warnings, the earlier tool's spelling, old schemas, and the
/// safety rules: nothing written, no secret printed.
/// </summary>
public sealed class AdvisorCommandTests
{
    private static readonly string[] Severities = ["error", "warning", "note"];

    public static TheoryData<string> Dialects => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_healthy_setup_exits_0_and_says_nothing_stands_in_the_way(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect);

        var run = await CliRun.RunAsync("advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("0 errors, 0 warnings", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("nothing stands in the way", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("users           1: 1 normal", run.Stdout, StringComparison.Ordinal);
        AssertNoSecrets(scenario, run);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Warnings_only_exit_11_and_allow_warnings_turns_them_into_notes(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, extraSynapseYaml: "enable_registration: true");
        string[] args = ["advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath];

        var warned = await CliRun.RunAsync(args);
        var allowed = await CliRun.RunAsync([.. args, "--allow-warnings", "registration-enabled"]);
        var allowedAll = await CliRun.RunAsync([.. args, "--allow-warnings", "all"]);
        var unknown = await CliRun.RunAsync([.. args, "--allow-warnings", "registration-enabled,no-such-code"]);

        Assert.Equal(11, warned.ExitCode);
        Assert.Contains("warning registration-enabled", warned.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, allowed.ExitCode);
        Assert.Contains("note    registration-enabled", allowed.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, allowedAll.ExitCode);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no-such-code", Assert.Single(unknown.StderrLines), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Errors_exit_10_and_come_before_warnings(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(
            dialect,
            rows: AdvisorScenario.HealthyRows + "INSERT INTO devices (user_id, device_id) VALUES ('@ghost:example.com', 'GHOSTDEVICE');",
            extraSynapseYaml: "allow_guest_access: true\nenable_registration: true");

        var run = await CliRun.RunAsync("advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath);

        Assert.Equal(10, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        var lastError = Array.FindLastIndex(lines, line => line.StartsWith("error", StringComparison.Ordinal));
        var firstWarning = Array.FindIndex(lines, line => line.StartsWith("warning", StringComparison.Ordinal));
        Assert.True(lastError >= 0 && firstWarning > lastError, run.Stdout);
        Assert.Contains("error   guest-access-enabled", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("error   orphan-rows [1]", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("          @ghost:example.com", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("migration is blocked", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Json_output_has_the_documented_shape_and_equals_the_report_file(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, extraSynapseYaml: "enable_registration: true");
        var reportPath = Path.Combine(scenario.Folder, "report.json");

        var run = await CliRun.RunAsync(
            "advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath, "--format", "json", "--report", reportPath);

        Assert.Equal(11, run.ExitCode);
        Assert.Equal(run.Stdout.Trim(), (await File.ReadAllTextAsync(reportPath)).Trim());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(
            ["tool", "synapse", "mas", "findings", "counts", "errors", "warnings", "notes", "outcome"],
            root.EnumerateObject().Select(property => property.Name));
        Assert.Equal("syn2mas-net", root.GetProperty("tool").GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("tool").GetProperty("version").GetString()));
        Assert.Equal(dialect, root.GetProperty("synapse").GetProperty("dialect").GetString());
        Assert.Equal(94, root.GetProperty("synapse").GetProperty("schemaVersion").GetInt32());
        Assert.Contains("users.locked", root.GetProperty("synapse").GetProperty("optionalColumns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(20260720134722, root.GetProperty("mas").GetProperty("schemaVersion").GetInt64());
        Assert.Equal("warnings", root.GetProperty("outcome").GetString());
        Assert.Equal(1, root.GetProperty("warnings").GetInt32());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("users").GetInt64());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("externalIdsByAuthProvider").GetProperty("oidc-authelia").GetInt64());

        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        foreach (var finding in findings)
        {
            var names = finding.EnumerateObject().Select(property => property.Name).ToHashSet();
            Assert.Subset(new HashSet<string> { "code", "severity", "message", "count", "examples" }, names);
            Assert.Superset(new HashSet<string> { "code", "severity", "message", "examples" }, names);
            Assert.NotNull(FindingCatalog.Find(finding.GetProperty("code").GetString()!));
            Assert.Contains(finding.GetProperty("severity").GetString(), Severities);
        }

        Assert.Contains(findings, finding => finding.GetProperty("code").GetString() == "registration-enabled"
            && finding.GetProperty("severity").GetString() == "warning");
        AssertNoSecrets(scenario, run, await File.ReadAllTextAsync(reportPath));
    }

    [Fact]
    public async Task The_earlier_tools_spelling_gives_the_same_result()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite", extraSynapseYaml: "enable_registration: true");

        var ours = await CliRun.RunAsync("advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath);
        var theirs = await CliRun.RunAsync("--command", "advisor", "--synapseConfigFile", scenario.SynapseConfigPath, "--masConfigFile", scenario.MasConfigPath);
        var alias = await CliRun.RunAsync("check", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath);

        Assert.Equal(11, ours.ExitCode);
        Assert.Equal((ours.ExitCode, ours.Stdout), (theirs.ExitCode, theirs.Stdout));
        Assert.Equal((ours.ExitCode, ours.Stdout), (alias.ExitCode, alias.Stdout));
    }

    [Fact]
    public async Task Without_a_mas_config_the_advisor_checks_synapse_and_notes_what_it_skipped()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite");

        var run = await CliRun.RunAsync("advisor", "--synapseConfigFile", scenario.SynapseConfigPath);

        Assert.Contains("note    mas-not-checked", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("MAS:", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_mas_database_exits_1_with_one_line_naming_it_without_the_password()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite");
        var port = ClosedLoopbackPort();

        var run = await CliRun.RunAsync(
            "advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath,
            "--mas-database-uri", $"postgresql://mas:hunter2-unreachable@127.0.0.1:{port}/masdb");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, run.StderrLines.Length);
        Assert.Contains("--mas-database-uri holds a password", run.StderrLines[0], StringComparison.Ordinal);
        var line = run.StderrLines[1];
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}/masdb", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_synapse_sqlite_file_exits_1_naming_it()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite");
        var missing = Path.Combine(scenario.Folder, "nothing-here.db");

        var run = await CliRun.RunAsync("advisor", "--synapse-config", scenario.SynapseConfigPath, "--synapse-database-uri", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(missing, Assert.Single(run.StderrLines), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Old_synapse_and_old_mas_schemas_are_reported_with_what_to_do(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, synapseSchema: 72, masSchema: "schema-0.14.sql");

        var run = await CliRun.RunAsync("advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath, "--format", "json");

        Assert.Equal(10, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray()
            .ToDictionary(f => f.GetProperty("code").GetString()!, f => f.GetProperty("message").GetString()!);
        Assert.Contains("mas-schema-too-old", findings.Keys);
        Assert.Contains("mas-cli database migrate", findings["mas-schema-too-old"], StringComparison.Ordinal);
        Assert.Contains("72", findings["synapse-schema"], StringComparison.Ordinal);
        Assert.Contains("users.locked", findings["synapse-schema"], StringComparison.Ordinal);
        Assert.Empty(json.RootElement.GetProperty("synapse").GetProperty("optionalColumns").EnumerateArray());
        Assert.Equal(0, json.RootElement.GetProperty("counts").GetProperty("lockedUsers").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task The_advisor_writes_nothing_to_either_database(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(
            dialect,
            rows: AdvisorScenario.HealthyRows + "INSERT INTO devices (user_id, device_id, ip) VALUES ('@ghost:example.com', 'GHOSTDEVICE', 'not-an-ip');");
        var synapseBefore = await SynapseFingerprintAsync(scenario);
        var masBefore = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);

        var run = await CliRun.RunAsync("advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath);

        Assert.Equal(10, run.ExitCode);
        Assert.Equal(synapseBefore, await SynapseFingerprintAsync(scenario));
        Assert.Equal(masBefore, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));
    }

    [Fact]
    public async Task A_sqlite_file_in_a_read_only_folder_is_read_and_the_advisor_warns_to_stop_synapse()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite");
        using var folder = new TempFolder();
        using (var connection = scenario.Sqlite!.Open())
        using (var checkpoint = connection.CreateCommand())
        {
            // A clean shutdown leaves no WAL behind; only then is an immutable open safe to offer.
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Copy(scenario.Sqlite.Path, folder.File("homeserver.db"));
        using var readOnly = ImmutableFolder.Make(folder.Path);

        var run = await CliRun.RunAsync(
            "advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath, "--synapse-database-uri", folder.File("homeserver.db"));

        Assert.Equal(11, run.ExitCode);
        Assert.Contains("warning synapse-sqlite-immutable", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("stop Synapse", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("users           1: 1 normal", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_finding_code_is_listed_in_the_readme()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "README.md"));
        var missing = FindingCatalog.All.Where(code => !readme.Contains($"`{code.Code}`", StringComparison.Ordinal)).Select(code => code.Code).ToList();
        Assert.True(missing.Count == 0, $"README.md does not list {string.Join(", ", missing)}");
    }

    private static async Task<string> SynapseFingerprintAsync(AdvisorScenario scenario) =>
        scenario.Sqlite is { } sqlite ? DatabaseFingerprint.OfSqlite(sqlite) : await DatabaseFingerprint.OfPostgresAsync(scenario.SynapsePostgres!);

    private static void AssertNoSecrets(AdvisorScenario scenario, CliRun run, string extra = "")
    {
        foreach (var secret in scenario.Secrets)
        {
            Assert.DoesNotContain(secret, run.Stdout + run.Stderr + extra, StringComparison.Ordinal);
        }
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
