using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// Runs every check of behaviour.md "Checks" and gathers them into one report. It only reads: Synapse in
/// one read-only snapshot, MAS in a read-only transaction, so it is safe while Synapse runs.
/// </summary>
public static class AdvisorRunner
{
    public static async Task<AdvisorReport> RunAsync(LoadedConfiguration configuration, AdvisorOptions options, CancellationToken cancellationToken = default)
    {
        await using var source = await SynapseSource.OpenAsync(configuration.Synapse.Database, cancellationToken);
        return await RunAsync(configuration, options, source, cancellationToken);
    }

    /// <summary>
    /// Runs the checks on a Synapse source the caller opened, so that a migration checks the very snapshot
    /// it then copies: nothing Synapse writes in between can slip past the checks.
    /// </summary>
    internal static async Task<AdvisorReport> RunAsync(LoadedConfiguration configuration, AdvisorOptions options, SynapseSource source, CancellationToken cancellationToken = default)
    {
        var synapseData = await CheckSynapseDataAsync(configuration, options, source, cancellationToken);
        var mas = await CheckMasAsync(configuration, cancellationToken);
        return Report(configuration, options, source, synapseData, mas);
    }

    /// <summary>The checks that read Synapse's rows: the slow part, which a migration runs beside its copy.</summary>
    internal static Task<SynapseDataReport> CheckSynapseDataAsync(
        LoadedConfiguration configuration, AdvisorOptions options, SynapseSource source, CancellationToken cancellationToken) =>
        SynapseDataChecks.RunAsync(source, configuration.Synapse, configuration.ProviderMapping, options, cancellationToken);

    /// <summary>The checks of MAS's database; null when no MAS database was given.</summary>
    internal static async Task<MasDatabaseReport?> CheckMasAsync(LoadedConfiguration configuration, CancellationToken cancellationToken) =>
        configuration.MasDatabase is { } masDatabase
            ? await MasDatabaseChecks.RunAsync(masDatabase, configuration.ProviderMapping, cancellationToken)
            : null;

    /// <summary>
    /// The report of every check: the configuration's, the source's, MAS's, and those of Synapse's data when
    /// <paramref name="synapseData"/> is given (without them, the report holds only what is known before
    /// Synapse's rows are read, and the configuration checks assume no user has a password).
    /// </summary>
    internal static AdvisorReport Report(
        LoadedConfiguration configuration, AdvisorOptions options, SynapseSource source, SynapseDataReport? synapseData, MasDatabaseReport? mas)
    {
        var findings = new List<Finding>();
        if (synapseData is not null)
        {
            findings.AddRange(synapseData.Findings);
        }

        if (source.OpenedImmutable)
        {
            findings.Add(FindingCatalog.SynapseSqliteImmutable.Report(
                $"{source.Description} is in a folder this tool cannot write its -shm file to, so it was opened immutable: "
                + "SQLite then ignores Synapse's writes, so stop Synapse before migrating (or make the folder writable)."));
        }

        if (source.OtherClients.Count > 0)
        {
            findings.Add(SynapseRunning(source, options));
        }

        findings.AddRange(ConfigurationChecks.Run(configuration.Synapse, configuration.Mas, synapseData?.Counts?.UsersWithPassword ?? 0));

        MasDatabaseInfo? masInfo = null;
        if (configuration.MasDatabase is { } masDatabase && mas is not null)
        {
            findings.AddRange(mas.Findings);
            masInfo = new MasDatabaseInfo(masDatabase.ToString(), mas.SchemaVersion);
        }
        else
        {
            findings.Add(FindingCatalog.MasNotChecked.Report(
                "No MAS configuration (--mas-config) or database (--mas-database-uri) was given: MAS, its password schemes and the provider mapping were not checked."));
        }

        return new AdvisorReport
        {
            Synapse = SynapseDatabaseInfo.Of(source),
            Mas = masInfo,
            Findings = Order(AllowWarnings(findings, options)),
            Counts = synapseData?.Counts,
        };
    }

    private static Finding SynapseRunning(SynapseSource source, AdvisorOptions options)
    {
        var clients = source.OtherClients;
        var what = source.Dialect == SynapseDialect.Postgres
            ? $"{clients.Count} other session{(clients.Count == 1 ? " is" : "s are")} connected to Synapse's database {source.Description}"
            : $"{clients.Count} other process{(clients.Count == 1 ? " has" : "es have")} Synapse's database {source.Description} open";
        var advice = options.RefuseRunningSynapse
            ? "stop Synapse and its workers (and close any other connection) before migrating; --dry-run works while Synapse runs, and --allow-running-synapse goes on anyway if none of them is Synapse"
            : "Synapse may be running: stop it and its workers before a real migration";
        return FindingCatalog.SynapseRunning.Report(
            options.RefuseRunningSynapse ? Severity.Error : Severity.Warning,
            $"{what}: {string.Join(", ", clients.Descriptions)}; {advice}",
            clients.Count);
    }

    /// <summary>
    /// Checks the codes given to <c>--allow-warnings</c>: a typo there would silently let a warning
    /// through, so an unknown code is a usage error.
    /// </summary>
    public static IReadOnlySet<string> ParseAllowedWarnings(IEnumerable<string> values)
    {
        var codes = values.SelectMany(value => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        var unknown = codes.Where(code => code != "all" && FindingCatalog.Find(code) is null).ToList();
        return unknown.Count == 0
            ? codes
            : throw new ConfigurationException(
                $"--allow-warnings names unknown finding code(s) {string.Join(", ", unknown)}; the README lists the codes, or use 'all'.");
    }

    private static IEnumerable<Finding> AllowWarnings(IEnumerable<Finding> findings, AdvisorOptions options) =>
        findings.Select(finding => finding.Severity == Severity.Warning && (options.AllowAllWarnings || options.AllowedWarnings.Contains(finding.Code))
            ? finding with { Severity = Severity.Note, Message = finding.Message + " (allowed by --allow-warnings)" }
            : finding);

    /// <summary>Errors, then warnings, then notes, each in catalog order; <c>doctor</c> orders its findings the same way.</summary>
    internal static List<Finding> Order(IEnumerable<Finding> findings)
    {
        var catalogOrder = FindingCatalog.All.Select((code, index) => (code.Code, index)).ToDictionary(pair => pair.Code, pair => pair.index);
        return findings
            .OrderBy(finding => finding.Severity)
            .ThenBy(finding => catalogOrder.GetValueOrDefault(finding.Code, int.MaxValue))
            .ToList();
    }
}
