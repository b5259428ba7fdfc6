using Syn2Mas.Net.Synapse.Checks;

namespace Syn2Mas.Net.Advisor;

/// <summary>Turns the kinds of problem rows a query found into findings.</summary>
internal static class ProblemFindings
{
    /// <summary>
    /// Adds <paramref name="code"/>'s finding, with the rows' count and examples, when
    /// <paramref name="problems"/> holds rows of <paramref name="kind"/>; at the code's own severity unless
    /// <paramref name="severity"/> is given.
    /// </summary>
    public static void AddIfFound(
        this List<Finding> findings,
        IReadOnlyDictionary<string, ProblemSummary> problems,
        string kind,
        FindingCode code,
        Func<ProblemSummary, string> message,
        Severity? severity = null)
    {
        if (problems.TryGetValue(kind, out var summary))
        {
            findings.Add(code.Report(severity ?? code.Severity, message(summary), summary.Count, summary.Examples));
        }
    }
}
