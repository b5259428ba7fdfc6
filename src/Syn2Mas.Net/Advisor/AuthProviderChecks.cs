using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Identifiers;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;
using Syn2Mas.Net.Synapse.Checks;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// Checks <c>user_external_ids</c> against Synapse's configured identity providers and the mapping to MAS
/// providers (docs/behaviour.md, rule: provider-mapping and rule: provider-checks).
/// </summary>
internal static class AuthProviderChecks
{
    /// <summary>What an earlier MAS attempt leaves in <c>user_external_ids.auth_provider</c>.</summary>
    public const string OauthDelegated = "oauth-delegated";

    public static async Task<IReadOnlyList<Finding>> RunAsync(
        SynapseSource source,
        IReadOnlyList<AuthProviderUsage> usages,
        SynapseConfig config,
        UpstreamProviderMapping mapping,
        AdvisorOptions options,
        CancellationToken cancellationToken)
    {
        var configured = ConfiguredIdpIds(config);
        var missingSeverity = AdvisorOptions.ErrorUnless(options.IgnoreMissingAuthProviders);
        var missingConsequence = options.IgnoreMissingAuthProviders
            ? "--ignore-missing-auth-providers skips their links"
            : "map it with `synapse_idp_id` in MAS or --upstream-provider-mapping, or pass --ignore-missing-auth-providers to skip their links";

        var needExamples = usages
            .Where(usage => usage.AuthProvider == OauthDelegated || !mapping.TryGetProvider(usage.AuthProvider, out _))
            .Select(usage => usage.AuthProvider)
            .ToList();
        var examples = await AuthProviderQueries.UsersAsync(source, needExamples, cancellationToken);

        var findings = new List<Finding>();
        foreach (var usage in usages)
        {
            var mapped = mapping.TryGetProvider(usage.AuthProvider, out var providerId);
            var linked = $"{Quantity.Of(usage.Users, "user", "users")} ({Quantity.Of(usage.Links, "link", "links")})";
            var migrated = $"{Quantity.Of(usage.MigratedUsers, "user", "users")} ({Quantity.Of(usage.MigratedLinks, "link", "links")})";
            var notMigrated = usage.Links - usage.MigratedLinks;
            findings.Add(FindingCatalog.AuthProviderUsage.Report(
                $"auth_provider `{usage.AuthProvider}`: {migrated}, " + (mapped ? $"mapped to MAS provider {MasProviderId(providerId)}" : "not mapped")
                + (notMigrated == 0 ? "" : $"; {Quantity.Of(notMigrated, "link", "links")} of application service users or of ids not in users are not migrated"),
                usage.MigratedUsers));

            var userExamples = examples.TryGetValue(usage.AuthProvider, out var summary) ? summary.Examples : [];
            if (usage.AuthProvider == OauthDelegated)
            {
                findings.Add(FindingCatalog.OauthDelegatedLeftovers.Report(
                    $"{linked} with `oauth-delegated` links left by an earlier MAS attempt: remove them in Synapse's database with "
                    + "DELETE FROM user_external_ids WHERE auth_provider = 'oauth-delegated';",
                    usage.Users,
                    userExamples));
            }
            else if (!mapped && usage.MigratedLinks > 0 && !configured.Contains(usage.AuthProvider))
            {
                findings.Add(FindingCatalog.AuthProviderUnknown.Report(
                    missingSeverity,
                    $"auth_provider `{usage.AuthProvider}` has {linked} but is neither configured in Synapse nor mapped to a MAS provider; {missingConsequence}",
                    usage.Users,
                    userExamples));
            }
            else if (!mapped && usage.MigratedLinks > 0)
            {
                findings.Add(FindingCatalog.AuthProviderUnmapped.Report(
                    missingSeverity,
                    $"Synapse identity provider `{usage.AuthProvider}` has {linked} and no MAS provider mapped to it; {missingConsequence}",
                    usage.Users,
                    userExamples));
            }
        }

        findings.AddRange(await SubjectConflictsAsync(source, usages, mapping, cancellationToken));
        return findings;
    }

    /// <summary>The <c>auth_provider</c> values Synapse's configuration can produce (behaviour.md, "Synapse IdP ids").</summary>
    private static HashSet<string> ConfiguredIdpIds(SynapseConfig config)
    {
        var ids = config.OidcProviders.Select(provider => provider.IdpId).ToHashSet(StringComparer.Ordinal);
        if (config.Saml2Enabled)
        {
            ids.Add("saml");
        }

        if (config.CasEnabled)
        {
            ids.Add("cas");
        }

        return ids;
    }

    /// <summary>
    /// MAS keeps one link per (provider, subject), so two Synapse providers mapped to one MAS provider must
    /// not share a subject: subjects seen twice under one MAS provider are the conflicts.
    /// </summary>
    private static async Task<IReadOnlyList<Finding>> SubjectConflictsAsync(
        SynapseSource source, IReadOnlyList<AuthProviderUsage> usages, UpstreamProviderMapping mapping, CancellationToken cancellationToken)
    {
        var shared = usages
            .Select(usage => (usage.AuthProvider, Mapped: mapping.TryGetProvider(usage.AuthProvider, out var id), ProviderId: id))
            .Where(entry => entry.Mapped)
            .GroupBy(entry => entry.ProviderId)
            .Where(group => group.Count() > 1)
            .SelectMany(group => group)
            .ToList();
        if (shared.Count == 0)
        {
            return [];
        }

        var rows = await AuthProviderQueries.SharedSubjectsAsync(
            source, shared.Select(entry => (entry.AuthProvider, entry.ProviderId.ToString("D"))).ToList(), cancellationToken);

        return rows
            .GroupBy(row => row.Target, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group =>
            {
                var providerId = Guid.Parse(group.Key);
                var authProviders = shared.Where(entry => entry.ProviderId == providerId).Select(entry => $"`{entry.AuthProvider}`");
                var subjects = group.First().Subjects;
                return FindingCatalog.ProviderSubjectConflict.Report(
                    $"auth_providers {string.Join(", ", authProviders)} all map to MAS provider {MasProviderId(providerId)} and share {subjects} subjects, "
                    + "which MAS's upstream_oauth_links_subject_unique refuses; map them to different MAS providers or remove the duplicate links",
                    subjects,
                    group.Select(row => ExampleText.Of(row.UserId)).Order(StringComparer.Ordinal).ToList());
            })
            .ToList();
    }

    /// <summary>The id as operators write it in MAS's configuration: a ULID.</summary>
    private static string MasProviderId(Guid providerId) => UlidUuid.ToUlid(providerId).ToString();
}
