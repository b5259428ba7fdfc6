using System.Text.Json;
using Syn2Mas.Net.Migration;

namespace Syn2Mas.Cli;

/// <summary>
/// A fault-injection point for tests of what the migration does when it is interrupted: with
/// <c>SYN2MAS_NET_PAUSE_AT</c> set to a step, the migration stops at the first progress event of that step,
/// prints <c>paused at STEP</c> and waits for a line on stdin (or its end, or a signal) before it goes on.
/// Steps: <c>checking</c>, <c>preparing</c>, <c>copying:TABLE</c> (its COPY has begun), <c>rebuilding</c>,
/// <c>committing</c> (COMMIT not sent yet), <c>done</c> (committed or rolled back). Unset, nothing changes.
/// </summary>
public sealed class PauseAtStep(IProgress<MigrationProgress> inner, string step, TextWriter output, CancellationToken cancellationToken)
    : IProgress<MigrationProgress>
{
    public const string Variable = "SYN2MAS_NET_PAUSE_AT";

    private bool _paused;

    /// <summary><paramref name="progress"/> with a pause when <see cref="Variable"/> names a step, else itself.</summary>
    public static IProgress<MigrationProgress> Wrap(IProgress<MigrationProgress> progress, TextWriter output, CancellationToken cancellationToken) =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } step ? new PauseAtStep(progress, step, output, cancellationToken) : progress;

    /// <summary>The name of the step an event belongs to, e.g. <c>copying:users</c>.</summary>
    public static string StepOf(MigrationProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var phase = JsonNamingPolicy.KebabCaseLower.ConvertName(value.Phase.ToString());
        return value.Table is null ? phase : $"{phase}:{value.Table}";
    }

    public void Report(MigrationProgress value)
    {
        inner.Report(value);
        if (_paused || StepOf(value) != step)
        {
            return;
        }

        _paused = true;
        output.WriteLine($"paused at {step}");
        output.Flush();
        var line = Task.Run(Console.In.ReadLine, CancellationToken.None);
        try
        {
            line.Wait(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A signal ends the pause; the step that follows notices the cancel, or ignores it after a commit.
        }
    }
}
