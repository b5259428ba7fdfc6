namespace Syn2Mas.Net.Tests.Infrastructure;

/// <summary>
/// Keeps every reported value, synchronously and in order. <see cref="Progress{T}"/> posts its reports
/// to the thread pool, so a test reading them right after the call could miss some.
/// </summary>
public sealed class RecordingProgress<T> : IProgress<T>
{
    private readonly List<T> _reports = [];

    public IReadOnlyList<T> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(T value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}
