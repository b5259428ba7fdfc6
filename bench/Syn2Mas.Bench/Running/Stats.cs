namespace Syn2Mas.Bench.Running;

/// <summary>Medians: the runs share a machine with other work, and the median shrugs off one disturbed run.</summary>
internal static class Stats
{
    public static double Median<T>(IEnumerable<T> items, Func<T, double> value)
    {
        var sorted = items.Select(value).Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No value to take the median of.", nameof(items));
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
