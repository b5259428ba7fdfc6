using Dapper;

namespace Syn2Mas.Net.Tests.Infrastructure;

/// <summary>
/// Every constraint and index of a database's <c>public</c> schema, one readable line each: definition,
/// validity, deferrability, the flags an index can carry, and comments. Equal before and after means the
/// schema came back exactly; unlike a digest, a difference shows which object changed.
/// </summary>
public static class SchemaCatalog
{
    public static async Task<IReadOnlyList<string>> OfPostgresAsync(TestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        var lines = await connection.QueryAsync<string>(
            """
            SELECT format('constraint %s %s: %s; validated=%s deferrable=%s deferred=%s; comment=%s',
                          c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid),
                          c.convalidated, c.condeferrable, c.condeferred, obj_description(c.oid, 'pg_constraint'))
            FROM pg_constraint c
            WHERE c.connamespace = 'public'::regnamespace
            UNION ALL
            SELECT format('index %s: %s; valid=%s ready=%s clustered=%s replident=%s tablespace=%s; comment=%s',
                          ic.relname, pg_get_indexdef(i.indexrelid), i.indisvalid, i.indisready, i.indisclustered,
                          i.indisreplident, ic.reltablespace, obj_description(i.indexrelid, 'pg_class'))
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
            WHERE ic.relnamespace = 'public'::regnamespace
            UNION ALL
            SELECT format('column %s.%s %s notnull=%s default=%s', a.attrelid::regclass, a.attname,
                          format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid))
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY 1
            """);
        return lines.ToList();
    }
}
