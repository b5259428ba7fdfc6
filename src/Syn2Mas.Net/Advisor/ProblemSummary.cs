namespace Syn2Mas.Net.Advisor;

/// <summary>How many rows share one problem, and the first few distinct examples in code point order.</summary>
internal sealed record ProblemSummary(long Count, IReadOnlyList<string> Examples);
