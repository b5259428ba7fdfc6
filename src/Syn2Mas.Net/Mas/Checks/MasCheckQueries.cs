using Dapper;
using Npgsql;

namespace Syn2Mas.Net.Mas.Checks;

/// <summary>
/// What the checks before a migration read from MAS's database: its schema, its rows, its providers and the
/// role's rights. Every query runs in the caller's transaction and only reads.
/// </summary>
internal static class MasCheckQueries
{
    /// <summary>Makes the transaction read-only, waiting at most <paramref name="lockTimeout"/> (e.g. <c>10s</c>) for a table lock.</summary>
    public static Task StartReadOnlyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string lockTimeout, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command($"SET TRANSACTION READ ONLY; SET LOCAL lock_timeout = '{lockTimeout}'", null, transaction, cancellationToken));

    public static Task SetLockTimeoutAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string lockTimeout, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command($"SET LOCAL lock_timeout = '{lockTimeout}'", null, transaction, cancellationToken));

    /// <summary>The newest migration sqlx applied successfully, or null.</summary>
    public static Task<long?> SchemaVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.QuerySingleAsync<long?>(Command(
            $"SELECT max(version) FROM \"{MasSchema.MigrationsTable}\" WHERE success", null, transaction, cancellationToken));

    /// <summary>Which of <paramref name="names"/> are tables the connection's search path resolves.</summary>
    public static async Task<HashSet<string>> ExistingTablesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] names, CancellationToken cancellationToken)
    {
        var present = await connection.QueryAsync<string>(Command(
            """
            SELECT n.name
            FROM unnest(@names::text[]) AS n(name)
            JOIN pg_catalog.pg_class c ON c.oid = to_regclass(quote_ident(n.name))
            WHERE c.relkind IN ('r', 'p')
            """,
            new { names },
            transaction,
            cancellationToken));
        return present.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The columns of the tables <paramref name="tables"/>, keyed by table and column.</summary>
    public static async Task<Dictionary<(string Table, string Column), (string Table, string Column, string Type, bool Nullable, bool HasDefault)>> ColumnsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] tables, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Table, string Column, string Type, bool Nullable, bool HasDefault)>(Command(
            """
            SELECT n.name, a.attname, t.typname, NOT a.attnotnull,
                   a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> ''
            FROM unnest(@names::text[]) AS n(name)
            JOIN pg_catalog.pg_attribute a ON a.attrelid = to_regclass(quote_ident(n.name))
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            WHERE a.attnum > 0 AND NOT a.attisdropped
            """,
            new { names = tables },
            transaction,
            cancellationToken));
        return rows.ToDictionary(row => (row.Table, row.Column));
    }

    /// <summary>Which of <paramref name="tables"/> hold a row; EXISTS stops at the first, where count(*) would read a whole populated table.</summary>
    public static async Task<HashSet<string>> TablesWithRowsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        var sql = string.Join("\nUNION ALL\n", tables.Select(table => $"SELECT '{table}' WHERE EXISTS (SELECT 1 FROM \"{table}\")"));
        return (await connection.QueryAsync<string>(Command(sql, null, transaction, cancellationToken))).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Of the upstream providers <paramref name="ids"/>, those MAS has, each with whether it is disabled.</summary>
    public static async Task<Dictionary<Guid, bool>> ProvidersAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] ids, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(Guid Id, bool Disabled)>(Command(
            $"SELECT upstream_oauth_provider_id, disabled_at IS NOT NULL FROM \"{MasSchema.UpstreamOauthProvidersTable}\" WHERE upstream_oauth_provider_id = ANY(@ids)",
            new { ids },
            transaction,
            cancellationToken));
        return rows.ToDictionary(row => row.Id, row => row.Disabled);
    }

    /// <summary>
    /// What the role lacks on MAS's tables (see <see cref="PausedSchema"/> for what is dropped and recreated):
    /// <c>own</c> for every written table and every table with a foreign key into one that it does not own
    /// (with the owner), and SELECT, INSERT or REFERENCES it is not granted, ordered by need and table.
    /// </summary>
    public static async Task<List<(string Need, string Table, string? Owner)>> MissingRightsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(string Need, string Table, string? Owner)>(Command(
            """
            WITH written AS (
                SELECT to_regclass(quote_ident(n.name))::oid AS oid FROM unnest(@written::text[]) AS n(name)
            ),
            owned AS (
                SELECT oid FROM written WHERE oid IS NOT NULL
                UNION
                SELECT c.conrelid FROM pg_catalog.pg_constraint c WHERE c.contype = 'f' AND c.confrelid IN (SELECT oid FROM written)
            ),
            referenced AS (
                SELECT c.confrelid AS oid FROM pg_catalog.pg_constraint c WHERE c.contype = 'f' AND c.conrelid IN (SELECT oid FROM written)
            )
            SELECT 'own' AS need, t.oid::regclass::text AS "table", pg_catalog.pg_get_userbyid(t.relowner)::text AS owner
            FROM pg_catalog.pg_class t WHERE t.oid IN (SELECT oid FROM owned) AND NOT pg_catalog.pg_has_role(t.relowner, 'USAGE')
            UNION ALL
            SELECT p.privilege, w.oid::regclass::text, NULL
            FROM written w CROSS JOIN (VALUES ('SELECT'), ('INSERT')) AS p(privilege)
            WHERE w.oid IS NOT NULL AND NOT pg_catalog.has_table_privilege(w.oid, p.privilege)
            UNION ALL
            SELECT 'SELECT', to_regclass(@providers)::regclass::text, NULL
            WHERE NOT pg_catalog.has_table_privilege(to_regclass(@providers), 'SELECT')
            UNION ALL
            SELECT 'REFERENCES', r.oid::regclass::text, NULL
            FROM (SELECT DISTINCT oid FROM referenced) AS r WHERE NOT pg_catalog.has_table_privilege(r.oid, 'REFERENCES')
            ORDER BY 1, 2
            """,
            new { written = MasSchema.WrittenTables.Select(table => table.Name).ToArray(), providers = MasSchema.UpstreamOauthProvidersTable },
            transaction,
            cancellationToken))).ToList();

    public static Task<string> CurrentRoleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.QuerySingleAsync<string>(Command("SELECT current_user::text", null, transaction, cancellationToken));

    private static CommandDefinition Command(string sql, object? parameters, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);
}
