namespace Syn2Mas.Net.Migration;

/// <summary>One MAS table's line of the summary: Synapse rows read for it, rows written, rows skipped by reason, time.</summary>
/// <param name="SourceTable">The Synapse table the rows come from.</param>
public sealed record TableSummary(
    string Table,
    string SourceTable,
    long Read,
    long Written,
    IReadOnlyList<SkippedRows> Skipped,
    double Seconds)
{
    public long SkippedTotal => Skipped.Sum(skip => skip.Count);
}
