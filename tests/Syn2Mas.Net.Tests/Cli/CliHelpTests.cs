using Syn2Mas.Cli;
using Syn2Mas.Net.Reporting;

namespace Syn2Mas.Net.Tests.Cli;

/// <summary>The command line's commands, options, help and version (behaviour.md "Inputs" and "Outputs").</summary>
public sealed class CliHelpTests
{
    private static readonly string[] CommonOptions =
    [
        "--synapse-config",
        "--mas-config",
        "--synapse-database-uri",
        "--mas-database-uri",
        "--upstream-provider-mapping",
        "--ignore-missing-auth-providers",
        "--skip-invalid-users",
        "--skip-orphans",
        "--allow-warnings",
        "--report",
    ];

    [Fact]
    public async Task Help_lists_the_advisor_and_migrate_commands()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("advisor", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("migrate", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Advisor_help_lists_every_common_option_and_format_but_not_dry_run()
    {
        var run = await CliRun.RunAsync("advisor", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.All(CommonOptions, option => Assert.Contains(option, run.Stdout, StringComparison.Ordinal));
        Assert.Contains("--format", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("--dry-run", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_help_lists_every_common_option_and_dry_run_but_not_format()
    {
        var run = await CliRun.RunAsync("migrate", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.All(CommonOptions, option => Assert.Contains(option, run.Stdout, StringComparison.Ordinal));
        Assert.Contains("--dry-run", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("--format", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_is_an_alias_of_the_advisor()
    {
        var check = await CliRun.RunAsync("check", "--help");
        var advisor = await CliRun.RunAsync("advisor", "--help");

        Assert.Equal(ExitCodes.Success, check.ExitCode);
        Assert.Contains("--format", check.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("--dry-run", check.Stdout, StringComparison.Ordinal);
        Assert.Equal(advisor.Stdout, check.Stdout);
    }

    [Fact]
    public async Task Version_prints_the_tool_version_and_the_commit_and_exits_0()
    {
        var run = await CliRun.RunAsync("--version");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        // The test project is built from a git checkout, so the commit is known.
        Assert.Matches(@"^syn2mas-net \d+\.\d+\.\d+\S* \(commit [0-9a-f]{40}\)$", run.Stdout.Trim());
        Assert.Equal($"syn2mas-net {CliApp.Version} (commit {ToolInfo.Current.Commit})", run.Stdout.Trim());
        Assert.Equal("", run.Stderr);
    }

    [Theory]
    [InlineData("0.1.0+0123456789abcdef0123456789abcdef01234567", "0.1.0", "0123456789abcdef0123456789abcdef01234567")]
    [InlineData("0.1.0", "0.1.0", "unknown")]
    [InlineData("0.2.0-rc.1+", "0.2.0-rc.1", "unknown")]
    [InlineData(null, "0.0.0", "unknown")]
    public void A_build_outside_git_reports_its_commit_as_unknown(string? informationalVersion, string version, string commit)
    {
        var tool = ToolInfo.FromInformationalVersion(informationalVersion);

        Assert.Equal(version, tool.Version);
        Assert.Equal(commit, tool.Commit);
    }
}
