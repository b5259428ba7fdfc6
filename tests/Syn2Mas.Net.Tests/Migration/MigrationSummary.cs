using System.Globalization;
using System.Text.RegularExpressions;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// The per-table summary that <c>migrate</c> prints at the end, read back from stdout as one line per MAS
/// table: <c>users from users: read 8, written 7, skipped 1 (appservice-user 1)</c>.
/// </summary>
internal static partial class MigrationSummary
{
    public static IReadOnlyList<string> Parse(string stdout)
    {
        var tables = new List<string>();
        string? table = null;
        var reasons = new List<string>();
        foreach (var line in stdout.Split('\n').Select(line => line.TrimEnd('\r')))
        {
            if (TableLine().Match(line) is { Success: true } row)
            {
                Flush();
                table = $"{row.Groups["table"].Value} from {row.Groups["source"].Value}: read {Number(row, "read")}, "
                    + $"written {Number(row, "written")}, skipped {Number(row, "skipped")}";
            }
            else if (table is not null && SkipLine().Match(line) is { Success: true } skip)
            {
                reasons.Add($"{skip.Groups["reason"].Value} {Number(skip, "count")}");
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return tables;

        void Flush()
        {
            if (table is not null)
            {
                tables.Add(reasons.Count == 0 ? table : $"{table} ({string.Join(", ", reasons)})");
            }

            table = null;
            reasons.Clear();
        }
    }

    private static long Number(Match match, string group) =>
        long.Parse(match.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<table>[a-z_]+) +(?<source>[a-z_]+) +(?<read>[\d,]+) +(?<written>[\d,]+) +(?<skipped>[\d,]+) +\d+\.\d\d$")]
    private static partial Regex TableLine();

    [GeneratedRegex(@"^    skipped (?<count>[\d,]+) (?<reason>[a-z-]+)")]
    private static partial Regex SkipLine();
}
