using System.Diagnostics;

namespace Syn2Mas.Net.Tests.Infrastructure;

/// <summary>
/// Makes a folder unwritable, even for root, until disposed: the tests run as root, whom file modes do not
/// stop, so the folder gets the immutable attribute (<c>chattr +i</c>, ext4 and most Linux file systems).
/// Creating it proves that a new file is refused, so a test never passes on a folder that was writable.
/// </summary>
public sealed class ImmutableFolder : IDisposable
{
    private readonly string _path;

    private ImmutableFolder(string path)
    {
        _path = path;
    }

    public static ImmutableFolder Make(string path)
    {
        Chattr("+i", path);
        var folder = new ImmutableFolder(path);
        try
        {
            Assert.ThrowsAny<UnauthorizedAccessException>(() => File.WriteAllText(System.IO.Path.Combine(path, "probe"), "x"));
            return folder;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    public void Dispose() => Chattr("-i", _path);

    private static void Chattr(string flag, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("chattr could not be started");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"chattr {flag} {path} failed ({process.ExitCode}): {error.Trim()}");
        }
    }
}
