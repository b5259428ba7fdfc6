namespace Syn2Mas.Net.Synapse.Checks;

/// <summary>How many rows share one problem, and the first few distinct examples in code point order.</summary>
internal sealed record ProblemSummary(long Count, IReadOnlyList<string> Examples)
{
    /// <summary>How many examples a summary keeps at most.</summary>
    public const int MaxExamples = 5;
}
