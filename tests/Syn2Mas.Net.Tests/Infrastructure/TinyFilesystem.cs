using System.Diagnostics;

namespace Syn2Mas.Net.Tests.Infrastructure;

/// <summary>
/// A real filesystem of a few hundred kilobytes (a tmpfs mounted for the test; the tests run as root in
/// CI's container), to fill up for real: unmounted and removed on dispose.
/// </summary>
public sealed class TinyFilesystem : IDisposable
{
    private readonly TempFolder _folder = new();

    private TinyFilesystem()
    {
    }

    public string Path => _folder.Path;

    public static TinyFilesystem Mount(string size)
    {
        var filesystem = new TinyFilesystem();
        var (exitCode, error) = Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", filesystem.Path);
        if (exitCode != 0)
        {
            filesystem._folder.Dispose();
            throw new InvalidOperationException($"mount -t tmpfs failed ({exitCode}: {error}): this test needs root (CAP_SYS_ADMIN), as CI's container has.");
        }

        return filesystem;
    }

    public void Dispose()
    {
        Run("umount", Path);
        _folder.Dispose();
    }

    private static (int ExitCode, string Error) Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"{program} could not be started");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error.Trim());
    }
}
