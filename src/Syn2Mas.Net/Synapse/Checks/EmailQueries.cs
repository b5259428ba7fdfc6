namespace Syn2Mas.Net.Synapse.Checks;

/// <summary>
/// Email addresses MAS treats differently from Synapse: the same address ignoring case on two users or
/// twice on one, surrounding whitespace, no address at all. Only the emails that migrate are looked at
/// (not of application service or deactivated users).
/// </summary>
internal static class EmailQueries
{
    public const string Shared = "shared";
    public const string Twice = "twice";
    public const string Whitespace = "whitespace";
    public const string NotAnAddress = "not-an-address";

    public static Task<IReadOnlyDictionary<string, ProblemSummary>> ProblemsAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        var trimmed = source.Dialect == SynapseDialect.Postgres
            ? "btrim(address, E' \\t\\r\\n')"
            : "trim(address, ' ' || char(9) || char(13) || char(10))";
        var at = source.Position("address", "'@'");

        // Window functions rather than a join to a grouped copy: one sort, whatever the planner believes
        // about the row counts (a join planned blind, in a database without statistics, went quadratic).
        // Both windows share one partition and order, so that SQLite sorts once: an address is shared when
        // its rows are more than its owner's copies of it. The owner is looked up per email through users'
        // unique index on name, cheaper than building a list of every user for IN (SELECT …).
        return ProblemRows.QueryAsync(source, $"""
            emails AS MATERIALIZED (
                SELECT user_id, address,
                       count(*) OVER (PARTITION BY lowered ORDER BY user_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS same_address,
                       count(*) OVER (PARTITION BY lowered ORDER BY user_id RANGE BETWEEN CURRENT ROW AND CURRENT ROW) AS copies
                FROM (SELECT t.user_id, t.address, lower(t.address) AS lowered
                      FROM user_threepids AS t CROSS JOIN users AS u
                      WHERE {source.NotIndexed("t.medium")} = 'email'
                        AND u.name = t.user_id AND u.appservice_id IS NULL AND u.deactivated = 0) AS migrated)
            """, $"""
            SELECT '{Shared}' AS kind, user_id AS example FROM emails WHERE same_address > copies
            UNION ALL
            SELECT '{Twice}', user_id FROM emails WHERE copies > 1
            UNION ALL
            SELECT '{Whitespace}', user_id FROM emails WHERE address <> {trimmed}
            UNION ALL
            SELECT '{NotAnAddress}', user_id FROM emails
            WHERE {at} <= 1 OR substr(address, length(address), 1) = '@'
            """, null, cancellationToken);
    }
}
