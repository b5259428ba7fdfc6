using NUlid;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>
/// behaviour.md "MAS configuration", <c>upstream_oauth2.providers[]</c>: <c>id</c> is a ULID, stored by MAS as
/// the UUID with the same 16 bytes; the client secret is never read into a message.
/// </summary>
public sealed class MasUpstreamProviderTests : IDisposable
{
    private const string ClientSecret = "client-secret-never-shown-d3a9";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string yaml) => _folder.Write("mas.yaml", yaml);

    [Fact]
    public void A_provider_is_read_with_its_ulid_its_database_uuid_and_its_synapse_idp_id()
    {
        var file = Write($"""
            upstream_oauth2:
              providers:
                - id: 01JMS9TZPSM6XR8TB3HCN5FVEA
                  synapse_idp_id: oidc-authelia
                  issuer: https://auth.example.com
                  human_name: Authelia
                  client_id: mas
                  client_secret: "{ClientSecret}"
            """);

        var provider = Assert.Single(MasConfigLoader.Load([file]).UpstreamProviders);

        Assert.Equal(Ulid.Parse("01JMS9TZPSM6XR8TB3HCN5FVEA"), provider.Id);
        Assert.Equal("01JMS9TZPSM6XR8TB3HCN5FVEA", provider.Id.ToString());
        Assert.Equal(Guid.Parse("0195329d-7ed9-a1bb-8469-638b2a57edca"), provider.DatabaseId);
        Assert.Equal("oidc-authelia", provider.SynapseIdpId);
        Assert.Equal("https://auth.example.com", provider.Issuer);
        Assert.Equal("Authelia", provider.HumanName);
        Assert.DoesNotContain(ClientSecret, provider.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_fields_are_null_when_absent()
    {
        var file = Write("""
            upstream_oauth2:
              providers:
                - id: 01HZEJN8FKH1C8S3VQ2J6N4PZD
            """);

        var provider = Assert.Single(MasConfigLoader.Load([file]).UpstreamProviders);

        Assert.Equal(Guid.Parse("018fdd2a-a1f3-8858-8c8f-77148d525bed"), provider.DatabaseId);
        Assert.Null(provider.SynapseIdpId);
        Assert.Null(provider.Issuer);
        Assert.Null(provider.HumanName);
    }

    [Fact]
    public void A_lower_case_ulid_is_accepted()
    {
        var file = Write("""
            upstream_oauth2:
              providers:
                - id: 01jms9tzpsm6xr8tb3hcn5fvea
            """);

        var provider = Assert.Single(MasConfigLoader.Load([file]).UpstreamProviders);

        Assert.Equal(Guid.Parse("0195329d-7ed9-a1bb-8469-638b2a57edca"), provider.DatabaseId);
    }

    [Fact]
    public void A_ulid_starting_with_7_is_accepted_even_though_its_timestamp_is_past_the_year_9999()
    {
        var file = Write("""
            upstream_oauth2:
              providers:
                - id: 7ZZZZZZZZZZZZZZZZZZZZZZZZZ
            """);

        var provider = Assert.Single(MasConfigLoader.Load([file]).UpstreamProviders);

        Assert.Equal(Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"), provider.DatabaseId);
        Assert.Equal("7ZZZZZZZZZZZZZZZZZZZZZZZZZ", provider.Id.ToString());
    }

    [Theory]
    [InlineData("upstream_oauth2:\n")]
    [InlineData("upstream_oauth2:\n  providers:\n")]
    [InlineData("upstream_oauth2:\n  providers: []\n")]
    [InlineData("matrix:\n  homeserver: example.com\n")]
    public void No_providers_section_means_no_providers(string yaml)
    {
        Assert.Empty(MasConfigLoader.Load([Write(yaml)]).UpstreamProviders);
    }

    [Theory]
    [InlineData("THISISAVERYLONGVALIDULID00")]
    [InlineData("81JMS9TZPSM6XR8TB3HCN5FVEA")]
    [InlineData("01JMS9TZPSM6XR8TB3HCN5FVE")]
    [InlineData("01JMS9TZPSM6XR8TB3HCN5FVEAA")]
    [InlineData("0195329d-7ed9-a1bb-8469-638b2a57edca")]
    public void An_invalid_ulid_names_the_key_the_file_and_the_line_but_not_the_client_secret(string id)
    {
        var file = Write($"""
            upstream_oauth2:
              providers:
                - id: {id}
                  synapse_idp_id: oidc
                  client_id: mas
                  client_secret: "{ClientSecret}"
            """);

        var exception = ConfigurationAssert.Throws(() => MasConfigLoader.Load([file]));

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 3, 11), "`upstream_oauth2.providers[0].id`", ClientSecret);
    }

    [Fact]
    public void An_invalid_ulid_in_a_later_provider_names_that_provider()
    {
        var file = Write($"""
            upstream_oauth2:
              providers:
                - id: 01JMS9TZPSM6XR8TB3HCN5FVEA
                  client_secret: "{ClientSecret}"
                - id: 01JMS9TZPSM6XR8TB3HCN5FVEU
                  client_secret: "{ClientSecret}"
            """);

        var exception = ConfigurationAssert.Throws(() => MasConfigLoader.Load([file]));

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 5, 11), "`upstream_oauth2.providers[1].id`", ClientSecret);
    }

    [Fact]
    public void A_provider_without_an_id_names_the_key()
    {
        var file = Write($"""
            upstream_oauth2:
              providers:
                - synapse_idp_id: oidc
                  client_secret: "{ClientSecret}"
            """);

        var exception = ConfigurationAssert.Throws(() => MasConfigLoader.Load([file]));

        ConfigurationAssert.Names(exception, file, "`upstream_oauth2.providers[0].id`", ClientSecret);
    }

    [Fact]
    public void Providers_given_as_a_mapping_instead_of_a_list_name_the_key()
    {
        var file = Write($"""
            upstream_oauth2:
              providers:
                id: 01JMS9TZPSM6XR8TB3HCN5FVEA
                client_secret: "{ClientSecret}"
            """);

        var exception = ConfigurationAssert.Throws(() => MasConfigLoader.Load([file]));

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 3, 5), "`upstream_oauth2.providers`", ClientSecret);
    }
}
