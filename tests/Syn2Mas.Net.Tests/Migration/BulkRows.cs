using System.Globalization;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// A Synapse database big enough that a migration takes a while, made by the database itself from a
/// counter (a recursive CTE, which both dialects run as written; typed NULLs, as PostgreSQL types a
/// UNION by its first branch): per user a password, an email, two
/// devices with a token each and, on one of them, a refreshable pair.
/// </summary>
internal static class BulkRows
{
    public const string PasswordHash = "$2b$12$bulkSALTbulkSALTbulkSOhashbulkhashbulkhashbulkhashbulkha";

    /// <summary>MAS rows per Synapse user: users, passwords, emails, 2 sessions, 3 access tokens, 1 refresh token.</summary>
    public const int MasRowsPerUser = 1 + 1 + 1 + 2 + 3 + 1;

    public static string Sql(int users)
    {
        var counter = string.Create(CultureInfo.InvariantCulture, $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {users})");
        return $"""
            {counter}
            INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, deactivated)
            SELECT '@bulk' || i || ':example.com', '{PasswordHash}', 1500000000 + i, 0, 0, 0 FROM n;
            {counter}
            INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at)
            SELECT '@bulk' || i || ':example.com', 'email', 'bulk' || i || '@example.org', 1600000000000 + i, 1600000000000 + i FROM n;
            {counter}
            INSERT INTO devices (user_id, device_id, display_name, last_seen, ip, user_agent, hidden)
            SELECT '@bulk' || i || ':example.com', 'PHONE', 'Phone', 1700000000000 + i, '192.0.2.1', 'Element X/1.0', FALSE FROM n
            UNION ALL
            SELECT '@bulk' || i || ':example.com', 'LAPTOP', 'Laptop', 1700000000000 + i, '2001:db8::1', 'Firefox/130.0', FALSE FROM n;
            {counter}
            INSERT INTO refresh_tokens (id, user_id, device_id, token)
            SELECT i, '@bulk' || i || ':example.com', 'LAPTOP', 'syr_bulk_' || i || '_refresh' FROM n;
            {counter}
            INSERT INTO access_tokens (id, user_id, device_id, token, valid_until_ms, last_validated, refresh_token_id, used)
            SELECT 3 * i, '@bulk' || i || ':example.com', 'PHONE', 'syt_bulk_' || i || '_phone', CAST(NULL AS BIGINT), 1700000000000 + i, CAST(NULL AS BIGINT), CAST(NULL AS BOOLEAN) FROM n
            UNION ALL
            SELECT 3 * i + 1, '@bulk' || i || ':example.com', 'LAPTOP', 'syt_bulk_' || i || '_laptop', CAST(NULL AS BIGINT), 1700000000000 + i, CAST(NULL AS BIGINT), CAST(NULL AS BOOLEAN) FROM n
            UNION ALL
            SELECT 3 * i + 2, '@bulk' || i || ':example.com', 'LAPTOP', 'syt_bulk_' || i || '_pair', 1800000000000 + i, 1700000000000 + i, i, FALSE FROM n;
            """;
    }
}
