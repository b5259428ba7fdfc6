using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// Counts problem rows and picks examples for several problems in one statement, so that each family of
/// checks reads its tables once instead of once per problem and once more for the examples.
/// </summary>
internal static class ProblemRows
{
    /// <summary>
    /// Runs <paramref name="problems"/>, a query yielding <c>kind</c> (which problem) and <c>example</c> (the
    /// user id to show) for every problem row, and returns per kind the row count and up to
    /// <see cref="Finding.MaxExamples"/> distinct examples, NULL first. Kinds without rows are absent.
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
            SELECT kind, example, total
            FROM (
                SELECT kind, example,
                       count(*) OVER (PARTITION BY kind) AS total,
                       dense_rank() OVER (PARTITION BY kind ORDER BY {order}) AS example_rank
                FROM ({problems}) AS problems
            ) AS ranked
            WHERE example_rank <= {Finding.MaxExamples}
            ORDER BY kind, {order}
            """;
        var rows = await source.QueryAsync<(string Kind, string? Example, long Total)>(sql, parameters, cancellationToken);

        var summaries = new Dictionary<string, ProblemSummary>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(row => row.Kind, StringComparer.Ordinal))
        {
            var examples = group.Select(row => ExampleText.Of(row.Example)).Distinct(StringComparer.Ordinal).ToList();
            summaries[group.Key] = new ProblemSummary(group.First().Total, examples);
        }

        return summaries;
    }
}
