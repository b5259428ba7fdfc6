using Dapper;
using Npgsql;
using Syn2Mas.Net.Mas;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// What the migration's role must be allowed on MAS's database (see <see cref="PausedSchema"/> for what is
/// dropped and recreated): to own every written table and every table with a foreign key into one, since
/// only an owner may drop and add their indexes and constraints; to read and COPY into the written
/// tables; and to reference the tables the written tables' foreign keys point at. Without this check the
/// advisor passed and migrate then failed on its first DROP.
/// </summary>
internal static class MasRoleRights
{
    private const string Sql = """
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
        """;

    /// <returns>The finding, if anything is missing, and whether the role may read every table the checks read.</returns>
    public static async Task<(Finding? Finding, bool CanRead)> CheckAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var missing = (await connection.QueryAsync<(string Need, string Table, string? Owner)>(new CommandDefinition(
            Sql,
            new { written = MasSchema.WrittenTables.Select(table => table.Name).ToArray(), providers = MasSchema.UpstreamOauthProvidersTable },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        if (missing.Count == 0)
        {
            return (null, true);
        }

        var role = await connection.QuerySingleAsync<string>(new CommandDefinition("SELECT current_user::text", transaction: transaction, cancellationToken: cancellationToken));
        var owners = missing.Where(row => row.Need == "own").Select(row => row.Owner).Distinct(StringComparer.Ordinal).ToList();
        var parts = new List<string>();
        if (owners.Count > 0)
        {
            parts.Add($"does not own {string.Join(", ", missing.Where(row => row.Need == "own").Select(row => $"`{row.Table}` (owner {row.Owner})"))}, "
                + "whose indexes and constraints the migration drops and recreates");
        }

        foreach (var privilege in missing.Where(row => row.Need != "own").GroupBy(row => row.Need, StringComparer.Ordinal))
        {
            parts.Add($"lacks {privilege.Key} on {string.Join(", ", privilege.Select(row => $"`{row.Table}`"))}");
        }

        var advice = owners.Count == 1
            ? $"migrate as `{owners[0]}` (normally the role MAS itself uses), or grant it to `{role}` (GRANT \"{owners[0]}\" TO \"{role}\")"
            : "migrate as the role that owns MAS's tables (normally the role MAS itself uses)";
        return (FindingCatalog.MasInsufficientRights.Report($"the role `{role}` {string.Join("; ", parts)}: {advice}", missing.Count),
            !missing.Any(row => row.Need == "SELECT"));
    }
}
