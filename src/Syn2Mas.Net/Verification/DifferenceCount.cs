namespace Syn2Mas.Net.Verification;

/// <summary>How many rows of one MAS table differ in one way, with the first user ids (never a secret).</summary>
/// <param name="Columns">For rows that are different: every column that differed in any of them.</param>
public sealed record DifferenceCount(long Count, IReadOnlyList<string> Examples, IReadOnlyList<string>? Columns = null)
{
    public const int MaxExamples = 20;

    public static DifferenceCount None { get; } = new(0, []);
}
