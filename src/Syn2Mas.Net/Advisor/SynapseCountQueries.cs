using System.Globalization;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Advisor;

/// <summary>Reads <see cref="SynapseCounts"/> with one aggregate statement per table family.</summary>
internal static class SynapseCountQueries
{
    public static async Task<SynapseCounts> ReadAsync(
        SynapseSource source, IReadOnlyList<AuthProviderUsage> authProviders, CancellationToken cancellationToken)
    {
        // count(CASE … END) rather than SUM: it is 0, not NULL, on an empty table and bigint in both dialects.
        var locked = source.Schema.HasColumn("users", "locked")
            ? $"count(CASE WHEN {source.IsTrue("locked")} THEN 1 END)"
            : "CAST(0 AS BIGINT)";
        var users = await ReadRowAsync(source, $"""
            SELECT count(*) AS users,
                   count(CASE WHEN admin = 0 AND is_guest = 0 AND deactivated = 0 AND appservice_id IS NULL THEN 1 END) AS normal_users,
                   count(CASE WHEN admin <> 0 THEN 1 END) AS admin_users,
                   count(CASE WHEN is_guest <> 0 THEN 1 END) AS guest_users,
                   count(CASE WHEN deactivated <> 0 THEN 1 END) AS deactivated_users,
                   {locked} AS locked_users,
                   count(CASE WHEN appservice_id IS NOT NULL THEN 1 END) AS appservice_users,
                   count(CASE WHEN password_hash IS NOT NULL AND password_hash <> '' THEN 1 END) AS users_with_password
            FROM users
            """, cancellationToken);
        var tokens = await ReadRowAsync(source, """
            SELECT count(*) AS access_tokens,
                   count(device_id) AS with_device,
                   count(CASE WHEN device_id IS NULL THEN 1 END) AS deviceless,
                   count(puppets_user_id) AS puppets,
                   count(refresh_token_id) AS refreshable
            FROM access_tokens
            """, cancellationToken);
        var others = await ReadRowAsync(source, """
            SELECT (SELECT count(*) FROM user_threepids WHERE medium = 'email') AS emails,
                   (SELECT count(*) FROM user_threepids WHERE medium <> 'email') AS other_threepids,
                   (SELECT count(*) FROM devices) AS devices,
                   (SELECT count(*) FROM refresh_tokens) AS refresh_tokens
            """, cancellationToken);

        return new SynapseCounts
        {
            Users = users["users"],
            NormalUsers = users["normal_users"],
            AdminUsers = users["admin_users"],
            GuestUsers = users["guest_users"],
            DeactivatedUsers = users["deactivated_users"],
            LockedUsers = users["locked_users"],
            AppserviceUsers = users["appservice_users"],
            UsersWithPassword = users["users_with_password"],
            Emails = others["emails"],
            OtherThreepids = others["other_threepids"],
            ExternalIdsByAuthProvider = new SortedDictionary<string, long>(
                authProviders.ToDictionary(usage => usage.AuthProvider, usage => usage.Links, StringComparer.Ordinal), StringComparer.Ordinal),
            Devices = others["devices"],
            AccessTokens = tokens["access_tokens"],
            AccessTokensWithDevice = tokens["with_device"],
            DevicelessAccessTokens = tokens["deviceless"],
            PuppetAccessTokens = tokens["puppets"],
            RefreshableAccessTokens = tokens["refreshable"],
            RefreshTokens = others["refresh_tokens"],
        };
    }

    private static async Task<IReadOnlyDictionary<string, long>> ReadRowAsync(SynapseSource source, string sql, CancellationToken cancellationToken)
    {
        var row = (IDictionary<string, object>)await source.QuerySingleAsync<dynamic>(sql, null, cancellationToken);
        return row.ToDictionary(column => column.Key, column => Convert.ToInt64(column.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }
}
