using System.Text.Json;
using Syn2Mas.Cli;
using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Tests.Doctor;
using Syn2Mas.Net.Tests.Migration;

namespace Syn2Mas.Net.Tests.Cli;

/// <summary>
/// <c>syn2mas-net doctor</c> end to end: exit codes, the text and JSON outputs, the live checks against
/// loopback servers, usage errors in one line, and no secret in any output or report.
/// </summary>
public sealed class DoctorCommandTests
{
    [Fact]
    public async Task A_wired_pair_exits_0_and_says_so()
    {
        using var pair = new DoctorPair();

        var run = await CliRun.RunAsync(["doctor", .. pair.Arguments()]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stdout + run.Stderr);
        Assert.Contains("checked for: after the switch (Synapse delegates to MAS), as homeserver.yaml says", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 errors, 0 warnings, 0 notes: Synapse and MAS are wired as they should be.", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Live requests", run.Stdout, StringComparison.Ordinal);
        DoctorPair.AssertNoSecrets(run.Stdout, run.Stderr);
    }

    [Fact]
    public async Task Before_the_switch_notes_exit_0_and_stage_after_turns_the_missing_delegation_into_an_error()
    {
        using var pair = new DoctorPair("matrix_authentication_service:");

        var before = await CliRun.RunAsync(["doctor", .. pair.Arguments()]);
        var after = await CliRun.RunAsync(["doctor", .. pair.Arguments(), "--stage", "after"]);

        Assert.Equal(ExitCodes.Success, before.ExitCode);
        Assert.Contains("note    delegation-missing:", before.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.CheckErrors, after.ExitCode);
        Assert.Contains("error   delegation-missing:", after.Stdout, StringComparison.Ordinal);
        Assert.Contains("as --stage says", after.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_user_storys_setup_with_an_http_issuer_exits_10_and_the_json_equals_the_report_without_secrets()
    {
        using var pair = new DoctorPair(
            DoctorPair.Msc3861Synapse.Replace("https://auth.example.test/", "http://matrix-mas:8080/", StringComparison.Ordinal) + "\nenable_registration: true",
            DoctorPair.Msc3861Clients + "\nhttp:\n  public_base: https://auth.example.test/\n  issuer: https://example.test/");
        var reportPath = Path.Combine(pair.Folder, "doctor.json");

        var run = await CliRun.RunAsync(["doctor", .. pair.Arguments(), "--format", "json", "--report", reportPath]);

        Assert.Equal(ExitCodes.CheckErrors, run.ExitCode);
        var file = await File.ReadAllTextAsync(reportPath);
        Assert.Equal(run.Stdout.Trim(), file.Trim());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(
            ["tool", "stage", "stageFrom", "findings", "errors", "warnings", "notes", "outcome"],
            root.EnumerateObject().Select(property => property.Name));
        Assert.Equal("after", root.GetProperty("stage").GetString());
        Assert.Equal("errors", root.GetProperty("outcome").GetString());
        var codes = root.GetProperty("findings").EnumerateArray().Select(finding => finding.GetProperty("code").GetString()).ToList();
        Assert.Equal(["msc3861-issuer-mismatch", "delegation-conflicting-setting", "delegation-msc3861", "mas-issuer-differs"], codes);
        Assert.All(codes, code => Assert.NotNull(FindingCatalog.Find(code!)));
        DoctorPair.AssertNoSecrets(run.Stdout, run.Stderr, file);
    }

    [Fact]
    public async Task Live_checks_through_the_cli_list_every_request_and_a_timeout_only_warns()
    {
        await using var servers = await LoopbackMatrixServers.StartAsync();
        using var pair = new DoctorPair();
        string[] args = ["doctor", .. pair.Arguments(), "--live", .. servers.ConnectToArguments(), "--ca-file", servers.Certificates.AuthorityPemFile];

        // The first run, with a generous timeout, also warms up TLS and HTTP in this process, so that the
        // short timeout of the second bounds only the request that never gets an answer.
        var healthy = await CliRun.RunAsync([.. args, "--timeout", "30"]);
        servers.Replies[("example.test", "/.well-known/matrix/client")] = ServerReply.Never;
        var timedOut = await CliRun.RunAsync([.. args, "--timeout", "2"]);

        Assert.True(healthy.ExitCode == ExitCodes.Success, healthy.Stdout + healthy.Stderr);
        Assert.Contains("Live requests:", healthy.Stdout, StringComparison.Ordinal);
        Assert.Contains("  ok      MAS discovery: GET https://auth.example.test/.well-known/openid-configuration (HTTP 200)", healthy.Stdout, StringComparison.Ordinal);
        Assert.Contains("  ok      Synapse reaches MAS: GET http://mas:8080/.well-known/openid-configuration (HTTP 200)", healthy.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.WarningsOnly, timedOut.ExitCode);
        Assert.Contains("  failed  client well-known: GET https://example.test/.well-known/matrix/client (no answer within 2 s (timed out))", timedOut.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning live-well-known-client:", timedOut.Stdout, StringComparison.Ordinal);
        DoctorPair.AssertNoSecrets(healthy.Stdout, healthy.Stderr, timedOut.Stdout, timedOut.Stderr);
    }

    [Fact]
    public async Task Live_json_lists_the_requests_with_their_outcome()
    {
        await using var servers = await LoopbackMatrixServers.StartAsync();
        using var pair = new DoctorPair();
        servers.Replies[("matrix.example.test", "/_matrix/client/v1/auth_metadata")] = ServerReply.NotFound;

        var run = await CliRun.RunAsync(["doctor", .. pair.Arguments(), "--live", .. servers.ConnectToArguments(), "--ca-file", servers.Certificates.AuthorityPemFile, "--format", "json", "--timeout", "30"]);

        Assert.Equal(ExitCodes.CheckErrors, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var live = json.RootElement.GetProperty("live").EnumerateArray().ToList();
        Assert.Equal(7, live.Count);
        var failed = Assert.Single(live, check => check.GetProperty("outcome").GetString() == "failed");
        Assert.Equal("https://matrix.example.test/_matrix/client/v1/auth_metadata", failed.GetProperty("url").GetString());
        Assert.Equal("HTTP 404 Not Found", failed.GetProperty("detail").GetString());
        DoctorPair.AssertNoSecrets(run.Stdout);
    }

    [Fact]
    public async Task The_built_tool_as_a_process_checks_live_and_exits_10_on_a_wrong_issuer()
    {
        await using var servers = await LoopbackMatrixServers.StartAsync();
        using var pair = new DoctorPair();
        servers.Replies[("matrix.example.test", "/_matrix/client/v1/auth_metadata")] = ServerReply.Ok("""{"issuer":"https://old-mas.example.test/"}""");
        await using var process = CliProcess.Start(["doctor", .. pair.Arguments(), "--live", .. servers.ConnectToArguments(), "--ca-file", servers.Certificates.AuthorityPemFile, "--timeout", "60"]);

        var (exitCode, stdout, stderr) = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exitCode == ExitCodes.CheckErrors, stdout + stderr);
        Assert.Contains("error   live-synapse-auth-metadata: Synapse auth metadata: GET https://matrix.example.test/_matrix/client/v1/auth_metadata answered HTTP 200, but it names issuer https://old-mas.example.test/", stdout, StringComparison.Ordinal);
        Assert.Empty(stderr);
        DoctorPair.AssertNoSecrets(stdout, stderr);
    }

    [Theory]
    [InlineData("--connect-to", "auth.example.test:443:127.0.0.1", "--connect-to 'auth.example.test:443:127.0.0.1' must be HOST:PORT:TARGET_HOST:TARGET_PORT")]
    [InlineData("--timeout", "0", "--timeout 0 must be a number of seconds above 0")]
    [InlineData("--ca-file", "/nonexistent/ca.pem", "--ca-file /nonexistent/ca.pem: cannot read PEM certificates from it: no such file.")]
    public async Task A_bad_live_option_is_one_line_and_exit_2(string option, string value, string expected)
    {
        using var pair = new DoctorPair();

        var run = await CliRun.RunAsync(["doctor", .. pair.Arguments(), "--live", option, value]);

        Assert.Equal(ExitCodes.BadUsage, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_stage_or_a_missing_mas_config_is_a_usage_error()
    {
        using var pair = new DoctorPair();

        var stage = await CliRun.RunAsync(["doctor", .. pair.Arguments(), "--stage", "during"]);
        var noMas = await CliRun.RunAsync("doctor", "--synapse-config", pair.SynapseFiles[0]);

        Assert.Equal(ExitCodes.BadUsage, stage.ExitCode);
        Assert.Contains("during", stage.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadUsage, noMas.ExitCode);
        Assert.Contains("--mas-config", noMas.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_doctor_and_its_options()
    {
        var root = await CliRun.RunAsync("--help");
        var doctor = await CliRun.RunAsync("doctor", "--help");

        Assert.Contains("doctor", root.Stdout, StringComparison.Ordinal);
        Assert.All(
            ["--synapse-config", "--mas-config", "--stage", "--live", "--timeout", "--connect-to", "--ca-file", "--format", "--report"],
            option => Assert.Contains(option, doctor.Stdout, StringComparison.Ordinal));
    }
}
