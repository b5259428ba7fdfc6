using System.Globalization;
using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse.Checks;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// Times that cannot be right, in every time column the migration reads (<see cref="SynapseTime"/> gives
/// the policy, <see cref="TimeQueries"/> finds them): one finding per column, each example with its value,
/// what is wrong and the likely reading.
/// </summary>
internal static class TimeChecks
{
    /// <param name="problems">What <see cref="RowScan"/> found.</param>
    /// <param name="snapshot">The snapshot's time, which the examples' readings are judged against.</param>
    public static IReadOnlyList<Finding> Judge(IReadOnlyDictionary<string, ProblemSummary> problems, DateTimeOffset snapshot)
    {
        var findings = new List<Finding>();
        foreach (var entry in TimeQueries.Columns)
        {
            var consequence = entry.Expiry
                ? "compared as stored, as Synapse compares them, so such a token counts as expired"
                : entry.Column == "last_seen"
                    ? "migrated as missing (no last activity)"
                    : "migrated as missing: the row is dated at the migration's snapshot time";
            if (problems.TryGetValue(TimeQueries.ImplausibleKind(entry.Qualified), out var summary))
            {
                // Each example carries its value, shown with what is wrong and the likely reading.
                findings.Add(FindingCatalog.ImplausibleTimes.Report(
                    $"{Quantity.Of(summary.Count, "row", "rows")} with a {entry.Qualified} that cannot be right ({(entry.InSeconds ? "seconds" : "milliseconds")}; before 1973"
                    + (entry.Expiry ? "" : " or in the future") + $"): {consequence}; correct them in Synapse (the examples give the likely reading) or accept this",
                    summary.Count,
                    summary.Examples.Select(example => Describe(example, entry.InSeconds, snapshot)).ToList()));
            }
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
