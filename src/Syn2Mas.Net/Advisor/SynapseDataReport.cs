namespace Syn2Mas.Net.Advisor;

/// <summary>What the advisor learnt from Synapse's data.</summary>
/// <param name="Findings">Every finding, in the order the checks ran.</param>
/// <param name="Counts">
/// The table counts; null when the database is not a Synapse database or is too old to read, so that a
/// report never shows zeros that were not counted.
/// </param>
internal sealed record SynapseDataReport(IReadOnlyList<Finding> Findings, SynapseCounts? Counts)
{
    public bool HasErrors => Findings.Any(finding => finding.Severity == Severity.Error);
}
