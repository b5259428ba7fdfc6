using Npgsql;
using Syn2Mas.Net.Mas;

namespace Syn2Mas.Bench.Running;

/// <summary>Counts MAS's rows table by table, to check a migration and a floor load wrote the same (outside the timings).</summary>
internal static class MasRowCounts
{
    public static async Task<IReadOnlyDictionary<string, long>> ReadAsync(NpgsqlDataSource mas, CancellationToken cancellationToken)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await mas.OpenConnectionAsync(cancellationToken);
        foreach (var table in MasSchema.WrittenTables)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table.Name}\"", connection);
            counts[table.Name] = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        return counts;
    }

    /// <summary>The tables whose counts differ, as <c>table expected/actual</c>; empty when all agree.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyDictionary<string, long> expected, IReadOnlyDictionary<string, long> actual) =>
        MasSchema.WrittenTables
            .Select(table => (table.Name, Expected: expected.GetValueOrDefault(table.Name), Actual: actual.GetValueOrDefault(table.Name)))
            .Where(row => row.Expected != row.Actual)
            .Select(row => $"{row.Name} {row.Expected}/{row.Actual}")
            .ToList();
}
