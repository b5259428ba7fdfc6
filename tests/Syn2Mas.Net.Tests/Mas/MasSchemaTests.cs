using System.Text.RegularExpressions;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Tests.Fixtures;

namespace Syn2Mas.Net.Tests.Mas;

/// <summary><see cref="MasSchema"/> must say what docs/schema.md says, read from the document itself.</summary>
public sealed partial class MasSchemaTests
{
    private static readonly SpecDocument Spec = SpecDocument.Load("schema.md", "MAS");

    [Fact]
    public void Every_written_table_has_the_spec_columns_types_and_nullability_in_order()
    {
        Assert.Equal(8, MasSchema.WrittenTables.Count);
        foreach (var table in MasSchema.WrittenTables)
        {
            var expected = Spec.Section(table.Name).Rows.Select(row => new MasColumn(row["column"], row["type"], row["null"] == "null"));

            Assert.Equal(expected, table.Columns);
        }
    }

    [Fact]
    public void Every_table_comes_after_the_written_tables_its_foreign_keys_point_at()
    {
        var position = MasSchema.WrittenTables.Select((table, index) => (table.Name, index)).ToDictionary(pair => pair.Name, pair => pair.index);
        var checkedReferences = 0;
        foreach (var table in MasSchema.WrittenTables)
        {
            foreach (var row in Spec.Section(table.Name).Rows)
            {
                if (ForeignKeyTarget().Match(row["note"]) is { Success: true } fk && position.TryGetValue(fk.Groups[1].Value, out var target))
                {
                    Assert.True(target <= position[table.Name], $"{table.Name} must come after {fk.Groups[1].Value}");
                    checkedReferences++;
                }
            }
        }

        Assert.True(checkedReferences >= 9, $"only {checkedReferences} foreign keys were read from the spec");
    }

    [Fact]
    public void The_version_bounds_are_the_spec_ones()
    {
        var text = Whitespace().Replace(Spec.Text, " ");
        Assert.Contains($"`{MasSchema.MinimumMigrationVersion}` has been applied", text, StringComparison.Ordinal);
        Assert.Contains($"| {MasSchema.MinimumMigrationVersion} | {MasSchema.MinimumMasRelease} |", text, StringComparison.Ordinal);
        Assert.Contains($"MAS release v{MasSchema.NewestKnownMasRelease}, whose newest migration version is `{MasSchema.NewestKnownMigrationVersion}`", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"FK → ([a-z_]+)")]
    private static partial Regex ForeignKeyTarget();
}
