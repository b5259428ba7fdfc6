namespace Syn2Mas.Net.Tests.Migration;

/// <summary>A Synapse row that blocks the migration unless its skip option is given.</summary>
/// <param name="Option">The option that skips it.</param>
/// <param name="Rows">The SQL that adds it, in both dialects.</param>
/// <param name="Finding">The start of the checks' line that blocks the migration without the option.</param>
/// <param name="Table">The MAS table whose report entry counts the skipped row.</param>
/// <param name="Skipped">That entry: <c>reason count: example users</c>.</param>
/// <param name="AbsentSql">Counts in MAS what the skipped row would have become: 0.</param>
internal sealed record SkipProblem(string Option, string Rows, string Finding, string Table, string Skipped, string AbsentSql);
