using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>
/// behaviour.md "Inputs": the Synapse and MAS configurations, the database overrides and the
/// <c>--upstream-provider-mapping</c> options loaded together.
/// </summary>
public sealed class LoadedConfigurationTests : IDisposable
{
    private static readonly Guid AutheliaUuid = Guid.Parse("0195329d-7ed9-a1bb-8469-638b2a57edca");
    private static readonly Guid LegacyUuid = Guid.Parse("018fdd2a-a1f3-8858-8c8f-77148d525bed");

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Synapse() => _folder.Write("synapse/homeserver.yaml", """
        server_name: example.com
        database:
          name: sqlite3
          args:
            database: homeserver.db
        oidc_providers:
          - idp_id: authelia
        """);

    private string Mas() => _folder.Write("mas/config.yaml", """
        database:
          uri: postgresql://mas@mas-db.example/mas
        matrix:
          homeserver: example.com
        upstream_oauth2:
          providers:
            - id: 01JMS9TZPSM6XR8TB3HCN5FVEA
              synapse_idp_id: oidc-authelia
            - id: 01HZEJN8FKH1C8S3VQ2J6N4PZD
        """);

    [Fact]
    public void Both_configurations_load_and_the_mapping_combines_synapse_idp_id_with_explicit_options()
    {
        var loaded = LoadedConfiguration.Load(new ConfigurationRequest
        {
            SynapseConfigFiles = [Synapse()],
            MasConfigFiles = [Mas()],
            UpstreamProviderMappings = ["oidc:01HZEJN8FKH1C8S3VQ2J6N4PZD"],
        });

        Assert.Equal("example.com", loaded.Synapse.ServerName);
        Assert.Equal(_folder.File("synapse/homeserver.db"), Assert.IsType<SynapseSqliteDatabase>(loaded.Synapse.Database).Path);
        Assert.NotNull(loaded.Mas);
        Assert.Equal("example.com", loaded.Mas.MatrixHomeserver);
        Assert.NotNull(loaded.MasDatabase);
        Assert.Equal("mas-db.example", loaded.MasDatabase.Host);
        Assert.Equal(2, loaded.ProviderMapping.Providers.Count);
        Assert.Equal(AutheliaUuid, loaded.ProviderMapping.Providers["oidc-authelia"]);
        Assert.Equal(LegacyUuid, loaded.ProviderMapping.Providers["oidc"]);
    }

    [Fact]
    public void An_explicit_mapping_option_wins_over_synapse_idp_id()
    {
        var loaded = LoadedConfiguration.Load(new ConfigurationRequest
        {
            SynapseConfigFiles = [Synapse()],
            MasConfigFiles = [Mas()],
            UpstreamProviderMappings = ["oidc-authelia:018fdd2a-a1f3-8858-8c8f-77148d525bed"],
        });

        Assert.Equal(LegacyUuid, Assert.Single(loaded.ProviderMapping.Providers).Value);
    }

    [Fact]
    public void The_database_overrides_reach_both_databases()
    {
        var loaded = LoadedConfiguration.Load(new ConfigurationRequest
        {
            SynapseConfigFiles = [Synapse()],
            MasConfigFiles = [Mas()],
            SynapseDatabaseUri = "postgresql://synapse@synapse-db.example/synapse",
            MasDatabaseUri = "postgresql://mas@override.example:6000/mas",
        });

        var synapse = Assert.IsType<SynapsePostgresDatabase>(loaded.Synapse.Database).Connection;
        Assert.Equal("synapse-db.example", synapse.Host);
        Assert.NotNull(loaded.Mas);
        Assert.Equal("override.example", loaded.Mas.Database.Host);
        Assert.NotNull(loaded.MasDatabase);
        Assert.Equal("override.example", loaded.MasDatabase.Host);
        Assert.Equal(6000, loaded.MasDatabase.Port);
    }

    [Fact]
    public void Without_a_mas_config_there_is_no_mas_and_the_mapping_comes_from_the_options_only()
    {
        var loaded = LoadedConfiguration.Load(new ConfigurationRequest
        {
            SynapseConfigFiles = [Synapse()],
            UpstreamProviderMappings = ["oidc-authelia:01JMS9TZPSM6XR8TB3HCN5FVEA"],
        });

        Assert.Null(loaded.Mas);
        Assert.Null(loaded.MasDatabase);
        Assert.Equal(AutheliaUuid, Assert.Single(loaded.ProviderMapping.Providers).Value);
    }

    [Fact]
    public void Without_a_mas_config_the_mas_database_uri_still_names_the_mas_database()
    {
        var loaded = LoadedConfiguration.Load(new ConfigurationRequest
        {
            SynapseConfigFiles = [Synapse()],
            MasDatabaseUri = "Host=mas-db.example;Port=6001;Database=mas;Username=mas",
        });

        Assert.Null(loaded.Mas);
        Assert.NotNull(loaded.MasDatabase);
        Assert.Equal("mas-db.example", loaded.MasDatabase.Host);
        Assert.Equal(6001, loaded.MasDatabase.Port);
    }

    [Fact]
    public void A_bad_mapping_option_is_a_configuration_error()
    {
        var exception = ConfigurationAssert.Throws(() => LoadedConfiguration.Load(new ConfigurationRequest
        {
            SynapseConfigFiles = [Synapse()],
            MasConfigFiles = [Mas()],
            UpstreamProviderMappings = ["oidc-authelia"],
        }));

        ConfigurationAssert.IsOneLine(exception.Message);
    }

    [Fact]
    public void A_bad_mas_file_is_reported_even_when_the_synapse_file_is_good()
    {
        var missing = _folder.File("mas/missing.yaml");

        var exception = ConfigurationAssert.Throws(() => LoadedConfiguration.Load(new ConfigurationRequest
        {
            SynapseConfigFiles = [Synapse()],
            MasConfigFiles = [missing],
        }));

        ConfigurationAssert.Names(exception, missing, key: null);
    }
}
