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
    public static LoadedConfiguration Load(ConfigurationRequest request)
    {
        var synapse = SynapseConfigLoader.Load(request.SynapseConfigFiles, request.SynapseDatabaseUri);
        var mas = request.MasConfigFiles.Count > 0 ? MasConfigLoader.Load(request.MasConfigFiles, request.MasDatabaseUri) : null;
        var masDatabase = mas?.Database
            ?? (string.IsNullOrEmpty(request.MasDatabaseUri) ? null : PostgresConnectionSettings.Parse(request.MasDatabaseUri));
        return new LoadedConfiguration(synapse, mas, masDatabase, UpstreamProviderMapping.Create(mas, request.UpstreamProviderMappings));
    }
}
