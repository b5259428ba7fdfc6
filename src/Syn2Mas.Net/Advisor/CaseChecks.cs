using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;
using Syn2Mas.Net.Synapse.Checks;

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
    public static async Task<IReadOnlyList<Finding>> RunAsync(SynapseSource source, bool hasOrphans, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        findings.AddIfFound(await CaseQueries.GroupsAsync(source, cancellationToken), CaseQueries.Case, FindingCatalog.UsernamesDifferInCase, names =>
            $"{Quantity.Of(names.Count, "group", "groups")} of user ids that differ only in case: each migrates as it is, and MAS logs users in by exact username, "
            + "where Synapse's password login let a user type any case when only one id matched; tell these users to type their id exactly");
        if (hasOrphans)
        {
            findings.AddIfFound(await CaseQueries.OrphansMatchingAsync(source, cancellationToken), CaseQueries.Case, FindingCatalog.OrphansMatchInCase, matches =>
                $"{Quantity.Of(matches.Count, "orphan user id", "orphan user ids")} of the orphan rows match a user only when case is ignored: Synapse never attached such rows "
                + "(its token and device look-ups use the exact id), so neither does the migration; to keep them, change their user_id to the user's exact id in Synapse");
        }

        return findings;
    }
}
