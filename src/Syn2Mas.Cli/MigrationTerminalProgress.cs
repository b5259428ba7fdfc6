using Spectre.Console;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Migration;
using Syn2Mas.Net.Reporting;

namespace Syn2Mas.Cli;

/// <summary>
/// Live progress on a terminal: one bar per MAS table (its total is an estimate from Synapse's statistics,
/// so it can overshoot) and a line for the current phase, e.g. the index being rebuilt.
/// </summary>
public sealed class MigrationTerminalProgress : IProgress<MigrationProgress>
{
    private readonly Dictionary<string, ProgressTask> _tables;
    private readonly ProgressTask _phase;
    private ProgressTask? _current;

    private MigrationTerminalProgress(ProgressContext context)
    {
        _phase = context.AddTask("starting", maxValue: 1);
        _phase.IsIndeterminate = true;
        _tables = MasSchema.WrittenTables.ToDictionary(
            table => table.Name,
            table => context.AddTask(table.Name, autoStart: false, maxValue: 1),
            StringComparer.Ordinal);
    }

    public static async Task<T> RunAsync<T>(Func<IProgress<MigrationProgress>, Task<T>> work) =>
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(context => work(new MigrationTerminalProgress(context)));

    public void Report(MigrationProgress value)
    {
        _phase.Description = Markup.Escape(PrintableText.Escape(value.Detail));
        if (value.Phase == MigrationPhase.Copying && value.Table is not null && _tables.TryGetValue(value.Table, out var task))
        {
            if (!ReferenceEquals(task, _current))
            {
                Complete(_current);
                _current = task;
                task.StartTask();
            }

            task.MaxValue = Math.Max(1, Math.Max(value.EstimatedRows, value.Rows));
            task.Value = value.Rows;
        }
        else if (value.Phase != MigrationPhase.Copying)
        {
            Complete(_current);
            _current = null;
        }

        if (value.Phase == MigrationPhase.Done)
        {
            _phase.IsIndeterminate = false;
            _phase.Value = _phase.MaxValue;
            _phase.StopTask();
        }
    }

    private static void Complete(ProgressTask? task)
    {
        if (task is not null)
        {
            task.MaxValue = Math.Max(1, task.Value);
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
