using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// rule: case-variants.
/// User ids that differ only in case, which old Synapse servers allowed. Case is folded with the database's
/// own <c>lower()</c>, as Synapse's password login does (<c>get_users_by_id_case_insensitive</c>): it lets
/// <c>@Alice</c> log in as <c>@alice</c> when that is the only match. Its access token and device look-ups
/// use the exact id, so a dependent row whose user id matches a user only when case is ignored was never that
/// user's: it stays an orphan (rule 7), and the finding names the user it resembles.
/// </summary>
internal static class CaseChecks
{
    /// <summary>The tables whose rows name a user in <c>user_id</c>, as the orphan check reads them.</summary>
    private static readonly string[] DependentTables = ["user_threepids", "user_external_ids", "devices", "access_tokens", "refresh_tokens"];

    public static async Task<IReadOnlyList<Finding>> RunAsync(SynapseSource source, bool hasOrphans, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var separator = " / ";
        var members = source.Dialect == SynapseDialect.Postgres
            ? $"string_agg(name, '{separator}' ORDER BY {source.ByteOrder("name")})"
            : $"group_concat(name, '{separator}' ORDER BY name)";
        var groups = await ProblemRows.QueryAsync(source, $"""
            SELECT 'case' AS kind, {members} AS example FROM users
            WHERE appservice_id IS NULL AND name IS NOT NULL
            GROUP BY lower(name) HAVING count(*) > 1
            """, null, cancellationToken);
        if (groups.TryGetValue("case", out var names))
        {
            findings.Add(FindingCatalog.UsernamesDifferInCase.Report(
                $"{Quantity.Of(names.Count, "group", "groups")} of user ids that differ only in case: each migrates as it is, and MAS logs users in by exact username, "
                + "where Synapse's password login let a user type any case when only one id matched; tell these users to type their id exactly",
                names.Count, names.Examples));
        }

        if (hasOrphans)
        {
            findings.AddRange(await OrphansMatchingInCaseAsync(source, cancellationToken));
        }

        return findings;
    }

    /// <summary>
    /// Orphan user ids that a user matches when case is ignored. The orphans are few and set aside first;
    /// users is then read once, each name folded and looked up among them (CROSS JOIN keeps SQLite to that order).
    /// </summary>
    private static async Task<IReadOnlyList<Finding>> OrphansMatchingInCaseAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        var orphans = string.Join("\nUNION\n", DependentTables.Select(table => $"""
            SELECT t.user_id, lower(t.user_id) AS lowered FROM {table} AS t
            WHERE NOT EXISTS (SELECT 1 FROM users AS u WHERE u.name = t.user_id)
            """));
        var problems = await ProblemRows.QueryAsync(source, $"""
            orphans AS MATERIALIZED ({orphans})
            """, $"""
            SELECT 'case' AS kind, o.user_id || ' (users has ' || u.name || ')' AS example
            FROM users AS u CROSS JOIN orphans AS o
            WHERE o.lowered = lower(u.name)
            """, null, cancellationToken);
        return problems.TryGetValue("case", out var matches)
            ? [FindingCatalog.OrphansMatchInCase.Report(
                $"{Quantity.Of(matches.Count, "orphan user id", "orphan user ids")} of the orphan rows match a user only when case is ignored: Synapse never attached such rows "
                + "(its token and device look-ups use the exact id), so neither does the migration; to keep them, change their user_id to the user's exact id in Synapse",
                matches.Count, matches.Examples)]
            : [];
    }
}
