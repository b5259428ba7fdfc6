using System.Globalization;
using Dapper;
using Npgsql;

namespace Syn2Mas.Net.Mas;

/// <summary>
/// Explains why rebuilding a paused constraint failed, in words that name the constraint and the Synapse
/// users whose rows broke it, never the offending value: PostgreSQL's own DETAIL quotes it, and for
/// <c>compat_access_tokens</c> or <c>user_passwords</c> that value is a secret. Runs after the failed
/// statement was rolled back to its savepoint, so the transaction can still answer queries.
/// </summary>
internal static class RebuildDiagnosis
{
    private const int MaxUsersNamed = 5;

    /// <summary>For a unique index or constraint that refused to build (23505).</summary>
    public static async Task<string> DuplicateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PausedObject paused, string? serverName, CancellationToken cancellationToken)
    {
        var prefix = $"{paused.Description} on {paused.Table}";
        var keys = paused.KeyExpressions;
        if (keys.Length == 0)
        {
            return $"{prefix}: some rows share one value, which MAS requires to be unique";
        }

        var predicate = paused.Predicate is null ? "true" : $"({paused.Predicate})";
        var owner = MasRowOwners.UsernameSql(paused.Table) ?? "NULL::text";

        // Unique indexes let rows whose key has a NULL coexist, so those are no duplicates. The key
        // expressions come from pg_get_indexdef and name the table's columns unqualified, which resolve
        // to the one table in each FROM below.
        var sql = $"""
            WITH duplicated AS MATERIALIZED (
                SELECT {string.Join(", ", keys.Select((key, i) => $"{key} AS syn2mas_key_{i}"))}, count(*) AS syn2mas_rows
                FROM {paused.Table}
                WHERE {predicate} AND {string.Join(" AND ", keys.Select(key => $"({key}) IS NOT NULL"))}
                GROUP BY {string.Join(", ", keys.Select((_, i) => (i + 1).ToString(CultureInfo.InvariantCulture)))}
                HAVING count(*) > 1
            )
            SELECT (SELECT count(*) FROM duplicated) AS "values",
                   shared.syn2mas_rows AS "rows",
                   ARRAY(SELECT DISTINCT {owner} FROM {paused.Table} AS t
                         WHERE {predicate} AND {string.Join(" AND ", keys.Select((key, i) => $"({key}) = shared.syn2mas_key_{i}"))}) AS owners
            FROM (SELECT * FROM duplicated LIMIT 1) AS shared
            """;
        var found = await connection.QueryAsync<(long Values, long Rows, string?[] Owners)>(
            new CommandDefinition(sql, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        if (!found.Any())
        {
            return $"{prefix}: some rows share one value, which MAS requires to be unique";
        }

        var (values, rows, owners) = found.First();
        var more = values > 1 ? string.Create(CultureInfo.InvariantCulture, $"; {values - 1} more values are shared too") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}: {rows} rows share one value{ForUsers(owners, serverName)}{more} ")
            + "(MAS requires it to be unique; the value is not shown, as it may be a secret)";
    }

    /// <summary>For a foreign key whose validation found rows pointing at nothing (23503).</summary>
    public static async Task<string> OrphanAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PausedObject paused, string? serverName, CancellationToken cancellationToken)
    {
        var target = paused.ReferencedTable ?? "the table it references";
        var prefix = $"{paused.Description} on {paused.Table}";
        if (paused.KeyExpressions.Length == 0 || paused.KeyExpressions.Length != paused.ReferencedColumns.Length)
        {
            return $"{prefix}: some rows point at no row of {target}";
        }

        var owner = MasRowOwners.UsernameSql(paused.Table) ?? "NULL::text";
        var sql = $"""
            WITH orphans AS MATERIALIZED (
                SELECT {owner} AS owner
                FROM {paused.Table} AS t
                WHERE {string.Join(" AND ", paused.KeyExpressions.Select(column => $"t.{column} IS NOT NULL"))}
                  AND NOT EXISTS (
                      SELECT 1 FROM {paused.ReferencedTable} AS r
                      WHERE {string.Join(" AND ", paused.KeyExpressions.Zip(paused.ReferencedColumns, (column, referenced) => $"r.{referenced} = t.{column}"))})
            )
            SELECT (SELECT count(*) FROM orphans) AS "rows",
                   ARRAY(SELECT DISTINCT owner FROM orphans WHERE owner IS NOT NULL ORDER BY owner LIMIT {MaxUsersNamed + 1}) AS owners
            """;
        var (rows, owners) = await connection.QuerySingleAsync<(long Rows, string?[] Owners)>(
            new CommandDefinition(sql, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        if (rows == 0)
        {
            return $"{prefix}: some rows point at no row of {target}";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{prefix}: {rows} {(rows == 1 ? "row points" : "rows point")} at no row of {target}")
            + ForUsers(owners, serverName);
    }

    private static string ForUsers(string?[] owners, string? serverName)
    {
        var names = owners.OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            return "";
        }

        var shown = names.Take(MaxUsersNamed).Select(name => serverName is null ? name : $"@{name}:{serverName}");
        var rest = names.Count > MaxUsersNamed ? " and others" : "";
        return $", for user{(names.Count == 1 ? "" : "s")} {string.Join(", ", shown)}{rest}";
    }
}
