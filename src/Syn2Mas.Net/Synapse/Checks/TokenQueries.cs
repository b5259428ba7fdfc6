namespace Syn2Mas.Net.Synapse.Checks;

/// <summary>
/// Tokens Synapse would refuse at the snapshot's time, and refresh tokens in sessions with a lifetime bound.
/// Only the tokens of users whose tokens are migrated are looked at: not of application service,
/// deactivated or guest users.
/// </summary>
internal static class TokenQueries
{
    public const string SuccessorUsed = "successor-used";
    public const string SuccessorRefreshed = "successor-refreshed";
    public const string SessionExpired = "session-expired";
    public const string RefreshTokenExpired = "refresh-token-expired";
    public const string SessionBounded = "session-bounded";
    public const string AccessTokenExpired = "access-token-expired";

    /// <summary>
    /// Each refresh token gets the first reason that applies, in the order above; access tokens without a
    /// refresh token are judged by <c>valid_until_ms</c> alone.
    /// </summary>
    public static Task<IReadOnlyDictionary<string, ProblemSummary>> RefusedAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        var lifetime = source.Schema.HasColumn("refresh_tokens", "ultimate_session_expiry_ts") ? "r.ultimate_session_expiry_ts" : "NULL";
        var expiry = source.Schema.HasColumn("refresh_tokens", "expiry_ts") ? "r.expiry_ts" : "NULL";

        // The owner is looked up per token through users' unique index on name (CROSS JOIN keeps SQLite to
        // that order): an IN (SELECT name FROM users …) built a list of every user first, and found the access
        // tokens without a refresh token through the refresh_token_id index, one table lookup per token.
        // The successor is found by its primary key, its access token through access_tokens' index on
        // refresh_token_id, as Synapse's own lookup_refresh_token does.
        return ProblemRows.QueryAsync(source, $"""
            SELECT kind, example FROM (
                SELECT CASE
                           WHEN EXISTS (SELECT 1 FROM access_tokens AS a
                                        WHERE a.refresh_token_id = r.next_token_id AND {source.IsTrue("a.used")}) THEN '{SuccessorUsed}'
                           WHEN n.next_token_id IS NOT NULL THEN '{SuccessorRefreshed}'
                           WHEN {lifetime} < @now THEN '{SessionExpired}'
                           WHEN {expiry} < @now THEN '{RefreshTokenExpired}'
                           WHEN {lifetime} IS NOT NULL THEN '{SessionBounded}'
                       END AS kind,
                       r.user_id AS example
                FROM refresh_tokens AS r CROSS JOIN users AS u
                LEFT JOIN refresh_tokens AS n ON n.id = r.next_token_id
                WHERE {OwnerMigrated("r")}
            ) AS judged
            WHERE kind IS NOT NULL
            UNION ALL
            SELECT '{AccessTokenExpired}', a.user_id FROM {source.ReadWhole("access_tokens AS a")} CROSS JOIN users AS u
            WHERE a.refresh_token_id IS NULL AND a.puppets_user_id IS NULL AND a.valid_until_ms < @now
              AND {OwnerMigrated("a")}
            """, new { now = source.SnapshotTime.ToUnixTimeMilliseconds() }, cancellationToken);

        static string OwnerMigrated(string token) =>
            $"u.name = {token}.user_id AND u.appservice_id IS NULL AND u.deactivated = 0 AND u.is_guest = 0";
    }
}
