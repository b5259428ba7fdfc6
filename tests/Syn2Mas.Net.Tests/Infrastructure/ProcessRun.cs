using System.Diagnostics;

namespace Syn2Mas.Net.Tests.Infrastructure;

/// <summary>A finished child process (docker, git, bash, dotnet): its exit code and what it printed.</summary>
public sealed record ProcessRun(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Both streams, for assertion messages.</summary>
    public string Output => $"$ {Command}\nexit {ExitCode}\n{Stdout}\n{Stderr}";

    /// <summary>
    /// Runs <paramref name="fileName"/> to its end with stdin closed. <paramref name="limit"/> only keeps a hung
    /// child from hanging the suite: the child is killed and the run fails, it measures nothing.
    /// </summary>
    public static async Task<ProcessRun> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan limit, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var command = string.Join(' ', [fileName, .. start.ArgumentList]);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} could not be started");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` had not finished after {limit.TotalMinutes:0} minutes and was killed");
        }

        return new ProcessRun(command, process.ExitCode, await stdout, await stderr);
    }
}
