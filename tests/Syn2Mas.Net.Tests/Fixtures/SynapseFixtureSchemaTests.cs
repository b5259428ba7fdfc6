using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Fixtures;

/// <summary>
/// The Synapse fixture schemas, in both dialects and at schemas 94 and 72, must carry every column
/// docs/schema.md lists for the tables the migration reads, with its type and nullability, and the
/// columns that appeared after schema 72 only in the newer fixture.
/// </summary>
public sealed class SynapseFixtureSchemaTests
{
    private static readonly string[] ReadTables = ["users", "user_threepids", "user_external_ids", "devices", "access_tokens", "refresh_tokens"];

    private static readonly SpecDocument Spec = SpecDocument.Load("schema.md", "Synapse");

    /// <summary>
    /// The columns of the spec's tables. The "When the columns … appeared" table is more specific about
    /// some (<c>users.suspended (NOT NULL DEFAULT false)</c>) than the shared row of the users table, so it wins.
    /// </summary>
    private static IReadOnlyList<SynapseColumnSpec> SpecColumns
    {
        get
        {
            var notNullLater = Spec.SectionContaining("When the columns").Rows
                .Where(row => row["change"].Contains("NOT NULL", StringComparison.Ordinal))
                .SelectMany(row => SpecDocument.ColumnReferences(row["change"]))
                .ToHashSet();
            return ReadTables
                .SelectMany(table => Spec.Section(table).Rows.SelectMany(row => SynapseColumnSpec.FromRow(table, row)))
                .Select(column => notNullLater.Contains((column.Table, column.Column)) ? column with { NotNull = true } : column)
                .ToList();
        }
    }

    /// <summary>Columns the spec dates after a given schema version, from its "When the columns … appeared" table.</summary>
    private static HashSet<(string Table, string Column)> ColumnsNewerThan(int schema) =>
        Spec.SectionContaining("When the columns").Rows
            .Where(row => int.Parse(row["schema"], CultureInfo.InvariantCulture) > schema)
            .SelectMany(row => SpecDocument.ColumnReferences(row["change"]))
            .ToHashSet();

    [Theory]
    [InlineData(94)]
    [InlineData(72)]
    public async Task Postgres_fixture_matches_the_spec(int schema)
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(RepoPaths.Fixture("synapse", "postgres", $"schema-{schema}.sql"));
        await using var connection = await database.OpenAsync();
        var actual = (await connection.QueryAsync<(string Table, string Column, string Type, string Nullable)>(
            "SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'"))
            .ToDictionary(c => (c.Table, c.Column));

        AssertColumns(schema, SpecColumns, key => actual.TryGetValue(key, out var c) ? (c.Type, c.Nullable == "NO") : null, spec => spec.PostgresUdtName);
        Assert.Equal(schema, await connection.QuerySingleAsync<int>("SELECT version FROM schema_version"));

        var indexes = (await connection.QueryAsync<string>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).ToHashSet();
        Assert.Superset(new HashSet<string> { "users_creation_ts", "medium_address", "user_threepids_medium_address", "refresh_tokens_next_token_id" }, indexes);
        Assert.Contains("WHERE (next_token_id IS NOT NULL)", await connection.QuerySingleAsync<string>(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'refresh_tokens_next_token_id'"), StringComparison.Ordinal);
        Assert.True(await connection.QuerySingleAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'access_tokens'::regclass AND contype = 'f' AND confrelid = 'refresh_tokens'::regclass AND confdeltype = 'c')"),
            "access_tokens.refresh_token_id should reference refresh_tokens ON DELETE CASCADE");
    }

    [Theory]
    [InlineData(94)]
    [InlineData(72)]
    public void Sqlite_fixture_matches_the_spec(int schema)
    {
        using var database = SqliteTestDatabase.Create(RepoPaths.Fixture("synapse", "sqlite", $"schema-{schema}.sql"));
        using var connection = database.Open();
        var actual = new Dictionary<(string, string), (string Type, bool NotNull)>();
        foreach (var table in ReadTables)
        {
            foreach (var column in connection.Query<(long Cid, string Name, string Type, long NotNull, string? Default, long Pk)>($"PRAGMA table_info({table})"))
            {
                actual[(table, column.Name)] = (column.Type, column.NotNull == 1 || column.Pk == 1);
            }
        }

        AssertColumns(schema, SpecColumns, key => actual.TryGetValue(key, out var c) ? c : null, spec => spec.SqliteType);
        Assert.Equal(schema, connection.QuerySingle<int>("SELECT version FROM schema_version"));
        Assert.Equal("wal", connection.QuerySingle<string>("PRAGMA journal_mode"));
        Assert.Contains("Lock", connection.Query<(long, string Name, string, long, string?, long)>("PRAGMA table_info(schema_version)").Select(c => c.Name));

        var indexes = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'index'").ToHashSet();
        Assert.Superset(new HashSet<string> { "users_creation_ts", "user_threepids_medium_address", "refresh_tokens_next_token_id" }, indexes);
        // SQLite keeps no name for a table constraint: medium_address is the unique index over (medium, address).
        var uniqueThreepidIndexes = connection.Query<(long Seq, string Name, long Unique, string Origin, long Partial)>("PRAGMA index_list(user_threepids)")
            .Where(index => index.Unique == 1)
            .Select(index => string.Join(",", connection.Query<(long, long, string Name)>($"PRAGMA index_info('{index.Name}')").Select(c => c.Name)));
        Assert.Contains("medium,address", uniqueThreepidIndexes);
    }

    [Fact]
    public void The_spec_dates_the_optional_user_columns_after_schema_72()
    {
        var newer = ColumnsNewerThan(72);
        Assert.Contains(("users", "approved"), newer);
        Assert.Contains(("users", "locked"), newer);
        Assert.Contains(("users", "suspended"), newer);
    }

    private static void AssertColumns(
        int schema,
        IReadOnlyList<SynapseColumnSpec> specColumns,
        Func<(string, string), (string Type, bool NotNull)?> lookup,
        Func<SynapseColumnSpec, string?> expectedType)
    {
        var newer = ColumnsNewerThan(schema);
        Assert.True(specColumns.Count >= 40, $"only {specColumns.Count} columns were read from the spec");
        foreach (var spec in specColumns)
        {
            var actual = lookup((spec.Table, spec.Column));
            if (newer.Contains((spec.Table, spec.Column)))
            {
                Assert.True(actual is null, $"{spec.Table}.{spec.Column} appeared after schema {schema} but the fixture has it");
                continue;
            }

            Assert.True(actual is not null, $"{spec.Table}.{spec.Column} is in the spec but not in the schema {schema} fixture");
            if (expectedType(spec) is { } type)
            {
                Assert.True(type == actual.Value.Type, $"{spec.Table}.{spec.Column}: spec type {type}, fixture {actual.Value.Type}");
            }

            Assert.True(spec.NotNull == actual.Value.NotNull, $"{spec.Table}.{spec.Column}: spec NOT NULL {spec.NotNull}, fixture {actual.Value.NotNull}");
        }
    }
}
