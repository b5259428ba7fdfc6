using Syn2Mas.Net.Reporting;

namespace Syn2Mas.Net.Synapse.Checks;

/// <summary>
/// Counts problem rows and picks examples for several problems in one statement, so that each family of
/// checks reads its tables once instead of once per problem and once more for the examples.
/// </summary>
internal static class ProblemRows
{
    /// <summary>
    /// Runs <paramref name="problems"/>, a query yielding <c>kind</c> (which problem) and <c>example</c> (the
    /// user id to show) for every problem row, and returns per kind the row count and up to
    /// <see cref="ProblemSummary.MaxExamples"/> distinct examples, NULL first. Kinds without rows are absent.
    /// </summary>
    public static Task<IReadOnlyDictionary<string, ProblemSummary>> QueryAsync(
        SynapseSource source, string problems, object? parameters, CancellationToken cancellationToken) =>
        QueryAsync(source, with: null, problems, parameters, cancellationToken);

    /// <inheritdoc cref="QueryAsync(SynapseSource, string, object?, CancellationToken)"/>
    /// <param name="with">Common table expressions that <paramref name="problems"/> reads, without the WITH keyword.</param>
    public static async Task<IReadOnlyDictionary<string, ProblemSummary>> QueryAsync(
        SynapseSource source, string? with, string problems, object? parameters, CancellationToken cancellationToken)
    {
        // dense_rank rather than row_number: one user often owns several problem rows, and the examples
        // should be five different users.
        var order = $"{source.ByteOrder("example")} NULLS FIRST";
        var sql = $"""
            {(with is null ? "" : "WITH " + with)}
            SELECT kind, example, {(source.Dialect == SynapseDialect.Sqlite ? "CAST(example AS BLOB)" : "NULL")} AS bytes, total
            FROM (
                SELECT kind, example,
                       count(*) OVER (PARTITION BY kind) AS total,
                       dense_rank() OVER (PARTITION BY kind ORDER BY {order}) AS example_rank
                FROM ({problems}) AS problems
            ) AS ranked
            WHERE example_rank <= {ProblemSummary.MaxExamples}
            ORDER BY kind, {order}
            """;

        var rows = await source.QueryAsync<(string Kind, string? Example, byte[]? Bytes, long Total)>(sql, parameters, cancellationToken);
        var summaries = new Dictionary<string, ProblemSummary>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(row => row.Kind, StringComparer.Ordinal))
        {
            // As stored (SynapseText): an example that is not UTF-8 is shown by its bytes, not as U+FFFD.
            var examples = group
                .Select(row => ExampleText.Of(row.Bytes is not null && row.Example!.Contains('\uFFFD', StringComparison.Ordinal) ? SynapseText.Decode(row.Bytes) : row.Example))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            summaries[group.Key] = new ProblemSummary(group.First().Total, examples);
        }

        return summaries;
    }

    /// <summary>
    /// Runs row-by-row checks with one scan per table, however many checks look at it: the rows where any
    /// condition of their table holds are set aside once (few, as a rule), and only they are split by kind.
    /// </summary>
    public static Task<IReadOnlyDictionary<string, ProblemSummary>> ScanAsync(
        SynapseSource source, IReadOnlyCollection<RowCheck> checks, object? parameters, CancellationToken cancellationToken)
    {
        if (checks.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, ProblemSummary>>(new Dictionary<string, ProblemSummary>());
        }

        var tables = checks.GroupBy(check => check.Table, StringComparer.Ordinal).ToList();
        var candidates = tables.Select((table, index) => $"""
            scan_{index} AS MATERIALIZED (
                SELECT * FROM {table.Key}
                WHERE {string.Join("\n   OR ", table.Select(check => $"({check.Condition})"))})
            """);
        var perKind = tables.SelectMany((table, index) => table.Select(check =>
            $"SELECT '{check.Kind}' AS kind, {check.Example} AS example FROM scan_{index} WHERE {check.Condition}"));
        return QueryAsync(source, string.Join(",\n", candidates), string.Join("\nUNION ALL\n", perKind), parameters, cancellationToken);
    }
}
