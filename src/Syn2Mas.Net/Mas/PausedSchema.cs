using Dapper;
using Npgsql;

namespace Syn2Mas.Net.Mas;

/// <summary>
/// The indexes and constraints that a bulk load pauses: read from the catalog rather than listed in code,
/// so that whatever a MAS release (or an operator) added is dropped and recreated too, and the database
/// ends with exactly the definitions it started with.
/// </summary>
/// <remarks>
/// Paused: every primary key, unique and exclusion constraint and every other index of the written tables,
/// and every foreign key from or into them (from tables the migration never writes, like
/// <c>user_sessions</c>, too: they must go before the primary keys they point at). CHECK and NOT NULL
/// constraints stay, as they cost nothing per row. An index that cannot be recreated exactly from its
/// definition stays in place, only making the load slower: one in a non-default tablespace (which
/// <c>pg_get_indexdef</c> leaves out), the table's clustering index or its replica identity (flags that
/// dropping loses).
/// </remarks>
internal sealed class PausedSchema
{
    private const string DiscoverySql =
        """
        WITH written AS (
            SELECT to_regclass(quote_ident(n.name))::oid AS oid, n.ord::int AS ord
            FROM unnest(@names::text[]) WITH ORDINALITY AS n(name, ord)
        ),
        recreatable_index AS (
            SELECT i.indexrelid
            FROM pg_catalog.pg_index i
            JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
            WHERE i.indrelid IN (SELECT oid FROM written)
              AND ic.reltablespace = 0 AND NOT i.indisclustered AND NOT i.indisreplident
        )
        SELECT
            CASE c.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'x' THEN 2 ELSE 5 END AS kind,
            c.conname::text AS name,
            c.conrelid::regclass::text AS "table",
            coalesce(w.ord, 1000) AS tableorder,
            format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS dropsql,
            format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_catalog.pg_get_constraintdef(c.oid)) AS createsql,
            CASE WHEN d.description IS NOT NULL
                THEN format('COMMENT ON CONSTRAINT %I ON %s IS %L', c.conname, c.conrelid::regclass, d.description) END AS commentsql,
            CASE WHEN c.contype = 'f'
                THEN ARRAY(SELECT quote_ident(a.attname) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                           JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord)
                ELSE ARRAY(SELECT pg_catalog.pg_get_indexdef(c.conindid, k, false) FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k)
            END AS keyexpressions,
            pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
            CASE WHEN c.contype = 'f' THEN c.confrelid::regclass::text END AS referencedtable,
            CASE WHEN c.contype = 'f'
                THEN ARRAY(SELECT quote_ident(a.attname) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                           JOIN pg_catalog.pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord)
                ELSE '{}'::text[]
            END AS referencedcolumns,
            c.convalidated AS validated
        FROM pg_catalog.pg_constraint c
        LEFT JOIN written w ON w.oid = c.conrelid
        LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.conindid AND c.contype <> 'f'
        LEFT JOIN pg_catalog.pg_description d
            ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_constraint'::regclass AND d.objsubid = 0
        WHERE c.conparentid = 0
          AND ((c.contype IN ('p', 'u', 'x') AND w.oid IS NOT NULL AND c.conindid IN (SELECT indexrelid FROM recreatable_index))
               OR (c.contype = 'f' AND (w.oid IS NOT NULL OR c.confrelid IN (SELECT oid FROM written))))

        UNION ALL

        SELECT
            CASE WHEN i.indisunique THEN 3 ELSE 4 END,
            ic.relname::text,
            i.indrelid::regclass::text,
            w.ord,
            format('DROP INDEX %s', i.indexrelid::regclass),
            pg_catalog.pg_get_indexdef(i.indexrelid),
            CASE WHEN d.description IS NOT NULL
                THEN format('COMMENT ON INDEX %s IS %L', i.indexrelid::regclass, d.description) END,
            CASE WHEN i.indisunique
                THEN ARRAY(SELECT pg_catalog.pg_get_indexdef(i.indexrelid, k, false) FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k)
                ELSE '{}'::text[]
            END,
            pg_catalog.pg_get_expr(i.indpred, i.indrelid),
            NULL,
            '{}'::text[],
            true
        FROM pg_catalog.pg_index i
        JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
        JOIN written w ON w.oid = i.indrelid
        LEFT JOIN pg_catalog.pg_description d
            ON d.objoid = i.indexrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
        WHERE i.indexrelid IN (SELECT indexrelid FROM recreatable_index)
          AND NOT EXISTS (
              SELECT 1 FROM pg_catalog.pg_constraint c
              WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))
        """;

    private PausedSchema(IReadOnlyList<PausedObject> objects)
    {
        Objects = objects;
    }

    public IReadOnlyList<PausedObject> Objects { get; }

    /// <summary>Foreign keys first: a primary key or unique index cannot go while a foreign key needs it.</summary>
    public IEnumerable<PausedObject> DropOrder =>
        Objects.OrderBy(paused => paused.Kind == PausedObjectKind.ForeignKey ? 0 : 1)
            .ThenBy(paused => paused.TableOrder)
            .ThenBy(paused => paused.Name, StringComparer.Ordinal);

    /// <summary>Indexes and the constraints they back first, foreign keys last (see <see cref="PausedObjectKind"/>).</summary>
    public IEnumerable<PausedObject> RebuildOrder =>
        Objects.OrderBy(paused => paused.Kind)
            .ThenBy(paused => paused.TableOrder)
            .ThenBy(paused => paused.Name, StringComparer.Ordinal);

    public static async Task<PausedSchema> DiscoverAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var objects = await connection.QueryAsync<PausedObject>(new CommandDefinition(
            DiscoverySql,
            new { names = MasSchema.WrittenTables.Select(table => table.Name).ToArray() },
            transaction,
            commandTimeout: 0,
            cancellationToken: cancellationToken));
        return new PausedSchema(objects.ToList());
    }
}
