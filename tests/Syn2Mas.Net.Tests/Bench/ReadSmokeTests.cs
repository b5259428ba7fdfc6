using Syn2Mas.Bench;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Bench;

/// <summary>
/// The benchmark's <c>read</c> command on a thousand generated users: it reads every Synapse row once, the
/// way migrate does, and fails in one line without the MAS configuration its mapping needs.
/// </summary>
public sealed class ReadSmokeTests
{
    [Fact]
    public async Task A_thousand_users_are_read_row_for_row_and_a_missing_mas_config_is_one_line()
    {
        using var folder = new TempFolder();
        var (generated, _, generateErrors) = await RunAsync(["generate", "--users", "1000", "--source", "sqlite", "--out", folder.Path]);
        Assert.True(generated == BenchApp.Success, generateErrors);
        var homeserver = Path.Combine(folder.Path, "homeserver.yaml");

        var (exitCode, output, errors) = await RunAsync(
            ["read", "--synapse-config", homeserver, "--mas-config", Path.Combine(RepoPaths.Root, "fixtures", "config", "mas.yaml"), "--runs", "1"]);

        Assert.True(exitCode == BenchApp.Success, errors);
        Assert.StartsWith("6,850 Synapse rows: read and merge ", output.Trim(), StringComparison.Ordinal);

        var (missing, _, missingErrors) = await RunAsync(["read", "--synapse-config", homeserver]);
        Assert.Equal(BenchApp.BadUsage, missing);
        Assert.StartsWith("error: Option '--mas-config' is required.", missingErrors, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await BenchApp.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
