using System.Diagnostics;
using System.Text.Json;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Cli;

/// <summary>
/// A SQLite Synapse in rollback-journal mode whose last write was killed: the hot <c>-journal</c> file must
/// be rolled back before the file can be read, which a read-only tool cannot do. The message says so and
/// what to do, and <c>--format json</c> still prints a JSON document.
/// </summary>
public sealed class InterruptedWriteTests
{
    /// <summary>
    /// A python3 child writes more than SQLite's page cache holds in one transaction, so that the database
    /// file itself is changed, and dies before it commits.
    /// </summary>
    private static void KillMidWrite(string path)
    {
        const string script = """
            import os, sqlite3, sys
            connection = sqlite3.connect(sys.argv[1], isolation_level=None)
            connection.execute("PRAGMA journal_mode=DELETE")
            connection.execute("PRAGMA cache_size=2")
            connection.execute("BEGIN")
            connection.executemany("INSERT INTO users (name, creation_ts) VALUES (?, 1)", [("@u%d:example.com" % i,) for i in range(3000)])
            os._exit(0)
            """;
        var start = new ProcessStartInfo("python3") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started");
        process.WaitForExit();
        Assert.True(new FileInfo(path + "-journal").Length > 0);
    }

    [Fact]
    public async Task A_hot_journal_is_named_with_what_to_do_in_text_and_in_json()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite");
        var path = scenario.Sqlite!.Path;
        KillMidWrite(path);
        var journal = await File.ReadAllBytesAsync(path + "-journal");

        var text = await CliRun.RunAsync("advisor", "--synapse-config", scenario.SynapseConfigPath);
        var json = await CliRun.RunAsync("advisor", "--synapse-config", scenario.SynapseConfigPath, "--format", "json");
        var migrate = await Migration.MigrateRun.RunAsync(scenario);

        var expected = $"error: Cannot read Synapse's SQLite database {path}: homeserver.db-journal beside it holds a write that was interrupted";
        foreach (var run in new[] { text, json, migrate })
        {
            Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
            var line = Assert.Single(run.StderrLines);
            Assert.StartsWith(expected, line, StringComparison.Ordinal);
            Assert.Contains("start Synapse once, or open the file read-write with `sqlite3", line, StringComparison.Ordinal);
            Assert.DoesNotContain("readonly", line, StringComparison.Ordinal);
        }

        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal("failed", document.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(json.StderrLines[0]["error: ".Length..], document.RootElement.GetProperty("error").GetString());
        Assert.Equal("syn2mas-net", document.RootElement.GetProperty("tool").GetProperty("name").GetString());

        // Nothing was rolled back by the tool: the journal is as the killed writer left it.
        Assert.Equal(journal, await File.ReadAllBytesAsync(path + "-journal"));
    }

    [Fact]
    public async Task Json_is_printed_for_a_configuration_error_too()
    {
        using var folder = new TempFolder();
        var config = folder.Write("homeserver.yaml", "server_name: [example.com\n");

        var run = await CliRun.RunAsync("advisor", "--synapse-config", config, "--format", "json");

        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.Equal("failed", document.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(Assert.Single(run.StderrLines)["error: ".Length..], document.RootElement.GetProperty("error").GetString());
    }
}
