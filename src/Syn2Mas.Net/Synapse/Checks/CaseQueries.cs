namespace Syn2Mas.Net.Synapse.Checks;

/// <summary>
/// User ids that differ only in case, folded with the database's own <c>lower()</c> as Synapse's password
/// login folds them, and orphan user ids that a user matches only when case is ignored.
/// </summary>
internal static class CaseQueries
{
    public const string Case = "case";

    /// <summary>Groups of ids (not of application service users) equal ignoring case, each example the group's ids joined by " / ".</summary>
    public static Task<IReadOnlyDictionary<string, ProblemSummary>> GroupsAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        const string Separator = " / ";
        var members = source.Dialect == SynapseDialect.Postgres
            ? $"string_agg(name, '{Separator}' ORDER BY {source.ByteOrder("name")})"
            : $"group_concat(name, '{Separator}' ORDER BY name)";
        return ProblemRows.QueryAsync(source, $"""
            SELECT '{Case}' AS kind, {members} AS example FROM users
            WHERE appservice_id IS NULL AND name IS NOT NULL
            GROUP BY lower(name) HAVING count(*) > 1
            """, null, cancellationToken);
    }

    /// <summary>
    /// Orphan user ids that a user matches when case is ignored, each example "orphan (users has name)".
    /// The orphans are few and set aside first; users is then read once, each name folded and looked up
    /// among them (CROSS JOIN keeps SQLite to that order).
    /// </summary>
    public static Task<IReadOnlyDictionary<string, ProblemSummary>> OrphansMatchingAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        var orphans = string.Join("\nUNION\n", RowQueries.DependentTables.Select(table => $"""
            SELECT t.user_id, lower(t.user_id) AS lowered FROM {table} AS t
            WHERE NOT EXISTS (SELECT 1 FROM users AS u WHERE u.name = t.user_id)
            """));
        return ProblemRows.QueryAsync(source, $"""
            orphans AS MATERIALIZED ({orphans})
            """, $"""
            SELECT '{Case}' AS kind, o.user_id || ' (users has ' || u.name || ')' AS example
            FROM users AS u CROSS JOIN orphans AS o
            WHERE o.lowered = lower(u.name)
            """, null, cancellationToken);
    }
}
