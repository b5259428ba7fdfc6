using System.Globalization;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;
using Syn2Mas.Net.Synapse.Checks;

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
        (TokenQueries.SuccessorUsed, "successor's access token used"),
        (TokenQueries.SuccessorRefreshed, "successor refreshed"),
        (TokenQueries.SessionExpired, "session lifetime over"),
        (TokenQueries.RefreshTokenExpired, "expired"),
    ];

    public static async Task<IReadOnlyList<Finding>> RunAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        var problems = await TokenQueries.RefusedAsync(source, cancellationToken);
        var findings = new List<Finding>();
        var refused = Refusals.Where(entry => problems.ContainsKey(entry.Reason)).ToList();
        problems.TryGetValue(TokenQueries.AccessTokenExpired, out var expiredAccess);
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

        findings.AddIfFound(problems, TokenQueries.SessionBounded, FindingCatalog.SessionLifetimeNotCarried, bounded =>
            $"{Quantity.Of(bounded.Count, "refresh token", "refresh tokens")} in sessions with a future ultimate_session_expiry_ts (Synapse's refresh_token_lifetime bound): "
            + "MAS's compat sessions have no such bound, so these sessions will last until they are logged out or ended in MAS");

        return findings;
    }
}
