using System.Globalization;

namespace Syn2Mas.Net.Synapse.Checks;

/// <summary>The exact row counts of the tables a migration reads, with one aggregate statement per table family.</summary>
internal static class CountQueries
{
    /// <summary>The counts by name: the column aliases of the statements below.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> ReadAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        // count(CASE … END) rather than SUM: it is 0, not NULL, on an empty table and bigint in both dialects.
        var locked = source.Schema.HasColumn("users", "locked")
            ? $"count(CASE WHEN {source.IsTrue("locked")} THEN 1 END)"
            : "CAST(0 AS BIGINT)";
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await ReadRowAsync($"""
            SELECT count(*) AS users,
                   count(CASE WHEN admin = 0 AND is_guest = 0 AND deactivated = 0 AND appservice_id IS NULL THEN 1 END) AS normal_users,
                   count(CASE WHEN admin <> 0 THEN 1 END) AS admin_users,
                   count(CASE WHEN is_guest <> 0 THEN 1 END) AS guest_users,
                   count(CASE WHEN deactivated <> 0 THEN 1 END) AS deactivated_users,
                   {locked} AS locked_users,
                   count(CASE WHEN appservice_id IS NOT NULL THEN 1 END) AS appservice_users,
                   count(CASE WHEN password_hash IS NOT NULL AND password_hash <> '' THEN 1 END) AS users_with_password
            FROM users
            """);
        await ReadRowAsync("""
            SELECT count(*) AS access_tokens,
                   count(device_id) AS with_device,
                   count(CASE WHEN device_id IS NULL THEN 1 END) AS deviceless,
                   count(puppets_user_id) AS puppets,
                   count(refresh_token_id) AS refreshable
            FROM access_tokens
            """);
        await ReadRowAsync("""
            SELECT (SELECT count(*) FROM user_threepids WHERE medium = 'email') AS emails,
                   (SELECT count(*) FROM user_threepids WHERE medium <> 'email') AS other_threepids,
                   (SELECT count(*) FROM devices) AS devices,
                   (SELECT count(*) FROM refresh_tokens) AS refresh_tokens
            """);
        return counts;

        async Task ReadRowAsync(string sql)
        {
            var row = (IDictionary<string, object>)await source.QuerySingleAsync<dynamic>(sql, null, cancellationToken);
            foreach (var (name, value) in row)
            {
                counts[name] = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            }
        }
    }
}
