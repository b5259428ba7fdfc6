using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;
using Syn2Mas.Net.Synapse.Checks;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// Application service users are never migrated (rule 1), so a registration that is gone changes nothing
/// for the migration; but users of an <c>appservice_id</c> no registration file declares are leftovers the
/// admin may want to know of. Only the <c>id</c> of each file of <c>app_service_config_files</c> is read,
/// through the same bounded reader as every configuration file; a file that cannot be read is reported, not
/// fatal, since Synapse's own configuration is not what is being migrated.
/// </summary>
internal static class AppserviceChecks
{
    public static async Task<IReadOnlyList<Finding>> RunAsync(SynapseSource source, SynapseConfig config, CancellationToken cancellationToken)
    {
        if (config.AppServiceConfigFiles.Count == 0)
        {
            return [];
        }

        var findings = new List<Finding>();
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in config.AppServiceConfigFiles)
        {
            try
            {
                if (ConfigurationFiles.Load([file], "application service")["id"].AsString() is { } id)
                {
                    declared.Add(id);
                }
            }
            catch (ConfigurationException exception)
            {
                findings.Add(FindingCatalog.AppserviceUnknown.Report(
                    $"app_service_config_files: {ExampleText.Of(exception.Message)} Its users, if any, are reported as of an undeclared appservice_id."));
            }
        }

        var users = await UserQueries.AppserviceUsersAsync(source, cancellationToken);
        foreach (var (appserviceId, summary) in users.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!declared.Contains(appserviceId))
            {
                findings.Add(FindingCatalog.AppserviceUnknown.Report(
                    $"{Quantity.Of(summary.Count, "user", "users")} of appservice_id `{ExampleText.Of(appserviceId)}`, which no file of app_service_config_files declares: "
                    + "they are skipped like every application service user; a registration removed from Synapse leaves such users behind",
                    summary.Count, summary.Examples));
            }
        }

        return findings;
    }
}
