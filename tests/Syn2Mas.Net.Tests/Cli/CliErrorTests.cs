using Syn2Mas.Cli;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Cli;

/// <summary>
/// behaviour.md "Outputs": bad usage or unreadable configuration exits 2 with a one-line message on stderr
/// and never a stack trace or a secret.
/// </summary>
public sealed class CliErrorTests : IDisposable
{
    private const string Secret = "cli-secret-never-shown-c0de";
    private const string StackTraceMarker = "   at ";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static void AssertOneErrorLine(CliRun run)
    {
        Assert.Equal(ExitCodes.BadUsage, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(StackTraceMarker, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(StackTraceMarker, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_exits_2_with_a_message_on_stderr()
    {
        var run = await CliRun.RunAsync("advisor", "--synapse-config", _folder.File("homeserver.yaml"), "--no-such-option");

        Assert.Equal(ExitCodes.BadUsage, run.ExitCode);
        Assert.Contains("--no-such-option", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(StackTraceMarker, run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("advisor")]
    [InlineData("check")]
    [InlineData("migrate")]
    public async Task A_missing_synapse_config_exits_2_with_a_message_naming_the_option(string command)
    {
        var run = await CliRun.RunAsync(command, "--mas-config", _folder.File("mas.yaml"));

        Assert.Equal(ExitCodes.BadUsage, run.ExitCode);
        Assert.Contains("--synapse-config", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_without_a_mas_config_exits_2_naming_the_option()
    {
        var run = await CliRun.RunAsync("migrate", "--synapse-config", _folder.File("homeserver.yaml"));

        Assert.Equal(ExitCodes.BadUsage, run.ExitCode);
        Assert.Contains("--mas-config", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_format_exits_2()
    {
        var run = await CliRun.RunAsync("advisor", "--synapse-config", _folder.File("homeserver.yaml"), "--format", "xml");

        Assert.Equal(ExitCodes.BadUsage, run.ExitCode);
        Assert.Contains("xml", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("advisor")]
    [InlineData("migrate")]
    public async Task A_missing_config_file_exits_2_with_one_error_line_naming_it_and_no_stack_trace(string command)
    {
        var missing = _folder.File("missing/homeserver.yaml");
        var mas = _folder.Write("mas.yaml", "matrix:\n  homeserver: example.com\n");

        var run = await CliRun.RunAsync(command, "--synapse-config", missing, "--mas-config", mas);

        AssertOneErrorLine(run);
        Assert.Contains(missing, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_yaml_syntax_error_exits_2_with_one_error_line_giving_file_line_and_column()
    {
        var file = _folder.Write("homeserver.yaml", $"""
            server_name: example.com
            password_config:
              pepper: "{Secret}
            """);

        var run = await CliRun.RunAsync("advisor", "--synapse-config", file);

        AssertOneErrorLine(run);
        Assert.Contains($"{file}:3:11:", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.Stderr + run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_value_in_the_mas_config_exits_2_with_one_error_line_and_no_secret()
    {
        var synapse = _folder.Write("homeserver.yaml", "server_name: example.com\n");
        var mas = _folder.Write("mas.yaml", $"""
            database:
              password: "{Secret}"
              ssl_mode: sometimes
            """);

        var run = await CliRun.RunAsync("check", "--synapse-config", synapse, "--mas-config", mas);

        AssertOneErrorLine(run);
        Assert.Contains("`database.ssl_mode`", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.Stderr + run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_upstream_provider_mapping_exits_2_with_one_error_line()
    {
        var synapse = _folder.Write("homeserver.yaml", "server_name: example.com\n");

        var run = await CliRun.RunAsync("advisor", "--synapse-config", synapse, "--upstream-provider-mapping", "oidc:notanid");

        AssertOneErrorLine(run);
        Assert.Contains("--upstream-provider-mapping", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_database_uri_option_exits_2_with_one_error_line_and_no_password()
    {
        var synapse = _folder.Write("homeserver.yaml", "server_name: example.com\n");

        var run = await CliRun.RunAsync(
            "advisor", "--synapse-config", synapse, "--synapse-database-uri", $"postgresql://synapse:{Secret}@db.example:notaport/synapse");

        AssertOneErrorLine(run);
        Assert.DoesNotContain(Secret, run.Stderr + run.Stdout, StringComparison.Ordinal);
    }
}
