namespace Syn2Mas.Net.Synapse.Checks;

/// <summary>
/// One kind of problem row of one table for <see cref="ProblemRows.ScanAsync"/>: the rows where
/// <paramref name="Condition"/> holds, each shown as <paramref name="Example"/> (an expression on the row).
/// </summary>
internal sealed record RowCheck(string Table, string Kind, string Condition, string Example);
