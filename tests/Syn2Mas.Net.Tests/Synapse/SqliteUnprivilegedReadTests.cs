using System.Diagnostics;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Synapse;

/// <summary>
/// The common read-only case: the tool run as an ordinary user on Synapse's WAL file in a folder that user
/// may not write (<c>chmod 555</c>, no <c>-shm</c> yet). SQLite fails there with error 8, not the 14 of
/// <see cref="SqliteReadOnlyFolderTests"/>; both fall back to immutable with the same warning. Runs the real
/// command line as <c>nobody</c> through <c>runuser</c>, from a copy of its build that nobody may read.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SqliteUnprivilegedReadTests
{
    private static void CopyCli(string target)
    {
        var source = AppContext.BaseDirectory;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var name = Path.GetFileName(file);
            if (name.EndsWith(".dll", StringComparison.Ordinal) && !relative.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || name.StartsWith("syn2mas-net.", StringComparison.Ordinal)
                || relative.StartsWith("runtimes", StringComparison.Ordinal))
            {
                var copy = Path.Combine(target, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsNobodyAsync(string dll, params string[] args)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo("runuser") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-u", "nobody", "--", "env", "HOME=/tmp", "DOTNET_CLI_HOME=/tmp", "NO_COLOR=1", host, dll }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("runuser could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// The CLI copied for nobody, Synapse's file (WAL, one user with an email) in <c>data</c>, and a config
    /// naming it; everything readable by all, nothing writable by nobody.
    /// </summary>
    private static (string Dll, string Data, string Config) Prepare(TempFolder folder)
    {
        var cli = Path.Combine(folder.Path, "cli");
        CopyCli(cli);
        var data = Path.Combine(folder.Path, "data");
        Directory.CreateDirectory(data);
        using (var database = SqliteTestDatabase.Create(RepoPaths.Fixture("synapse", "sqlite", "schema-94.sql")))
        {
            database.Execute("""
                INSERT INTO users (name, creation_ts) VALUES ('@alice:example.com', 1600000000);
                INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES ('@alice:example.com', 'email', 'alice@example.com', 1, 1);
                """);
            File.Copy(database.Path, Path.Combine(data, "homeserver.db"));
        }

        var config = folder.Write("homeserver.yaml", $"""
            server_name: example.com
            database:
              name: sqlite3
              args:
                database: {Path.Combine(data, "homeserver.db")}
            """);
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder.Path, "*", SearchOption.AllDirectories).Append(folder.Path))
        {
            File.SetUnixFileMode(entry, Directory.Exists(entry) ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
        }

        for (var parent = Path.GetDirectoryName(folder.Path); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            Assert.True(File.GetUnixFileMode(parent).HasFlag(UnixFileMode.OtherExecute), $"{parent} must be searchable by nobody");
        }

        return (Path.Combine(cli, "syn2mas-net.dll"), data, config);
    }

    [Fact]
    public async Task As_an_ordinary_user_a_wal_file_in_a_folder_without_write_permission_is_read_immutable_with_the_warning()
    {
        using var folder = new TempFolder();
        var (dll, data, config) = Prepare(folder);
        File.SetUnixFileMode(data, (UnixFileMode)0b101_101_101);

        var (exitCode, stdout, stderr) = await RunAsNobodyAsync(dll, "advisor", "--synapse-config", config);

        Assert.True(exitCode == 11, stdout + stderr);
        Assert.Contains($"warning synapse-sqlite-immutable: SQLite {Path.Combine(data, "homeserver.db")} is in a folder this tool cannot write its -shm file to", stdout, StringComparison.Ordinal);
        Assert.Contains("users           1: 1 normal", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("synapse-running", stdout, StringComparison.Ordinal);
        Assert.Equal(["homeserver.db"], Directory.GetFiles(data).Select(Path.GetFileName));
        Assert.Empty(stderr);
    }

    /// <summary>
    /// nobody may not look at root's open files, but the kernel's lock table shows every process's locks:
    /// a Synapse of another user with the WAL file open is still seen.
    /// </summary>
    [Fact]
    public async Task As_an_ordinary_user_a_synapse_of_another_user_is_seen_through_its_locks()
    {
        using var folder = new TempFolder();
        var (dll, data, config) = Prepare(folder);
        using var synapse = SqliteHolder.Open(Path.Combine(data, "homeserver.db"));

        var (exitCode, stdout, stderr) = await RunAsNobodyAsync(dll, "advisor", "--synapse-config", config);

        Assert.True(exitCode == 11, stdout + stderr);
        Assert.Contains(
            $"warning synapse-running [1]: 1 other process has Synapse's database SQLite {Path.Combine(data, "homeserver.db")} open: python3 (pid {synapse.Pid}); ",
            stdout,
            StringComparison.Ordinal);
        Assert.Contains("users           1: 1 normal", stdout, StringComparison.Ordinal);
        Assert.Empty(stderr);
    }
}
