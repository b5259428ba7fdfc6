namespace Syn2Mas.Net.Configuration;

/// <summary>Everything read from the configuration files and options, checked for shape but not yet against the databases.</summary>
/// <param name="Mas">Null when no MAS configuration file was given.</param>
/// <param name="MasDatabase">MAS's database from its configuration or <c>--mas-database-uri</c>; null when neither was given.</param>
public sealed record LoadedConfiguration(
    SynapseConfig Synapse,
    MasConfig? Mas,
    PostgresConnectionSettings? MasDatabase,
    UpstreamProviderMapping ProviderMapping)
{
    /// <summary>Lines the operator should read (a password on the command line, an ignored password file); never a secret.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public static LoadedConfiguration Load(ConfigurationRequest request)
    {
        var warnings = new List<string>();
        WarnOfPasswordInOption(request.SynapseDatabaseUri, "--synapse-database-uri", warnings);
        WarnOfPasswordInOption(request.MasDatabaseUri, "--mas-database-uri", warnings);

        var synapse = SynapseConfigLoader.Load(request.SynapseConfigFiles, request.SynapseDatabaseUri);
        if (synapse.Database is SynapsePostgresDatabase postgres)
        {
            synapse = synapse with { Database = postgres with { Connection = PostgresPassword.Resolve(postgres.Connection, warnings) } };

            // TLS settings that cannot work are a configuration error, found before anything is opened.
            _ = PostgresTls.For(postgres.Connection);
        }

        var mas = request.MasConfigFiles.Count > 0 ? MasConfigLoader.Load(request.MasConfigFiles, request.MasDatabaseUri) : null;
        var masDatabase = mas?.Database
            ?? (string.IsNullOrEmpty(request.MasDatabaseUri) ? null : PostgresConnectionSettings.ParseOption(request.MasDatabaseUri, "--mas-database-uri"));
        if (masDatabase is not null)
        {
            masDatabase = PostgresPassword.Resolve(masDatabase, warnings);
            _ = PostgresTls.For(masDatabase);
            mas = mas is null ? null : mas with { Database = masDatabase };
        }

        return new LoadedConfiguration(synapse, mas, masDatabase, UpstreamProviderMapping.Create(mas, request.UpstreamProviderMappings))
        {
            Warnings = warnings.Distinct().ToList(),
        };
    }

    private static void WarnOfPasswordInOption(string? value, string option, List<string> warnings)
    {
        if (string.IsNullOrEmpty(value) || !PostgresConnectionSettings.IsPostgresUri(value) && !value.Contains('=', StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            if (!string.IsNullOrEmpty(PostgresConnectionSettings.Parse(value).Password))
            {
                warnings.Add(
                    $"{option} holds a password, which other users of this machine can see (ps, /proc); "
                    + "give it through PGPASSWORD, PGPASSFILE or ~/.pgpass instead.");
            }
        }
        catch (ConfigurationException)
        {
            // Loading reports the malformed value.
        }
    }
}
