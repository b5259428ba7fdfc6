using System.Globalization;
using Npgsql;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// Reads MAS rows as text, one line per row with the cells joined by <c>" | "</c>, sorted, so that a test
/// compares a whole table with its expected lines and a failure shows the row that differs.
/// </summary>
internal static class MasRows
{
    /// <param name="startedAt">
    /// The migration's start time: a time equal to it reads <c>start</c>, as the expected rows give it.
    /// </param>
    public static async Task<IReadOnlyList<string>> ReadAsync(TestDatabase mas, string sql, DateTimeOffset? startedAt = null)
    {
        await using var connection = await mas.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var cells = new string[reader.FieldCount];
            for (var index = 0; index < cells.Length; index++)
            {
                cells[index] = Cell(await reader.IsDBNullAsync(index) ? null : reader.GetValue(index), startedAt);
            }

            rows.Add(string.Join(" | ", cells));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>
    /// The rows equal the expected ones, in any order; a failure lists every row missing and every row
    /// unexpected, in full.
    /// </summary>
    public static void AssertEqual(string table, IEnumerable<string> expected, IReadOnlyList<string> actual)
    {
        var wanted = expected.Order(StringComparer.Ordinal).ToList();
        if (wanted.SequenceEqual(actual, StringComparer.Ordinal))
        {
            return;
        }

        var missing = wanted.Where(row => !actual.Contains(row, StringComparer.Ordinal));
        var unexpected = actual.Where(row => !wanted.Contains(row, StringComparer.Ordinal));
        Assert.Fail($"{table} holds other rows than expected.\nmissing:\n  {string.Join("\n  ", missing)}\nunexpected:\n  {string.Join("\n  ", unexpected)}");
    }

    /// <summary>UTC, to the millisecond; a time with a fraction of a millisecond shows all its digits, so that it cannot pass for a whole one.</summary>
    public static string Time(DateTime time) =>
        time.ToUniversalTime().ToString(
            time.Ticks % TimeSpan.TicksPerMillisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'",
            CultureInfo.InvariantCulture);

    private static string Cell(object? value, DateTimeOffset? startedAt) => value switch
    {
        null => "null",
        DateTime time when startedAt is { } start && new DateTimeOffset(time.ToUniversalTime()) == start => "start",
        DateTime time => Time(time),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
