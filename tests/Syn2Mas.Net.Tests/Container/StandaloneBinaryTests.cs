using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Container;

/// <summary>
/// The linux-x64 binary of scripts/publish.sh on a machine without .NET: the offline base image, which has
/// no .NET installed, with nothing but the one file mounted into it.
/// </summary>
[Collection(DockerTestGroup.Name)]
public sealed class StandaloneBinaryTests(ContainerArtifacts artifacts)
{
    [Fact]
    public async Task The_single_file_runs_where_no_dotnet_is_installed()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite");
        var synapse = scenario.Sqlite!;
        var homeserver = Path.Combine(synapse.Folder, "homeserver.yaml");
        File.WriteAllText(homeserver, File.ReadAllText(scenario.SynapseConfigPath).Replace(synapse.Path, "/data/homeserver.db", StringComparison.Ordinal));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(artifacts.Binary)!));

        var run = await ContainerArtifacts.DockerAsync(
            "run", "--rm", "--network", "host", "--label", $"{PostgresServer.ContainerLabel}=true",
            "-v", $"{artifacts.Binary}:/opt/syn2mas-net:ro", "-v", $"{synapse.Folder}:/data", "-v", $"{scenario.MasConfigPath}:/mas.yaml:ro",
            "--entrypoint", "/bin/sh", ContainerArtifacts.BaseImage, "-c",
            """
            if command -v dotnet || [ -e /usr/share/dotnet ] || [ -e /usr/lib/dotnet ]; then echo "dotnet is installed"; exit 99; fi
            /opt/syn2mas-net --version || exit 98
            /opt/syn2mas-net advisor --synapse-config /data/homeserver.yaml --mas-config /mas.yaml --format json
            """);

        // The scenario is healthy: the advisor finds nothing to report.
        Assert.True(run.ExitCode == 0, run.Output);
        var lines = run.Stdout.Split('\n', 2);
        Assert.Equal(ToolInfo.Current.ToString(), lines[0].Trim());
        Assert.Contains("\"outcome\": \"clean\"", lines[1], StringComparison.Ordinal);
        Assert.Contains($"\"commit\": \"{ToolInfo.Current.Commit}\"", lines[1], StringComparison.Ordinal);
    }
}
