using Syn2Mas.Net.Synapse.Checks;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// One thing the advisor found. <paramref name="Examples"/> are user ids (or provider ids), never secrets.
/// </summary>
/// <param name="Code">A stable kebab-case code from <see cref="FindingCatalog"/>.</param>
/// <param name="Message">One line an admin can act on.</param>
/// <param name="Count">How many rows or users are concerned, where that helps.</param>
public sealed record Finding(string Code, Severity Severity, string Message, long? Count = null, IReadOnlyList<string>? Examples = null)
{
    public const int MaxExamples = ProblemSummary.MaxExamples;

    public IReadOnlyList<string> Examples { get; init; } = Examples ?? [];
}
