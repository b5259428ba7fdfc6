using System.Diagnostics;

namespace Syn2Mas.Net.Tests.Infrastructure;

/// <summary>
/// Another process with a SQLite database open, as a running Synapse has it: a <c>python3</c> child (its
/// standard <c>sqlite3</c> module is the same C library Synapse uses) that opens the file, reads once and
/// then sits idle until disposed. <c>scripts/test-env.sh</c> installs python3 where it is missing.
/// </summary>
internal sealed class SqliteHolder : IDisposable
{
    private const string Script = """
        import sqlite3, sys
        connection = sqlite3.connect(sys.argv[1], isolation_level=None)
        mode = connection.execute("PRAGMA journal_mode=" + sys.argv[2]).fetchone()[0]
        connection.execute("SELECT count(*) FROM users").fetchall()
        print("open " + mode, flush=True)
        sys.stdin.read()
        """;

    private readonly Process _process;

    private SqliteHolder(Process process, string journalMode)
    {
        _process = process;
        JournalMode = journalMode;
    }

    public int Pid => _process.Id;

    /// <summary>The journal mode the file is in while held, as SQLite reported it.</summary>
    public string JournalMode { get; }

    /// <param name="journalMode"><c>wal</c>, as Synapse leaves its file, or <c>delete</c>, the rollback journal.</param>
    public static SqliteHolder Open(string path, string journalMode = "wal")
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(path);
        start.ArgumentList.Add(journalMode);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("These tests need python3 (bash scripts/test.sh installs it on Debian).", exception);
        }

        var line = process.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith("open ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"python3 did not open {path}: {line}");
        }

        return new SqliteHolder(process, line["open ".Length..]);
    }

    public void Dispose()
    {
        // Closing stdin ends the script, which closes its connection the way a stopped Synapse would.
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
