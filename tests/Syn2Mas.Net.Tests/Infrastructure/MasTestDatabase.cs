using Dapper;
using Syn2Mas.Net.Mas;

namespace Syn2Mas.Net.Tests.Infrastructure;

/// <summary>MAS databases for tests: the 1.22 fixture with its providers, and rows put where a test needs them.</summary>
public static class MasTestDatabase
{
    public static async Task<TestDatabase> CleanMasAsync()
    {
        var database = await PostgresServer.CreateDatabaseAsync(RepoPaths.Fixture("mas", "schema-1.22.sql"));
        await database.ExecuteFileAsync(RepoPaths.Fixture("mas", "providers.sql"));
        return database;
    }

    public static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    /// <summary>One row in <paramref name="table"/> alone: foreign keys are not enforced for it (replica role).</summary>
    public static Task InsertAnyRowAsync(TestDatabase database, MasTable table)
    {
        var values = table.Columns.Select(column => column.TypeName switch
        {
            "uuid" => "gen_random_uuid()",
            "text" => "'x' || gen_random_uuid()",
            "timestamptz" => "now()",
            "bool" => "false",
            "int4" => "1",
            "inet" => "'192.0.2.1'",
            _ => throw new InvalidOperationException($"no test value for {column.TypeName}"),
        });
        return ExecuteAsync(database, $"""
            SET session_replication_role = replica;
            INSERT INTO {table.Name} ({string.Join(", ", table.ColumnNames)}) VALUES ({string.Join(", ", values)});
            """);
    }
}
