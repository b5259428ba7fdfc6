using System.Globalization;
using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// Tokens Synapse would refuse, which the migration leaves out (rules 4 and 5), and session lifetimes MAS
/// cannot carry, counted before the migration at the snapshot's time, the "now" the migration uses too.
/// Only the tokens of users whose tokens are looked at are counted: not of application service,
/// deactivated or guest users, whose tokens are never migrated.
/// </summary>
internal static class TokenChecks
{
    /// <summary>The refusal reasons in the order the mapper tests them, with their words for the message.</summary>
    private static readonly (string Reason, string Words)[] Refusals =
    [
        (SkipReasons.SuccessorUsed, "successor's access token used"),
        (SkipReasons.SuccessorRefreshed, "successor refreshed"),
        (SkipReasons.SessionExpired, "session lifetime over"),
        (SkipReasons.RefreshTokenExpired, "expired"),
    ];

    private const string Bounded = "session-bounded";

    public static async Task<IReadOnlyList<Finding>> RunAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        var hasExpiry = source.Schema.HasColumn("refresh_tokens", "expiry_ts");
        var hasLifetime = source.Schema.HasColumn("refresh_tokens", "ultimate_session_expiry_ts");
        var lifetime = hasLifetime ? "r.ultimate_session_expiry_ts" : "NULL";
        var expiry = hasExpiry ? "r.expiry_ts" : "NULL";
        const string TokenOwners = "(SELECT name FROM users WHERE appservice_id IS NULL AND deactivated = 0 AND is_guest = 0)";

        // As Synapse's own lookup_refresh_token: the successor by its primary key, its access token through
        // access_tokens' index on refresh_token_id.
        var problems = await ProblemRows.QueryAsync(source, $"""
            SELECT kind, example FROM (
                SELECT CASE
                           WHEN EXISTS (SELECT 1 FROM access_tokens AS a
                                        WHERE a.refresh_token_id = r.next_token_id AND {source.IsTrue("a.used")}) THEN '{SkipReasons.SuccessorUsed}'
                           WHEN n.next_token_id IS NOT NULL THEN '{SkipReasons.SuccessorRefreshed}'
                           WHEN {lifetime} < @now THEN '{SkipReasons.SessionExpired}'
                           WHEN {expiry} < @now THEN '{SkipReasons.RefreshTokenExpired}'
                           WHEN {lifetime} IS NOT NULL THEN '{Bounded}'
                       END AS kind,
                       r.user_id AS example
                FROM refresh_tokens AS r
                LEFT JOIN refresh_tokens AS n ON n.id = r.next_token_id
                WHERE r.user_id IN {TokenOwners}
            ) AS judged
            WHERE kind IS NOT NULL
            UNION ALL
            SELECT '{SkipReasons.AccessTokenExpired}', user_id FROM access_tokens
            WHERE refresh_token_id IS NULL AND puppets_user_id IS NULL AND valid_until_ms < @now AND user_id IN {TokenOwners}
            """, new { now = source.SnapshotTime.ToUnixTimeMilliseconds() }, cancellationToken);

        var findings = new List<Finding>();
        var refused = Refusals.Where(entry => problems.ContainsKey(entry.Reason)).ToList();
        problems.TryGetValue(SkipReasons.AccessTokenExpired, out var expiredAccess);
        if (refused.Count > 0 || expiredAccess is not null)
        {
            var refreshCount = refused.Sum(entry => problems[entry.Reason].Count);
            var parts = new List<string>();
            if (refused.Count > 0)
            {
                parts.Add($"{Quantity.Of(refreshCount, "refresh token", "refresh tokens")} with their access tokens ("
                    + string.Join(", ", refused.Select(entry => $"{entry.Words}: {problems[entry.Reason].Count.ToString("N0", CultureInfo.InvariantCulture)}")) + ")");
            }

            if (expiredAccess is not null)
            {
                parts.Add($"{Quantity.Of(expiredAccess.Count, "access token", "access tokens")} past their valid_until_ms");
            }

            var examples = refused.Select(entry => problems[entry.Reason]).Append(expiredAccess).OfType<ProblemSummary>()
                .SelectMany(summary => summary.Examples).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(Finding.MaxExamples).ToList();
            findings.Add(FindingCatalog.TokensRefusedBySynapse.Report(
                $"Synapse would refuse {string.Join(" and ", parts)} as of {source.SnapshotTime:yyyy-MM-dd'T'HH:mm:ss'Z'}: they are not migrated, so that none comes back to life in MAS",
                refreshCount + (expiredAccess?.Count ?? 0),
                examples));
        }

        if (problems.TryGetValue(Bounded, out var bounded))
        {
            findings.Add(FindingCatalog.SessionLifetimeNotCarried.Report(
                $"{Quantity.Of(bounded.Count, "refresh token", "refresh tokens")} in sessions with a future ultimate_session_expiry_ts (Synapse's refresh_token_lifetime bound): "
                + "MAS's compat sessions have no such bound, so these sessions will last until they are logged out or ended in MAS",
                bounded.Count,
                bounded.Examples));
        }

        return findings;
    }
}
