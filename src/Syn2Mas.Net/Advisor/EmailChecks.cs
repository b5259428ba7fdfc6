using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// rule: email-variants.
/// Email addresses that MAS will treat differently from Synapse. MAS looks addresses up ignoring case, so
/// one address on two users (or twice on one) becomes ambiguous there; and it cannot use an address with
/// surrounding whitespace or one that is no address at all. Addresses are migrated unchanged all the same:
/// the admin decides. Only the emails that migrate are looked at (rule 2: not of application service or
/// deactivated users).
/// </summary>
internal static class EmailChecks
{
    public static async Task<IReadOnlyList<Finding>> RunAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        var trimmed = source.Dialect == SynapseDialect.Postgres
            ? "btrim(address, E' \\t\\r\\n')"
            : "trim(address, ' ' || char(9) || char(13) || char(10))";
        var at = source.Position("address", "'@'");
        // Window functions rather than a join to a grouped copy: one sort, whatever the planner believes
        // about the row counts (a join planned blind, in a database without statistics, went quadratic).
        var problems = await ProblemRows.QueryAsync(source, $"""
            emails AS MATERIALIZED (
                SELECT user_id, address,
                       min(user_id) OVER (PARTITION BY lowered) AS first_owner,
                       max(user_id) OVER (PARTITION BY lowered) AS last_owner,
                       count(*) OVER (PARTITION BY user_id, lowered) AS copies
                FROM (SELECT user_id, address, lower(address) AS lowered FROM user_threepids
                      WHERE {source.NotIndexed("medium")} = 'email'
                        AND user_id IN (SELECT name FROM users WHERE appservice_id IS NULL AND deactivated = 0)) AS migrated)
            """, $"""
            SELECT 'shared' AS kind, user_id AS example FROM emails WHERE first_owner <> last_owner
            UNION ALL
            SELECT 'twice', user_id FROM emails WHERE copies > 1
            UNION ALL
            SELECT 'whitespace', user_id FROM emails WHERE address <> {trimmed}
            UNION ALL
            SELECT 'not-an-address', user_id FROM emails
            WHERE {at} <= 1 OR substr(address, length(address), 1) = '@'
            """, null, cancellationToken);

        var findings = new List<Finding>();
        if (problems.TryGetValue("shared", out var shared))
        {
            findings.Add(FindingCatalog.EmailsDifferInCase.Report(
                $"{Quantity.Of(shared.Count, "email", "emails")} whose address, ignoring case, belongs to more than one user: MAS looks addresses up ignoring case, "
                + "so one recovery address would serve several accounts; migrated unchanged, correct them in Synapse to choose",
                shared.Count, shared.Examples));
        }

        if (problems.TryGetValue("twice", out var twice))
        {
            findings.Add(FindingCatalog.EmailsDifferInCase.Report(
                $"{Quantity.Of(twice.Count, "email", "emails")} repeating an address of the same user in another case: MAS will hold each; migrated unchanged",
                twice.Count, twice.Examples));
        }

        if (problems.TryGetValue("whitespace", out var whitespace))
        {
            findings.Add(FindingCatalog.EmailsMalformed.Report(
                $"{Quantity.Of(whitespace.Count, "email", "emails")} with whitespace around the address: migrated unchanged, so MAS would not match it when the user types it",
                whitespace.Count, whitespace.Examples));
        }

        if (problems.TryGetValue("not-an-address", out var notAddress))
        {
            findings.Add(FindingCatalog.EmailsMalformed.Report(
                $"{Quantity.Of(notAddress.Count, "email", "emails")} that are not an address (no `@` between two parts): migrated unchanged, unusable for recovery in MAS",
                notAddress.Count, notAddress.Examples));
        }

        return findings;
    }
}
