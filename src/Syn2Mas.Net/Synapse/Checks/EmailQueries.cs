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
        // Both windows on the addresses share one partition and order, so that SQLite sorts them once: an
        // address is shared when its rows are more than its owner's copies of it. Whether the owner migrates
        // is found the same way, by sorting users and emails together by id: looking each owner up in users
        // (or IN (SELECT …)) read users in random order, which grew faster than the tables.
        return ProblemRows.QueryAsync(source, $"""
            emails AS MATERIALIZED (
                SELECT user_id, address,
                       count(*) OVER (PARTITION BY lowered ORDER BY user_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS same_address,
                       count(*) OVER (PARTITION BY lowered ORDER BY user_id RANGE BETWEEN CURRENT ROW AND CURRENT ROW) AS copies
                FROM (SELECT id AS user_id, address, lower(address) AS lowered
                      FROM (SELECT id, address, is_email, max(1 - is_email) OVER (PARTITION BY id) AS owner_migrates
                            FROM (SELECT name AS id, NULL AS address, 0 AS is_email FROM users WHERE appservice_id IS NULL AND deactivated = 0
                                  UNION ALL
                                  SELECT user_id, address, 1 FROM user_threepids WHERE {source.NotIndexed("medium")} = 'email') AS by_id) AS owned
                      WHERE is_email = 1 AND owner_migrates = 1) AS migrated)
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
