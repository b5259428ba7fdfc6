using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;
using Syn2Mas.Net.Synapse.Checks;

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
        var problems = await EmailQueries.ProblemsAsync(source, cancellationToken);
        var findings = new List<Finding>();
        findings.AddIfFound(problems, EmailQueries.Shared, FindingCatalog.EmailsDifferInCase, shared =>
            $"{Quantity.Of(shared.Count, "email", "emails")} whose address, ignoring case, belongs to more than one user: MAS looks addresses up ignoring case, "
            + "so one recovery address would serve several accounts; migrated unchanged, correct them in Synapse to choose");
        findings.AddIfFound(problems, EmailQueries.Twice, FindingCatalog.EmailsDifferInCase, twice =>
            $"{Quantity.Of(twice.Count, "email", "emails")} repeating an address of the same user in another case: MAS will hold each; migrated unchanged");
        findings.AddIfFound(problems, EmailQueries.Whitespace, FindingCatalog.EmailsMalformed, whitespace =>
            $"{Quantity.Of(whitespace.Count, "email", "emails")} with whitespace around the address: migrated unchanged, so MAS would not match it when the user types it");
        findings.AddIfFound(problems, EmailQueries.NotAnAddress, FindingCatalog.EmailsMalformed, notAddress =>
            $"{Quantity.Of(notAddress.Count, "email", "emails")} that are not an address (no `@` between two parts): migrated unchanged, unusable for recovery in MAS");
        return findings;
    }
}
