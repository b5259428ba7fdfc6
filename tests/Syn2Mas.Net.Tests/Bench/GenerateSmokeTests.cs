using Microsoft.Data.Sqlite;
using Syn2Mas.Bench;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Bench;

/// <summary>
/// The benchmark's generator, small enough for every test run (about a second): the profile of
/// bench/README.md holds exactly at a multiple of 100 users, and the same seed gives the same file.
/// Correctness only; the benchmark itself is never run here.
/// </summary>
public sealed class GenerateSmokeTests
{
    private static readonly (string Table, long Rows)[] Profile =
    [
        ("users", 1_000),
        ("user_threepids", 1_100),
        ("user_external_ids", 300),
        ("devices", 2_000),
        ("access_tokens", 2_300),
        ("refresh_tokens", 150),
    ];

    [Fact]
    public async Task A_thousand_users_into_SQLite_follow_the_profile_and_the_same_seed_gives_the_same_file()
    {
        using var folder = new TempFolder();
        var first = Path.Combine(folder.Path, "first");
        var second = Path.Combine(folder.Path, "second");

        var summary = await GenerateAsync(first);
        await GenerateAsync(second);

        Assert.StartsWith("generated sqlite seed 1: users 1,000, user_threepids 1,100,", summary, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(first, "homeserver.yaml")));
        var database = Path.Combine(first, "homeserver.db");
        foreach (var (table, rows) in Profile)
        {
            Assert.Equal((table, rows), (table, Count(database, table)));
        }

        Assert.Equal(
            await File.ReadAllBytesAsync(database),
            await File.ReadAllBytesAsync(Path.Combine(second, "homeserver.db")));
    }

    private static async Task<string> GenerateAsync(string folder)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await BenchApp.RunAsync(["generate", "--users", "1000", "--seed", "1", "--source", "sqlite", "--out", folder], output, error);
        Assert.True(exitCode == BenchApp.Success, error.ToString());
        return output.ToString().Trim();
    }

    private static long Count(string database, string table)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
