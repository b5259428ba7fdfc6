using System.Diagnostics;
using System.Text;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// The real command line as a child process (<c>dotnet syn2mas-net.dll …</c>, the build the test project
/// references and copies beside itself), with stdout piped so that it logs a line per step, and a way to
/// kill it the hard way at a chosen line.
/// </summary>
internal sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly Task<string> _stderr;

    private CliProcess(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    /// <summary>Everything read from stdout so far.</summary>
    public string Stdout => _stdout.ToString();

    public static CliProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <param name="environment">Variables set for the child on top of this process's own.</param>
    public static CliProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "syn2mas-net.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: the test project references Syn2Mas.Cli, whose build should be copied beside the tests.");
        }

        // The SDK tells the processes it starts which dotnet runs them; outside it, the one on PATH.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        // Through env, which restores SIGINT's default action: a test run started in the background of a
        // shell has SIGINT ignored, its children inherit that, and .NET leaves an inherited ignore alone.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add(host);
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new CliProcess(Process.Start(start) ?? throw new InvalidOperationException($"{host} {dll} could not be started"));
    }

    /// <summary>Reads stdout until a line contains <paramref name="text"/>; fails when the process ends or the time runs out first.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            string? line;
            try
            {
                line = await _process.StandardOutput.ReadLineAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no line with \"{text}\" within {timeout.TotalSeconds:0} s; stdout so far:\n{Stdout}");
            }

            if (line is null)
            {
                await _process.WaitForExitAsync(CancellationToken.None);
                throw new InvalidOperationException(
                    $"the process exited ({_process.ExitCode}) before a line with \"{text}\"; stdout:\n{Stdout}\nstderr:\n{await _stderr}");
            }

            _stdout.AppendLine(line);
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
        }
    }

    /// <summary>Waits for the process to end by itself; its exit code and everything it wrote.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        _stdout.Append(await _process.StandardOutput.ReadToEndAsync(cancellation.Token));
        await _process.WaitForExitAsync(cancellation.Token);
        return (_process.ExitCode, Stdout, await _stderr);
    }

    /// <summary>Ends a pause of <c>SYN2MAS_NET_PAUSE_AT</c>: the line it waits for on stdin.</summary>
    public async Task ResumeAsync()
    {
        await _process.StandardInput.WriteLineAsync();
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Sends <paramref name="signal"/> (<c>INT</c>, <c>TERM</c>…) to the process, as a shell's kill would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("kill could not be started");
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>SIGKILL to the process and anything it started, then whatever it had written before dying.</summary>
    public async Task<string> KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _stdout.Append(await _process.StandardOutput.ReadToEndAsync());
        return Stdout;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
