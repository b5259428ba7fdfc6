using System.Globalization;
using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// Times that cannot be right, in every time column the migration reads (<see cref="SynapseTime"/> gives
/// the policy): one finding per column, each example with its value, what is wrong and the likely reading.
/// </summary>
internal static class TimeChecks
{
    /// <summary>
    /// The time columns, with the column naming the owner, whether they count seconds, and whether they are
    /// expiries (which may lie in the future, and are compared as stored rather than treated as missing).
    /// </summary>
    private static readonly (string Table, string Column, string Owner, bool InSeconds, bool Expiry)[] Columns =
    [
        ("users", "creation_ts", "name", true, false),
        ("user_threepids", "added_at", "user_id", false, false),
        ("devices", "last_seen", "user_id", false, false),
        ("access_tokens", "last_validated", "user_id", false, false),
        ("access_tokens", "valid_until_ms", "user_id", false, true),
        ("refresh_tokens", "expiry_ts", "user_id", false, true),
        ("refresh_tokens", "ultimate_session_expiry_ts", "user_id", false, true),
    ];

    public static async Task<IReadOnlyList<Finding>> RunAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        var snapshot = source.SnapshotTime;
        var columns = Columns.Where(entry => source.Schema.HasColumn(entry.Table, entry.Column)).ToList();

        // A value is shown beside its owner, so the owners sort the examples; text in a number column is
        // not-a-number's business, not this one's.
        var problems = await ProblemRows.QueryAsync(source, string.Join("\nUNION ALL\n", columns.Select(entry =>
        {
            var floor = entry.InSeconds ? SynapseTime.PlausibleFrom / 1000 : SynapseTime.PlausibleFrom;
            var ceiling = entry.Expiry ? "" : $" OR {entry.Column} > {(entry.InSeconds ? "@nowSeconds" : "@nowMilliseconds")}";
            return $"""
                SELECT '{entry.Table}.{entry.Column}' AS kind, {entry.Owner} || ' ' || CAST({entry.Column} AS TEXT) AS example FROM {entry.Table}
                WHERE {entry.Column} IS NOT NULL AND NOT {source.NotAnInteger(entry.Column)}{(entry.Table == "users" ? " AND appservice_id IS NULL" : "")}
                  AND ({entry.Column} < {floor.ToString(CultureInfo.InvariantCulture)}{ceiling})
                """;
        })), new { nowSeconds = snapshot.ToUnixTimeSeconds(), nowMilliseconds = snapshot.ToUnixTimeMilliseconds() }, cancellationToken);

        var findings = new List<Finding>();
        foreach (var entry in columns)
        {
            if (!problems.TryGetValue($"{entry.Table}.{entry.Column}", out var summary))
            {
                continue;
            }

            var consequence = entry.Expiry
                ? "compared as stored, as Synapse compares them, so such a token counts as expired"
                : entry.Column == "last_seen"
                    ? "migrated as missing (no last activity)"
                    : "migrated as missing: the row is dated at the migration's snapshot time";
            findings.Add(FindingCatalog.ImplausibleTimes.Report(
                $"{Quantity.Of(summary.Count, "row", "rows")} with a {entry.Table}.{entry.Column} that cannot be right ({(entry.InSeconds ? "seconds" : "milliseconds")}; before 1973"
                + (entry.Expiry ? "" : " or in the future") + $"): {consequence}; correct them in Synapse (the examples give the likely reading) or accept this",
                summary.Count,
                summary.Examples.Select(example => Describe(example, entry.InSeconds, snapshot)).ToList()));
        }

        return findings;
    }

    /// <summary>"@alice:example.com 1600000000000" as "@alice:example.com: 1600000000000, in the future (milliseconds?), likely as milliseconds: 2020-09-13T12:26:40Z".</summary>
    private static string Describe(string example, bool inSeconds, DateTimeOffset snapshot)
    {
        var space = example.LastIndexOf(' ');
        if (space < 0 || !long.TryParse(example.AsSpan(space + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return example;
        }

        var reading = SynapseTime.LikelyReading(value, inSeconds, snapshot);
        return $"{example[..space]}: {value.ToString(CultureInfo.InvariantCulture)}, {SynapseTime.Problem(value, inSeconds, snapshot)}"
            + (reading is null ? "" : $", likely {reading}");
    }
}
