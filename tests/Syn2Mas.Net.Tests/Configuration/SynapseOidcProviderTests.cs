using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>
/// behaviour.md "Synapse configuration", Synapse IdP ids: the legacy <c>oidc_config</c> is <c>oidc</c>; an
/// <c>oidc_providers</c> entry with no <c>idp_id</c> or with <c>idp_id: oidc</c> is <c>oidc</c>; any other
/// <c>idp_id: X</c> is <c>oidc-X</c>.
/// </summary>
public sealed class SynapseOidcProviderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private SynapseConfig Load(string yaml) =>
        SynapseConfigLoader.Load([_folder.Write("homeserver.yaml", "server_name: example.com\n" + yaml)]);

    [Fact]
    public void An_enabled_legacy_oidc_config_is_the_provider_oidc()
    {
        var config = Load("""
            oidc_config:
              enabled: true
              issuer: https://legacy.example.com/
              idp_name: Legacy SSO
              client_id: synapse
              client_secret: legacy-client-secret
            """);

        var provider = Assert.Single(config.OidcProviders);
        Assert.Equal("oidc", provider.IdpId);
        Assert.Equal("https://legacy.example.com/", provider.Issuer);
        Assert.Equal("Legacy SSO", provider.Name);
    }

    [Theory]
    [InlineData("oidc_config:\n  issuer: https://legacy.example.com/\n")]
    [InlineData("oidc_config:\n  enabled: false\n  issuer: https://legacy.example.com/\n")]
    public void A_legacy_oidc_config_that_is_not_enabled_adds_no_provider(string yaml)
    {
        Assert.Empty(Load(yaml).OidcProviders);
    }

    [Fact]
    public void An_oidc_providers_entry_without_an_idp_id_is_oidc()
    {
        var config = Load("""
            oidc_providers:
              - issuer: https://sso.example.com/
                idp_name: SSO
            """);

        var provider = Assert.Single(config.OidcProviders);
        Assert.Equal("oidc", provider.IdpId);
        Assert.Equal("https://sso.example.com/", provider.Issuer);
        Assert.Equal("SSO", provider.Name);
    }

    [Fact]
    public void An_oidc_providers_entry_with_idp_id_oidc_stays_oidc()
    {
        var config = Load("""
            oidc_providers:
              - idp_id: oidc
                issuer: https://sso.example.com/
            """);

        Assert.Equal("oidc", Assert.Single(config.OidcProviders).IdpId);
    }

    [Fact]
    public void Any_other_idp_id_gets_the_oidc_prefix()
    {
        var config = Load("""
            oidc_providers:
              - idp_id: authelia
                idp_name: Authelia
                issuer: https://auth.example.com
            """);

        var provider = Assert.Single(config.OidcProviders);
        Assert.Equal("oidc-authelia", provider.IdpId);
        Assert.Equal("https://auth.example.com", provider.Issuer);
        Assert.Equal("Authelia", provider.Name);
    }

    [Fact]
    public void The_legacy_provider_and_every_listed_provider_are_all_kept_in_order()
    {
        var config = Load("""
            oidc_config:
              enabled: true
              issuer: https://legacy.example.com/
            oidc_providers:
              - idp_id: google
                issuer: https://accounts.google.com/
              - idp_id: github
                issuer: https://github.com/
            """);

        Assert.Equal(["oidc", "oidc-google", "oidc-github"], config.OidcProviders.Select(provider => provider.IdpId));
    }

    [Theory]
    [InlineData(null, "oidc")]
    [InlineData("oidc", "oidc")]
    [InlineData("authelia", "oidc-authelia")]
    [InlineData("keycloak-main", "oidc-keycloak-main")]
    public void IdpIdFromConfigured_prefixes_every_id_but_oidc(string? configured, string expected)
    {
        Assert.Equal(expected, SynapseOidcProvider.IdpIdFromConfigured(configured));
    }
}
