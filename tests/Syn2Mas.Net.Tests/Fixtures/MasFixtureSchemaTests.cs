using System.Text.RegularExpressions;
using Dapper;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Fixtures;

/// <summary>
/// The MAS fixture schemas must say what docs/schema.md says: every listed column with its type and
/// nullability, every named constraint and index, the foreign keys into the written tables, and the
/// migration versions. A fixture that drifts from the spec fails here, not in a migration test.
/// </summary>
public sealed partial class MasFixtureSchemaTests
{
    private static readonly string[] WrittenTables =
    [
        "users", "user_passwords", "user_emails", "user_unsupported_third_party_ids",
        "upstream_oauth_links", "compat_sessions", "compat_access_tokens", "compat_refresh_tokens",
    ];

    private static readonly SpecDocument Spec = SpecDocument.Load("schema.md", "MAS");

    [Fact]
    public async Task Every_column_the_spec_lists_has_its_type_and_nullability()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(RepoPaths.Fixture("mas", "schema-1.22.sql"));
        await using var connection = await database.OpenAsync();
        var columns = (await connection.QueryAsync<(string Table, string Column, string Type, string Nullable)>(
            "SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'"))
            .ToDictionary(c => (c.Table, c.Column));

        var checkedColumns = 0;
        foreach (var table in WrittenTables)
        {
            var section = Spec.Section(table);
            Assert.NotEmpty(section.Rows);
            foreach (var row in section.Rows)
            {
                var column = row["column"];
                Assert.True(columns.TryGetValue((table, column), out var actual), $"{table}.{column} is in the spec but not in the fixture");
                Assert.True(UdtName(row["type"]) == actual.Type, $"{table}.{column}: spec type {row["type"]}, fixture {actual.Type}");
                Assert.True((row["null"] == "null") == (actual.Nullable == "YES"), $"{table}.{column}: spec null '{row["null"]}', fixture nullable {actual.Nullable}");
                checkedColumns++;
            }

            var specColumns = section.Rows.Select(row => row["column"]).ToHashSet();
            var extra = columns.Keys.Where(key => key.Table == table && !specColumns.Contains(key.Column)).Select(key => key.Column).ToList();
            Assert.True(extra.Count == 0, $"{table} has columns the spec does not list: {string.Join(", ", extra)}");
        }

