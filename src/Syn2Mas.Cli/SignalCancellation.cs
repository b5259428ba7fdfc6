using System.Runtime.InteropServices;

namespace Syn2Mas.Cli;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM as a cancellation: the first one asks the running phase to stop, so that it
/// can roll MAS back and say so in one line; a second one ends the process at once, the way it would have
/// without this (PostgreSQL then rolls back the open transaction by itself).
/// </summary>
public sealed class SignalCancellation : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signal;

    public SignalCancellation()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    public CancellationToken Token => _cancellation.Token;

    /// <summary>The exit code for <paramref name="code"/>: a cancel caused by SIGTERM exits 143, by SIGINT 130.</summary>
    public int ExitCode(int code) =>
        code == ExitCodes.Cancelled && Volatile.Read(ref _signal) == (int)PosixSignal.SIGTERM ? ExitCodes.Terminated : code;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancellation.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.CompareExchange(ref _signal, (int)context.Signal, 0) != 0)
        {
            // The second signal: let it end the process.
            return;
        }

        context.Cancel = true;
        _cancellation.Cancel();
    }
}
