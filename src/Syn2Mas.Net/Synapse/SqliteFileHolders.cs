using System.Globalization;

namespace Syn2Mas.Net.Synapse;

/// <summary>
/// Finds the other processes that have a SQLite database open, without opening it or taking a lock, in two
/// ways that cover each other's gaps (Linux only; elsewhere nothing is found):
/// <list type="bullet">
/// <item>The kernel's lock table (<c>/proc/locks</c>): in WAL mode, which Synapse uses, every open connection
/// holds a shared POSIX lock on the database file and on its <c>-shm</c> file for as long as it is open,
/// busy or idle. This sees processes of every user, but only those visible in this PID namespace.</item>
/// <item>Open file handles (<c>/proc/PID/fd</c>): the only trace of an idle connection in rollback-journal
/// mode, which holds no lock between transactions. Only the processes this user may inspect are seen: all
/// of them as root, one's own otherwise.</item>
/// </list>
/// A Synapse in another container that shares only the file's volume is therefore not seen.
/// </summary>
internal static class SqliteFileHolders
{
    private static readonly string[] Companions = ["", "-wal", "-shm", "-journal"];

    /// <summary>One description per other process, e.g. <c>python3 (pid 4242)</c>, in pid order.</summary>
    public static IReadOnlyList<string> Find(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var full = Path.GetFullPath(path);
        var own = Environment.ProcessId;
        var pids = new SortedSet<int>();
        pids.UnionWith(LockHolders(full).Where(pid => pid != own));
        pids.UnionWith(HandleHolders(full).Where(pid => pid != own));
        return pids.Select(Describe).ToList();
    }

    private static List<int> LockHolders(string full)
    {
        var keys = Companions.Select(suffix => FileIdentity.Of(full + suffix)).OfType<FileIdentity>().Select(identity => identity.ProcLocksKey).ToHashSet(StringComparer.Ordinal);
        var holders = new List<int>();
        if (keys.Count == 0)
        {
            return holders;
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines("/proc/locks");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return holders;
        }

        // "1: POSIX  ADVISORY  READ 4242 fe:00:11658388 128 128"; a blocked waiter's line has "->" in front.
        foreach (var line in lines)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(field => field != "->").ToArray();
            if (fields.Length >= 6 && keys.Contains(fields[5]) && int.TryParse(fields[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                holders.Add(pid);
            }
        }

        return holders;
    }

    private static IEnumerable<int> HandleHolders(string full)
    {
        var targets = Companions.Select(suffix => full + suffix).ToHashSet(StringComparer.Ordinal);
        IEnumerable<string> processes;
        try
        {
            processes = Directory.EnumerateDirectories("/proc").ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var process in processes)
        {
            if (int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && HasOpen(process, targets))
            {
                yield return pid;
            }
        }
    }

    private static bool HasOpen(string process, HashSet<string> targets)
    {
        try
        {
            foreach (var handle in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
            {
                if (new FileInfo(handle).LinkTarget is { } target && targets.Contains(target))
                {
                    return true;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Another user's process, or one that just ended.
        }

        return false;
    }

    private static string Describe(int pid)
    {
        if (pid <= 0)
        {
            return "a process outside this PID namespace";
        }

        try
        {
            return FormattableString.Invariant($"{File.ReadAllText($"/proc/{pid}/comm").Trim()} (pid {pid})");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return FormattableString.Invariant($"pid {pid}");
        }
    }
}
