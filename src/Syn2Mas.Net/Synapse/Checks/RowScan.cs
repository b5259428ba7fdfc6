namespace Syn2Mas.Net.Synapse.Checks;

/// <summary>
/// Every row-by-row check in one scan per table: NUL characters (<see cref="RowQueries"/>), values only
/// SQLite can hold (<see cref="ValueQueries"/>) and implausible times (<see cref="TimeQueries"/>). Each
/// table is read once, not once per family, and the kinds tell the families apart.
/// </summary>
internal static class RowScan
{
    public static Task<IReadOnlyDictionary<string, ProblemSummary>> RunAsync(
        SynapseSource source, long plausibleFromMilliseconds, CancellationToken cancellationToken) =>
        ProblemRows.ScanAsync(
            source,
            [.. RowQueries.NulChecks(source), .. ValueQueries.Checks(source), .. TimeQueries.Checks(source, plausibleFromMilliseconds)],
            TimeQueries.Parameters(source),
            cancellationToken);
}
