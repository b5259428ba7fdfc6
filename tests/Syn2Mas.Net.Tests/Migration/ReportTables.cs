using System.Text.Json;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// Reads a <c>--report</c> file's <c>tables</c> back as the summary's lines (<see cref="MigrationSummary"/>),
/// so that the report and the console can be held to the same expected figures.
/// </summary>
internal static class ReportTables
{
    public static IReadOnlyList<string> Summary(JsonElement root) =>
        root.GetProperty("tables").EnumerateArray().Select(table =>
        {
            var line = $"{table.GetProperty("table").GetString()} from {table.GetProperty("sourceTable").GetString()}: "
                + $"read {table.GetProperty("read").GetInt64()}, written {table.GetProperty("written").GetInt64()}, "
                + $"skipped {table.GetProperty("skipped").EnumerateArray().Sum(skip => skip.GetProperty("count").GetInt64())}";
            var reasons = table.GetProperty("skipped").EnumerateArray()
                .Select(skip => $"{skip.GetProperty("reason").GetString()} {skip.GetProperty("count").GetInt64()}")
                .ToList();
            return reasons.Count == 0 ? line : $"{line} ({string.Join(", ", reasons)})";
        }).ToList();

    /// <summary>The skipped rows of one MAS table by reason: <c>reason count: example, example</c>.</summary>
    public static IReadOnlyList<string> Skipped(JsonElement root, string table) =>
        root.GetProperty("tables").EnumerateArray()
            .Single(entry => entry.GetProperty("table").GetString() == table)
            .GetProperty("skipped").EnumerateArray()
            .Select(Reason)
            .ToList();

    /// <summary><c>reason count: example, example</c>, for an entry of a table's skipped rows or of the warnings.</summary>
    public static string Reason(JsonElement entry) =>
        $"{entry.GetProperty("reason").GetString()} {entry.GetProperty("count").GetInt64()}: "
        + string.Join(", ", entry.GetProperty("examples").EnumerateArray().Select(example => example.GetString()));
}
