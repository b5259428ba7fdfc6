using System.Text.Unicode;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// Values only SQLite can hold that MAS must not be given (<see cref="Mapping.InvalidValues"/>): text that is
/// not UTF-8, and text, blobs or fractions in number columns. PostgreSQL refuses both on the way in, so a
/// Synapse database there holds none and nothing is looked for.
/// </summary>
internal static class ValueChecks
{
    /// <summary>The number columns the migration reads, with the column naming the owner.</summary>
    private static readonly (string Table, string Column, string Owner)[] NumberColumns =
    [
        ("users", "creation_ts", "name"),
        ("user_threepids", "added_at", "user_id"),
        ("devices", "last_seen", "user_id"),
        ("access_tokens", "id", "user_id"),
        ("access_tokens", "valid_until_ms", "user_id"),
        ("access_tokens", "last_validated", "user_id"),
        ("access_tokens", "refresh_token_id", "user_id"),
        ("refresh_tokens", "id", "user_id"),
        ("refresh_tokens", "next_token_id", "user_id"),
        ("refresh_tokens", "expiry_ts", "user_id"),
        ("refresh_tokens", "ultimate_session_expiry_ts", "user_id"),
    ];

    /// <summary>
    /// The boolean columns the migration reads, with the column naming the owner. Synapse stores 0 and 1
    /// there; the reader turns anything else into true, which for text would be a guess.
    /// </summary>
    private static readonly (string Table, string Column, string Owner)[] BooleanColumns =
    [
        ("users", "admin", "name"),
        ("users", "is_guest", "name"),
        ("users", "deactivated", "name"),
        ("users", "locked", "name"),
        ("devices", "hidden", "user_id"),
        ("access_tokens", "used", "user_id"),
    ];

    public static async Task<IReadOnlyList<Finding>> RunAsync(
        SynapseSource source,
        IReadOnlyList<(string Table, string Column, string Owner)> textColumns,
        AdvisorOptions options,
        CancellationToken cancellationToken)
    {
        if (source.Dialect == SynapseDialect.Postgres)
        {
            return [];
        }

        var severity = AdvisorOptions.ErrorUnless(options.SkipInvalidUsers);
        var findings = new List<Finding>();
        foreach (var (column, summary) in await InvalidUtf8Async(source, textColumns, cancellationToken))
        {
            findings.Add(FindingCatalog.InvalidUtf8.Report(severity,
                $"{Quantity.Of(summary.Count, "row", "rows")} with bytes that are not UTF-8 in {column} (text from an old client or import, e.g. Latin-1); "
                + "MAS cannot store them and this tool never rewrites them; correct them in Synapse's database, or pass --skip-invalid-users to skip those rows"
                + (column == "users.name" ? " and everything their users own" : ""),
                summary.Count, summary.Examples));
        }

        var numbers = NumberColumns.Where(entry => source.Schema.HasColumn(entry.Table, entry.Column)).ToList();
        var booleans = BooleanColumns.Where(entry => source.Schema.HasColumn(entry.Table, entry.Column)).ToList();
        var problems = await ProblemRows.QueryAsync(source, string.Join("\nUNION ALL\n", numbers.Concat(booleans).Select(entry =>
            $"SELECT '{entry.Table}.{entry.Column}' AS kind, {entry.Owner} AS example FROM {entry.Table} WHERE {source.NotAnInteger(entry.Column)}")),
            null, cancellationToken);
        foreach (var entry in booleans)
        {
            if (problems.TryGetValue($"{entry.Table}.{entry.Column}", out var summary))
            {
                // Not skippable: the mapper has no value to skip on, so the data is corrected first.
                findings.Add(FindingCatalog.NotABoolean.Report(
                    $"{Quantity.Of(summary.Count, "row", "rows")} with text, a blob or a fraction in {entry.Table}.{entry.Column}, where Synapse stores 0 or 1: "
                    + "this tool will not guess what it meant; correct them in Synapse's database (0 or 1) before migrating",
                    summary.Count, summary.Examples));
            }
        }

        foreach (var entry in numbers)
        {
            if (problems.TryGetValue($"{entry.Table}.{entry.Column}", out var summary))
            {
                findings.Add(FindingCatalog.NotANumber.Report(severity,
                    $"{Quantity.Of(summary.Count, "row", "rows")} with text, a blob or a fraction in {entry.Table}.{entry.Column}, where Synapse stores a whole number: "
                    + "read as a number it would silently become 0; correct them in Synapse's database, or pass --skip-invalid-users to skip those rows",
                    summary.Count, summary.Examples));
            }
        }

        return findings;
    }

    /// <summary>
    /// Per column, the rows whose bytes are not UTF-8. SQLite has no test for it, so the rows with any
    /// character outside printable ASCII are picked by GLOB (which every byte of 0x80 and above matches,
    /// valid or not) and streamed, and their bytes checked here: a scan per table, and few rows to check.
    /// </summary>
    private static async Task<List<(string Column, ProblemSummary Summary)>> InvalidUtf8Async(
        SynapseSource source, IReadOnlyList<(string Table, string Column, string Owner)> textColumns, CancellationToken cancellationToken)
    {
        var results = new List<(string, ProblemSummary)>();
        foreach (var table in textColumns.GroupBy(entry => (entry.Table, entry.Owner)))
        {
            var columns = table.Select(entry => entry.Column).ToList();
            await using var command = source.Connection.CreateCommand();
            command.Transaction = source.Transaction;
            command.CommandText = $"""
                SELECT CAST({table.Key.Owner} AS BLOB), {string.Join(", ", columns.Select(column => $"CAST({column} AS BLOB)"))} FROM {table.Key.Table}
                WHERE {string.Join(" OR ", columns.Select(column => $"{column} GLOB '*[^ -~]*'"))}
                """;
            var counts = new long[columns.Count];
            var examples = columns.Select(_ => new SortedSet<string>(CodePointComparer.Instance)).ToList();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    for (var index = 0; index < columns.Count; index++)
                    {
                        if (reader.IsDBNull(index + 1) || Utf8.IsValid(reader.GetFieldValue<byte[]>(index + 1)))
                        {
                            continue;
                        }

                        counts[index]++;
                        examples[index].Add(reader.IsDBNull(0) ? "NULL" : SynapseText.Decode(reader.GetFieldValue<byte[]>(0)));
                        if (examples[index].Count > Finding.MaxExamples)
                        {
                            examples[index].Remove(examples[index].Max!);
                        }
                    }
                }
            }

            for (var index = 0; index < columns.Count; index++)
            {
                if (counts[index] > 0)
                {
                    results.Add(($"{table.Key.Table}.{columns[index]}", new ProblemSummary(counts[index], examples[index].Select(ExampleText.Of).ToList())));
                }
            }
        }

        return results;
    }
}
