using Syn2Mas.Net.Tests.Infrastructure;
using Syn2Mas.Net.Tests.Migration;

namespace Syn2Mas.Net.Tests.Cli;

/// <summary>
/// Passwords kept off the command line: a password in a URI option is warned about (never shown), and the
/// real process reads PGPASSWORD and the password file by libpq's rules, ignoring a file others may read.
/// </summary>
[Collection(TlsPostgresGroup.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CommandLineSecretsTests(TlsPostgresServer server) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string SynapseConfig => _folder.Write("homeserver.yaml", "server_name: example.com\n");

    [Fact]
    public async Task A_password_in_either_uri_option_is_warned_about_and_never_printed()
    {
        var uri = $"postgresql://postgres:{Uri.EscapeDataString(server.Password)}@127.0.0.1:{server.MainPort}/postgres";

        var run = await CliRun.RunAsync("advisor", "--synapse-config", SynapseConfig, "--synapse-database-uri", uri, "--mas-database-uri", uri);

        Assert.Contains(run.StderrLines, line => line.StartsWith("warning: --synapse-database-uri holds a password", StringComparison.Ordinal));
        Assert.Contains(run.StderrLines, line => line.StartsWith("warning: --mas-database-uri holds a password", StringComparison.Ordinal));
        Assert.All(run.StderrLines.Where(line => line.StartsWith("warning: ", StringComparison.Ordinal)),
            line => Assert.Contains("PGPASSWORD, PGPASSFILE or ~/.pgpass", line, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Password, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_uri_without_a_password_gets_no_warning_and_logs_in_with_the_password_file()
    {
        var file = _folder.Write("pgpass", $"127.0.0.1:{server.MainPort}:postgres:postgres:{server.Password}\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (exitCode, stdout, stderr) = await RunAsync(new Dictionary<string, string> { ["PGPASSFILE"] = file, ["HOME"] = _folder.Path });

        Assert.DoesNotContain("warning", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("password", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"127.0.0.1:{server.MainPort}/postgres", stdout, StringComparison.Ordinal);
        Assert.NotEqual(1, exitCode);
    }

    [Fact]
    public async Task Pgpassword_logs_in_without_a_file()
    {
        var (exitCode, stdout, stderr) = await RunAsync(new Dictionary<string, string> { ["PGPASSWORD"] = server.Password, ["HOME"] = _folder.Path });

        Assert.DoesNotContain("password", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"127.0.0.1:{server.MainPort}/postgres", stdout, StringComparison.Ordinal);
        Assert.NotEqual(1, exitCode);
    }

    [Fact]
    public async Task A_home_password_file_others_may_read_is_ignored_with_a_warning_as_libpq_does()
    {
        var file = _folder.Write(".pgpass", $"*:*:*:*:{server.Password}\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (exitCode, _, stderr) = await RunAsync(new Dictionary<string, string> { ["HOME"] = _folder.Path });

        Assert.Equal(1, exitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"warning: the password file {file} may be read by other users", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("error: Cannot read Synapse's PostgreSQL database", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(server.Password, stderr, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Dictionary<string, string> environment)
    {
        await using var process = CliProcess.Start(
            environment, "advisor", "--synapse-config", SynapseConfig,
            "--synapse-database-uri", $"postgresql://postgres@127.0.0.1:{server.MainPort}/postgres?sslmode=disable");
        return await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
    }
}
