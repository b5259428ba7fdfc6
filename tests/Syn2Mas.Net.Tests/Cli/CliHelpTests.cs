using Syn2Mas.Cli;

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
    public async Task Version_prints_the_tool_version_and_exits_0()
    {
        var run = await CliRun.RunAsync("--version");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Stdout.Trim());
        Assert.Equal(CliApp.Version, run.Stdout.Trim());
        Assert.Equal("", run.Stderr);
    }
}
