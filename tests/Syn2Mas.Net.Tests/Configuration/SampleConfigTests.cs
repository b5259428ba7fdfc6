using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>The sample configurations in <c>fixtures/config</c> load and say what they say.</summary>
public sealed class SampleConfigTests
{
    private static string Sample(string name) => Path.Combine(RepoPaths.Fixtures, "config", name);

    [Fact]
    public void The_sqlite_sample_homeserver_config_loads()
    {
        var path = Sample("homeserver.sqlite.yaml");

        var config = SynapseConfigLoader.Load([path]);

        Assert.Equal("example.com", config.ServerName);
        var sqlite = Assert.IsType<SynapseSqliteDatabase>(config.Database);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(path)!, "homeserver.db"), sqlite.Path);
        Assert.Equal("https://matrix.example.com/", config.PublicBaseUrl);
        Assert.True(config.PasswordConfig.Enabled);
        Assert.True(config.PasswordConfig.LocalDbEnabled);
        Assert.Equal("changeme-password-pepper", config.PasswordConfig.Pepper);
        Assert.False(config.EnableRegistration);
        Assert.False(config.AllowGuestAccess);
        Assert.False(config.Msc3861Enabled);
        var provider = Assert.Single(config.OidcProviders);
        Assert.Equal("oidc-authelia", provider.IdpId);
        Assert.Equal("https://auth.example.com", provider.Issuer);
        Assert.Equal("Authelia", provider.Name);
    }

    [Fact]
    public void The_postgres_sample_homeserver_config_loads()
    {
        var config = SynapseConfigLoader.Load([Sample("homeserver.postgres.yaml")]);

        Assert.Equal("example.com", config.ServerName);
        var connection = Assert.IsType<SynapsePostgresDatabase>(config.Database).Connection;
        Assert.Equal("localhost", connection.Host);
        Assert.Equal(5432, connection.Port);
        Assert.Equal("synapse", connection.Database);
        Assert.Equal("synapse", connection.Username);
        Assert.Equal("changeme-synapse-db-password", connection.Password);
        Assert.Equal("oidc-authelia", Assert.Single(config.OidcProviders).IdpId);
    }

    [Fact]
    public void The_sample_mas_config_loads_with_its_two_providers()
    {
        var config = MasConfigLoader.Load([Sample("mas.yaml")]);

        Assert.Equal("localhost", config.Database.Host);
        Assert.Equal(5432, config.Database.Port);
        Assert.Equal("mas", config.Database.Database);
        Assert.Equal("mas", config.Database.Username);
        Assert.Equal("changeme-mas-db-password", config.Database.Password);
        Assert.Null(config.Database.SslMode);
        Assert.Equal("example.com", config.MatrixHomeserver);
        Assert.Equal("https://example.com/terms", config.BrandingTosUri);
        Assert.Null(config.CaptchaService);

        Assert.True(config.Passwords.Enabled);
        Assert.True(config.Passwords.SchemesConfigured);
        Assert.Collection(
            config.Passwords.Schemes,
            bcrypt =>
            {
                Assert.Equal(1, bcrypt.Version);
                Assert.Equal("bcrypt", bcrypt.Algorithm);
                Assert.True(bcrypt.UnicodeNormalization);
                Assert.Equal("changeme-password-pepper", bcrypt.Secret);
            },
            argon2 =>
            {
                Assert.Equal(2, argon2.Version);
                Assert.Equal("argon2id", argon2.Algorithm);
            });

        Assert.Collection(
            config.UpstreamProviders,
            authelia =>
            {
                Assert.Equal("01JMS9TZPSM6XR8TB3HCN5FVEA", authelia.Id.ToString());
                Assert.Equal(Guid.Parse("0195329d-7ed9-a1bb-8469-638b2a57edca"), authelia.DatabaseId);
                Assert.Equal("oidc-authelia", authelia.SynapseIdpId);
                Assert.Equal("Authelia", authelia.HumanName);
                Assert.Equal("https://auth.example.com", authelia.Issuer);
            },
            legacy =>
            {
                Assert.Equal("01HZEJN8FKH1C8S3VQ2J6N4PZD", legacy.Id.ToString());
                Assert.Equal(Guid.Parse("018fdd2a-a1f3-8858-8c8f-77148d525bed"), legacy.DatabaseId);
                Assert.Equal("oidc", legacy.SynapseIdpId);
                Assert.Equal("Legacy SSO", legacy.HumanName);
                Assert.Equal("https://sso.example.com/realms/legacy", legacy.Issuer);
            });
    }

    [Fact]
    public void The_samples_load_together_and_every_synapse_provider_is_mapped()
    {
        var loaded = LoadedConfiguration.Load(new ConfigurationRequest
        {
            SynapseConfigFiles = [Sample("homeserver.postgres.yaml")],
            MasConfigFiles = [Sample("mas.yaml")],
        });

        Assert.Equal(loaded.Synapse.ServerName, loaded.Mas?.MatrixHomeserver);
        Assert.All(loaded.Synapse.OidcProviders, provider => Assert.True(loaded.ProviderMapping.TryGetProvider(provider.IdpId, out _)));
        Assert.Equal(2, loaded.ProviderMapping.Providers.Count);
        Assert.Equal("mas", loaded.MasDatabase?.Database);
    }
}
