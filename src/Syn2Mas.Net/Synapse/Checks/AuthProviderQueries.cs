using Dapper;

namespace Syn2Mas.Net.Synapse.Checks;

/// <summary>How <c>user_external_ids</c> uses each <c>auth_provider</c>, and subjects two providers share.</summary>
internal static class AuthProviderQueries
{
    /// <summary>
    /// Links and users per provider. Users are counted by grouping per provider and user first, not with
    /// count(DISTINCT …), which SQLite fills into a b-tree in random order: at 4M users that took 7.6 times
    /// the CPU it took at 1M. Whether a link's owner migrates is found by sorting users and links by id
    /// together, where looking each owner up in users read users in random order (5.7 times). (The sums
    /// are cast because PostgreSQL sums bigints as numeric.)
    /// </summary>
    public static async Task<IReadOnlyList<AuthProviderUsage>> UsageAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        var rows = await source.QueryAsync<(string AuthProvider, long Links, long Users, long MigratedLinks, long MigratedUsers)>(
            """
            SELECT auth_provider, CAST(sum(links) AS BIGINT), count(*), CAST(sum(migrated_links) AS BIGINT), count(CASE WHEN migrated_links > 0 THEN 1 END)
            FROM (SELECT auth_provider, id, count(*) AS links, sum(owner_migrates) AS migrated_links
                  FROM (SELECT id, auth_provider, is_link,
                               max(CASE WHEN is_link = 0 AND appservice_id IS NULL THEN 1 ELSE 0 END) OVER (PARTITION BY id) AS owner_migrates
                        FROM (SELECT name AS id, NULL AS auth_provider, 0 AS is_link, appservice_id FROM users
                              UNION ALL
                              SELECT user_id, auth_provider, 1, NULL FROM user_external_ids) AS by_id) AS owned
                  WHERE is_link = 1
                  GROUP BY auth_provider, id) AS per_user
            GROUP BY auth_provider
            """,
            cancellationToken: cancellationToken);
        return rows.Select(row => new AuthProviderUsage(row.AuthProvider, row.Links, row.Users, row.MigratedLinks, row.MigratedUsers))
            .OrderBy(usage => usage.AuthProvider, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The users linked to each of <paramref name="authProviders"/>, keyed by provider.</summary>
    public static async Task<IReadOnlyDictionary<string, ProblemSummary>> UsersAsync(
        SynapseSource source, IReadOnlyList<string> authProviders, CancellationToken cancellationToken)
    {
        if (authProviders.Count == 0)
        {
            return new Dictionary<string, ProblemSummary>();
        }

        // One parameter per value: Dapper's list expansion would send an array to Npgsql, which IN cannot take.
        var parameters = new DynamicParameters();
        for (var index = 0; index < authProviders.Count; index++)
        {
            parameters.Add($"provider{index}", authProviders[index]);
        }

        var list = string.Join(", ", authProviders.Select((_, index) => $"@provider{index}"));
        return await ProblemRows.QueryAsync(
            source,
            $"SELECT auth_provider AS kind, user_id AS example FROM user_external_ids WHERE auth_provider IN ({list})",
            parameters,
            cancellationToken);
    }

    /// <summary>
    /// Subjects linked more than once under one target provider, where <paramref name="targets"/> names each
    /// auth_provider's target: per target, how many subjects and up to <see cref="ProblemSummary.MaxExamples"/>
    /// users involved. The mapping becomes a CASE that names each row's target, so all groups take one statement.
    /// </summary>
    public static async Task<IReadOnlyList<(string Target, string UserId, long Subjects)>> SharedSubjectsAsync(
        SynapseSource source, IReadOnlyList<(string AuthProvider, string Target)> targets, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        var cases = string.Join(" ", targets.Select((entry, index) =>
        {
            parameters.Add($"idp{index}", entry.AuthProvider);
            parameters.Add($"target{index}", entry.Target);
            return $"WHEN @idp{index} THEN @target{index}";
        }));
        var list = string.Join(", ", targets.Select((_, index) => $"@idp{index}"));
        var order = $"{source.ByteOrder("user_id")}";
        var rows = await source.QueryAsync<(string Target, string UserId, long Subjects)>($"""
            WITH linked AS (
                SELECT CASE auth_provider {cases} END AS provider, external_id, user_id
                FROM user_external_ids
                WHERE auth_provider IN ({list})
            ),
            conflicts AS (
                SELECT provider, external_id FROM linked GROUP BY provider, external_id HAVING count(*) > 1
            ),
            ranked AS (
                SELECT provider, user_id, dense_rank() OVER (PARTITION BY provider ORDER BY {order}) AS example_rank
                FROM (SELECT l.provider, l.user_id
                      FROM linked AS l JOIN conflicts AS c ON c.provider = l.provider AND c.external_id = l.external_id) AS involved
            )
            SELECT DISTINCT r.provider, r.user_id, (SELECT count(*) FROM conflicts AS c WHERE c.provider = r.provider) AS subjects
            FROM ranked AS r
            WHERE r.example_rank <= {ProblemSummary.MaxExamples}
            """, parameters, cancellationToken);
        return rows.ToList();
    }
}