        Assert.True(checkedColumns >= 45, $"only {checkedColumns} columns were compared: the spec tables were not read");
    }

    [Fact]
    public async Task Primary_keys_unique_constraints_and_foreign_keys_in_the_notes_exist()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(RepoPaths.Fixture("mas", "schema-1.22.sql"));
        await using var connection = await database.OpenAsync();
        var constraints = (await connection.QueryAsync<(string Table, string Type, string Columns, string? Referenced)>(
            """
            SELECT c.conrelid::regclass::text, c.contype::text,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
                   c.confrelid::regclass::text
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE n.nspname = 'public'
            """)).ToList();

        foreach (var table in WrittenTables)
        {
            foreach (var row in Spec.Section(table).Rows)
            {
                var column = row["column"];
                var note = row["note"];
                if (note.StartsWith("primary key", StringComparison.Ordinal))
                {
                    Assert.Contains(constraints, c => c.Table == table && c.Type == "p" && c.Columns == column);
                }

                if (ForeignKeyTarget().Match(note) is { Success: true } fk)
                {
                    Assert.True(
                        constraints.Any(c => c.Table == table && c.Type == "f" && c.Columns == column && c.Referenced == fk.Groups[1].Value),
                        $"{table}.{column} should reference {fk.Groups[1].Value}");
                }

                if (note.Contains("unique", StringComparison.OrdinalIgnoreCase) && !note.Contains("no uniqueness", StringComparison.Ordinal))
                {
                    Assert.True(
                        constraints.Any(c => c.Table == table && c.Type == "u" && c.Columns.Split(',').Contains(column)),
                        $"{table}.{column} should be covered by a unique constraint");
                }
            }
        }

        var compositeKey = PrimaryKeyLine().Match(Spec.Section("user_unsupported_third_party_ids").Text);
        Assert.True(compositeKey.Success, "the spec's composite primary key line was not found");
        Assert.Contains(constraints, c => c.Table == "user_unsupported_third_party_ids" && c.Type == "p"
            && c.Columns == compositeKey.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("schema-1.22.sql", true)]
    [InlineData("schema-0.14.sql", false)]
    public async Task Every_index_and_constraint_the_spec_names_exists(string fixture, bool current)
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(RepoPaths.Fixture("mas", fixture));
        await using var connection = await database.OpenAsync();
        var names = (await connection.QueryAsync<string>(
            "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' UNION SELECT conname FROM pg_constraint")).ToHashSet();

        var named = WrittenTables.SelectMany(table => SpecDocument.BacktickedIdentifiers(Spec.Section(table).Text))
            .Where(name => IndexOrConstraintName().IsMatch(name))
            .Distinct()
            .ToList();
        Assert.True(named.Count >= 15, $"only {named.Count} names were found in the spec");

        // Trigram indexes came with pg_trgm in the MAS 1.3 era, after 0.14.
        var missing = named.Where(name => !names.Contains(name) && (current || !name.Contains("trgm", StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"{fixture} lacks {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task Compat_sessions_has_the_listed_partial_and_covering_indexes()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(RepoPaths.Fixture("mas", "schema-1.22.sql"));
        await using var connection = await database.OpenAsync();
        var definitions = (await connection.QueryAsync<(string Name, string Definition)>(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'compat_sessions'")).ToDictionary(i => i.Name, i => i.Definition);

        Assert.Contains("INCLUDE (last_active_at)", definitions["compat_sessions_user_fk"], StringComparison.Ordinal);
        Assert.Contains("WHERE (finished_at IS NULL)", definitions["compat_sessions_active_user_idx"], StringComparison.Ordinal);
        Assert.Contains("WHERE (finished_at IS NOT NULL)", definitions["compat_sessions_finished_at_idx"], StringComparison.Ordinal);
        Assert.Contains("last_active_ip IS NOT NULL", definitions["compat_sessions_inactive_ips_idx"], StringComparison.Ordinal);
        Assert.Contains("gin_trgm_ops", (await connection.QuerySingleAsync<string>(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'users_username_trgm_idx'")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Foreign_keys_from_other_tables_into_the_written_ones_exist()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(RepoPaths.Fixture("mas", "schema-1.22.sql"));
        await using var connection = await database.OpenAsync();
        var foreignKeyColumns = (await connection.QueryAsync<(string Table, string Column, string Referenced)>(
            """
            SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text
            FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.contype = 'f'
            """)).ToList();

        var text = Spec.SectionContaining("Foreign keys from other MAS tables").Text;
        var listing = text[..text.IndexOf("Test fixtures", StringComparison.Ordinal)];
        var references = SpecDocument.ColumnReferences(listing).ToList();
        Assert.True(references.Count >= 9, $"only {references.Count} references were read from the spec");
        foreach (var (table, column) in references)
        {
            Assert.True(
                foreignKeyColumns.Any(fk => fk.Table == table && fk.Column == column && WrittenTables.Contains(fk.Referenced)),
                $"{table}.{column} should be a foreign key into a written table");
        }

        Assert.Contains(foreignKeyColumns, fk => fk is { Table: "compat_sessions", Column: "user_session_id", Referenced: "user_sessions" });
    }

    [Theory]
    [InlineData("schema-1.22.sql", "20260720134722", true)]
    [InlineData("schema-0.14.sql", "20250130170011", false)]
    public async Task Migrations_extension_and_version_gated_columns_match_the_release(string fixture, string newest, bool current)
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(RepoPaths.Fixture("mas", fixture));
        await using var connection = await database.OpenAsync();
        var versions = (await connection.QueryAsync<long>("SELECT version FROM _sqlx_migrations WHERE success")).ToHashSet();
        var specVersions = MigrationVersion().Matches(Spec.Text).Select(m => long.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

        Assert.Equal(long.Parse(newest, System.Globalization.CultureInfo.InvariantCulture), versions.Max());
        Assert.Contains(long.Parse(newest, System.Globalization.CultureInfo.InvariantCulture), specVersions);
        Assert.All(specVersions.Where(v => current || v <= versions.Max()), v => Assert.Contains(v, versions));
        Assert.Equal(current, await connection.QuerySingleAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'deactivated_at')"));
        Assert.Equal(current, await connection.QuerySingleAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')"));
    }

    [Fact]
    public async Task Providers_table_has_the_columns_the_spec_counts_and_the_sample_rows_load()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(RepoPaths.Fixture("mas", "schema-1.22.sql"));
        await database.ExecuteFileAsync(RepoPaths.Fixture("mas", "providers.sql"));
        await using var connection = await database.OpenAsync();
        var count = ProviderColumnCount().Match(Spec.Section("upstream_oauth_providers").Text);
        Assert.True(count.Success);
        Assert.Equal(int.Parse(count.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), await connection.QuerySingleAsync<int>(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'upstream_oauth_providers'"));
        Assert.Equal(2, await connection.QuerySingleAsync<int>("SELECT count(*) FROM upstream_oauth_providers WHERE disabled_at IS NULL"));
    }

    private static string UdtName(string specType) => specType switch
    {
        "timestamptz" => "timestamptz",
        "bool" => "bool",
        _ => specType,
    };

    [GeneratedRegex(@"FK → ([a-z_]+)")]
    private static partial Regex ForeignKeyTarget();

    [GeneratedRegex(@"Primary key \(([a-z_, ]+)\)")]
    private static partial Regex PrimaryKeyLine();

    [GeneratedRegex(@"^(idx_[a-z0-9_]+|[a-z0-9_]+_(idx|fk|fkey|unique|pkey))$")]
    private static partial Regex IndexOrConstraintName();

    [GeneratedRegex(@"\b20\d{12}\b")]
    private static partial Regex MigrationVersion();

    [GeneratedRegex(@"has (\d+) columns")]
    private static partial Regex ProviderColumnCount();
}
