namespace Syn2Mas.Net.Migration;

/// <summary>How many rows one reason skipped, with the first few user ids (never a secret).</summary>
public sealed record SkippedRows(string Reason, long Count, IReadOnlyList<string> Examples)
{
    public const int MaxExamples = 20;
}
