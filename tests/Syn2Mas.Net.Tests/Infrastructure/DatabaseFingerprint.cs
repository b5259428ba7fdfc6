using Dapper;
using Microsoft.Data.Sqlite;

namespace Syn2Mas.Net.Tests.Infrastructure;

/// <summary>
/// A digest of a database's whole definition (tables, columns, constraints, indexes, sequences, extensions)
/// and every table's rows, so a test can prove that something wrote nothing: equal before and after.
/// </summary>
public static class DatabaseFingerprint
{
    public static async Task<string> OfPostgresAsync(TestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        var catalog = await connection.ExecuteScalarAsync<string>(
            """
            SELECT md5(string_agg(item, E'\n' ORDER BY item)) FROM (
                SELECT format('rel %s %s %s', c.oid::regclass, c.relkind, pg_get_userbyid(c.relowner))
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
                UNION ALL
                SELECT format('col %s.%s %s %s %s', a.attrelid::regclass, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid))
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped
                UNION ALL
                SELECT format('con %s %s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid), convalidated)
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                UNION ALL
                SELECT 'idx ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
                UNION ALL
                SELECT format('seq %s %s', sequencename, last_value) FROM pg_sequences WHERE schemaname = 'public'
                UNION ALL
                SELECT format('ext %s %s', extname, extversion) FROM pg_extension
            ) AS items(item)
            """);
        var tables = await connection.QueryAsync<string>(
            "SELECT quote_ident(relname) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') ORDER BY relname");
        var contents = new List<string> { catalog! };
        foreach (var table in tables)
        {
            contents.Add(table + " " + await connection.ExecuteScalarAsync<string>(
                $"SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) || ' ' || count(*) FROM {table} AS t"));
        }

        return string.Join('\n', contents);
    }

    public static string OfSqlite(SqliteTestDatabase database)
    {
        using var connection = database.Open();
        var contents = connection.Query<(string Type, string Name, string? Sql)>("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
            .Select(item => $"{item.Type} {item.Name} {item.Sql}")
            .ToList();
        foreach (var table in connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join('\u001f', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "<null>" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }

            rows.Sort(StringComparer.Ordinal);
            contents.Add($"{table} {rows.Count} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', rows))))}");
        }

        return string.Join('\n', contents);
    }
}
