namespace Syn2Mas.Net.Migration;

/// <summary>Counts rows by reason and keeps the first few user ids of each, for the summary and the report.</summary>
internal sealed class SkipTally
{
    private readonly Dictionary<string, (long Count, List<string> Examples)> _reasons = new(StringComparer.Ordinal);

    public void Add(string reason, string? userId)
    {
        if (!_reasons.TryGetValue(reason, out var entry))
        {
            entry = (0, []);
        }

        if (userId is not null && entry.Examples.Count < SkippedRows.MaxExamples && !entry.Examples.Contains(userId))
        {
            entry.Examples.Add(userId);
        }

        _reasons[reason] = (entry.Count + 1, entry.Examples);
    }

    public IReadOnlyList<SkippedRows> ToList() =>
        _reasons.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new SkippedRows(pair.Key, pair.Value.Count, pair.Value.Examples.Select(Reporting.ExampleText.Of).ToList()))
            .ToList();
}
