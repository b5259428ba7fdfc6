namespace Syn2Mas.Net.Verification;

/// <summary>Counts one kind of difference and keeps the first distinct user ids and every column named.</summary>
internal sealed class DifferenceTally
{
    private readonly List<string> _examples = [];
    private readonly SortedSet<string> _columns = new(StringComparer.Ordinal);

    public long Count { get; private set; }

    public void Add(string? userId, IReadOnlyList<string> columns)
    {
        Count++;
        if (userId is not null && _examples.Count < DifferenceCount.MaxExamples && !_examples.Contains(userId))
        {
            _examples.Add(userId);
        }

        _columns.UnionWith(columns);
    }

    public DifferenceCount ToCount() => Count == 0 ? DifferenceCount.None : new(Count, _examples, _columns.Count == 0 ? null : [.. _columns]);
}
