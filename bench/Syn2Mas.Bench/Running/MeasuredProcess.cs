using System.Diagnostics;
using System.Globalization;

namespace Syn2Mas.Bench.Running;

/// <summary>
/// Runs one child process to its end with its output in a log file, and measures it from the outside:
/// wall time, peak resident memory and CPU time. The peak is the kernel's own high-water mark
/// (<c>VmHWM</c> in <c>/proc/PID/status</c>), read every few milliseconds while the child lives; a
/// high-water mark only grows, so polling misses at most the last interval before exit. The CPU time
/// comes from <c>getrusage(RUSAGE_CHILDREN)</c> before and after (<see cref="ChildUsage"/>).
/// </summary>
/// <remarks>
/// getrusage's <c>ru_maxrss</c> is no use for the peak: the kernel keeps, across <c>exec</c>, the
/// high-water mark of the forked copy of this process, so a child of a large benchmark process would
/// look as large as its parent. <c>VmHWM</c> belongs to the new program's memory only.
/// </remarks>
internal static class MeasuredProcess
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public static async Task<ProcessSample> RunAsync(string fileName, IReadOnlyList<string> arguments, string logPath, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        await using var log = new StreamWriter(logPath, append: false);
        var gate = new Lock();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => Append(log, gate, line.Data, "");
        process.ErrorDataReceived += (_, line) => Append(log, gate, line.Data, "stderr: ");

        var before = ChildUsage.Read();
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long peak = 0;
        try
        {
            var exited = process.WaitForExitAsync(cancellationToken);
            while (!exited.IsCompleted)
            {
                peak = Math.Max(peak, ReadHighWaterMark(process.Id));
                await Task.WhenAny(exited, Task.Delay(PollInterval, cancellationToken));
            }

            await exited;
        }
        catch (OperationCanceledException)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            // Lets the last output lines reach the log before it is closed.
            process.WaitForExit();
            throw;
        }

        var wall = clock.Elapsed.TotalSeconds;
        var after = ChildUsage.Read();
        return new ProcessSample(
            process.ExitCode,
            wall,
            peak,
            after.UserSeconds - before.UserSeconds,
            after.SystemSeconds - before.SystemSeconds);
    }

    private static void Append(StreamWriter log, Lock gate, string? line, string prefix)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            log.WriteLine(prefix + line);
        }
    }

    /// <summary>VmHWM in bytes; 0 once the process is gone or a zombie (its memory is already released).</summary>
    private static long ReadHighWaterMark(int processId)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{processId}/status");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        foreach (var line in lines)
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var value = line["VmHWM:".Length..].Trim();
                var kibibytes = value.EndsWith(" kB", StringComparison.Ordinal) ? value[..^3].Trim() : value;
                return long.Parse(kibibytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
