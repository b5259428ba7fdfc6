using System.Diagnostics;
using System.Globalization;

namespace Syn2Mas.Bench.Generation;

/// <summary>
/// Progress lines on the error stream every few seconds, so that stdout carries only the closing summary
/// a benchmark runner reads. Checked between blocks rather than from a timer: no second thread touches
/// the generator.
/// </summary>
internal sealed class ProgressReporter(TextWriter error, long users)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastReport;
    private TimeSpan _phaseStart;
    private string? _phase;

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Phase(string name)
    {
        EndPhase();
        _phase = name;
        _phaseStart = _clock.Elapsed;
        Write($"{name}…");
    }

    public void EndPhase()
    {
        if (_phase is not null)
        {
            Write($"{_phase}: done in {(_clock.Elapsed - _phaseStart).TotalSeconds:F1} s");
            _phase = null;
        }
    }

    public void Rows(long usersDone, long rows, bool force = false)
    {
        var now = _clock.Elapsed;
        if (!force && now - _lastReport < Interval)
        {
            return;
        }

        _lastReport = now;
        var seconds = Math.Max((now - _phaseStart).TotalSeconds, 0.001);
        Write($"{usersDone:N0} / {users:N0} users ({100.0 * usersDone / users:F1} %), {rows:N0} rows, {usersDone / seconds:N0} users/s");
    }

    private void Write(string message) =>
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,7:F1} s] {message}"));
}
