using System.Diagnostics;
using System.Globalization;
using Syn2Mas.Net.Migration;

namespace Syn2Mas.Cli;

/// <summary>
/// Progress for logs and pipes: a line whenever the phase or the table changes, and otherwise at most one
/// every five seconds, so a long copy shows it is alive without flooding a CI log.
/// </summary>
public sealed class MigrationLogProgress(TextWriter output) : IProgress<MigrationProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private TimeSpan _lastLine = TimeSpan.MinValue;
    private string? _lastStep;

    public void Report(MigrationProgress value)
    {
        lock (_gate)
        {
            // Copying changes step per table; rebuilding reports every index, which would flood a log.
            var step = value.Phase switch
            {
                MigrationPhase.Copying => $"{value.Phase}/{value.Table}",
                MigrationPhase.Rebuilding => value.Phase.ToString(),
                _ => $"{value.Phase}/{value.Detail}",
            };
            var now = _clock.Elapsed;
            if (step == _lastStep && now - _lastLine < Interval)
            {
                return;
            }

            _lastStep = step;
            _lastLine = now;
            var rows = value.Phase == MigrationPhase.Copying && value.Table is not null
                ? string.Create(CultureInfo.InvariantCulture, $"copying {value.Table}: {value.Rows:N0}{(value.EstimatedRows > 0 ? $" of about {value.EstimatedRows:N0}" : "")} rows")
                : value.Detail;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{now.TotalSeconds,7:F1} s] {rows}"));
        }
    }
}
