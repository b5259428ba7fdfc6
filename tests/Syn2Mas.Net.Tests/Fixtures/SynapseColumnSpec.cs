namespace Syn2Mas.Net.Tests.Fixtures;

/// <summary>One column as docs/schema.md describes it, in both dialects.</summary>
public sealed record SynapseColumnSpec(string Table, string Column, string? PostgresType, string? SqliteType, bool NotNull)
{
    /// <summary>
    /// Reads a row of a docs/schema.md table: the column cell may list several names
    /// (<c>shadow_banned, approved, suspended</c>), the type cell gives <c>pg / SQLite</c> or one type for both,
    /// and NOT NULL or PRIMARY KEY may sit in the type or the notes.
    /// </summary>
    public static IEnumerable<SynapseColumnSpec> FromRow(string table, IReadOnlyDictionary<string, string> row)
    {
        var type = row["type"];
        var notes = row.TryGetValue("notes", out var n) ? n : "";
        var notNull = type.Contains("NOT NULL", StringComparison.Ordinal)
            || type.Contains("PRIMARY KEY", StringComparison.Ordinal)
            || notes.StartsWith("NOT NULL", StringComparison.Ordinal);
        var bare = string.Join(' ', type.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word is not ("NOT" or "NULL" or "PRIMARY" or "KEY" or "UNIQUE")));
        string? postgres = null, sqlite = null;
        if (bare.Length > 0)
        {
            var slash = bare.Split('/', StringSplitOptions.TrimEntries);
            postgres = slash[0];
            sqlite = slash.Length > 1 ? slash[1] : slash[0].ToUpperInvariant();
        }

        foreach (var name in row["column"].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            yield return new SynapseColumnSpec(table, name.Split(' ')[0], postgres, sqlite, notNull);
        }
    }

    /// <summary>The PostgreSQL catalog's <c>udt_name</c> for the spec's type word.</summary>
    public string? PostgresUdtName => PostgresType switch
    {
        null => null,
        "text" => "text",
        "bigint" => "int8",
        "smallint" => "int2",
        "boolean" => "bool",
        "integer" => "int4",
        _ => throw new InvalidOperationException($"{Table}.{Column}: unknown spec type '{PostgresType}'"),
    };
}
