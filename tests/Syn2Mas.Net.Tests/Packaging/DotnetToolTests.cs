using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;
using Syn2Mas.Net.Tests.Migration;

namespace Syn2Mas.Net.Tests.Packaging;

/// <summary>
/// <c>dotnet pack</c> makes the .NET tool package, and <c>dotnet tool install</c> installs it from a folder
/// used as a package feed, as a user would from NuGet, into a folder of its own.
/// </summary>
public sealed class DotnetToolTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task The_packed_tool_installs_from_a_folder_feed_and_runs_the_advisor()
    {
        using var folder = new TempFolder();
        var feed = Path.Combine(folder.Path, "feed");
        var tools = Path.Combine(folder.Path, "tools");

        // The solution was built in Release before the tests ran; packing that build writes nothing else.
        var pack = await ProcessRun.RunAsync("dotnet", ["pack", "src/Syn2Mas.Cli/Syn2Mas.Cli.csproj", "-c", "Release", "--no-build", "-o", feed], Limit);
        Assert.True(pack.ExitCode == 0, pack.Output);
        Assert.Equal($"syn2mas-net.{ToolInfo.Current.Version}.nupkg", Path.GetFileName(Assert.Single(Directory.GetFiles(feed))));

        var install = await ProcessRun.RunAsync("dotnet",
            ["tool", "install", "--tool-path", tools, "--add-source", feed, "syn2mas-net", "--version", ToolInfo.Current.Version], Limit, folder.Path);
        Assert.True(install.ExitCode == 0, install.Output);
        var tool = Path.Combine(tools, "syn2mas-net");

        var version = await ProcessRun.RunAsync(tool, ["--version"], Limit, folder.Path);
        Assert.True(version.ExitCode == 0, version.Output);
        Assert.Equal(ToolInfo.Current.ToString(), version.Stdout.Trim());

        await using var scenario = await AdvisorScenario.CreateAsync("sqlite");
        var advisor = await ProcessRun.RunAsync(tool,
            ["advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath], Limit, folder.Path);
        Assert.True(advisor.ExitCode == 0, advisor.Output);
        Assert.Contains("Synapse: SQLite", advisor.Stdout, StringComparison.Ordinal);
        MigrateRun.AssertNoSecrets(scenario, advisor.Stdout, advisor.Stderr);
    }
}
