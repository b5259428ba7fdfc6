using NUlid;
using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>
/// behaviour.md "Upstream provider mapping": from <c>synapse_idp_id</c> in the MAS config and from explicit
/// <c>--upstream-provider-mapping IDP:ID</c> options (ID a ULID or a UUID); an explicit option wins.
/// </summary>
public sealed class UpstreamProviderMappingTests
{
    private const string AutheliaUlid = "01JMS9TZPSM6XR8TB3HCN5FVEA";
    private static readonly Guid AutheliaUuid = Guid.Parse("0195329d-7ed9-a1bb-8469-638b2a57edca");
    private const string LegacyUlid = "01HZEJN8FKH1C8S3VQ2J6N4PZD";
    private static readonly Guid LegacyUuid = Guid.Parse("018fdd2a-a1f3-8858-8c8f-77148d525bed");

    private static MasConfig MasWith(params MasUpstreamProvider[] providers) => new()
    {
        Database = new PostgresConnectionSettings { Host = "localhost" },
        UpstreamProviders = providers,
    };

    private static MasUpstreamProvider Provider(string ulid, string? synapseIdpId) => new(Ulid.Parse(ulid), synapseIdpId, null, null);

    [Fact]
    public void Providers_with_a_synapse_idp_id_are_mapped_to_their_database_uuid()
    {
        var mapping = UpstreamProviderMapping.Create(
            MasWith(Provider(AutheliaUlid, "oidc-authelia"), Provider(LegacyUlid, "oidc")),
            []);

        Assert.Equal(2, mapping.Providers.Count);
        Assert.Equal(AutheliaUuid, mapping.Providers["oidc-authelia"]);
        Assert.Equal(LegacyUuid, mapping.Providers["oidc"]);
        Assert.True(mapping.TryGetProvider("oidc-authelia", out var found));
        Assert.Equal(AutheliaUuid, found);
        Assert.False(mapping.TryGetProvider("oidc-github", out _));
    }

    [Fact]
    public void Providers_without_a_synapse_idp_id_are_not_mapped()
    {
        var mapping = UpstreamProviderMapping.Create(MasWith(Provider(AutheliaUlid, null), Provider(LegacyUlid, "")), []);

        Assert.Empty(mapping.Providers);
    }

    [Fact]
    public void An_explicit_ulid_mapping_wins_over_the_config()
    {
        var mapping = UpstreamProviderMapping.Create(MasWith(Provider(AutheliaUlid, "oidc-authelia")), [$"oidc-authelia:{LegacyUlid}"]);

        Assert.Equal(LegacyUuid, Assert.Single(mapping.Providers).Value);
    }

    [Fact]
    public void An_explicit_uuid_mapping_wins_over_the_config()
    {
        var mapping = UpstreamProviderMapping.Create(MasWith(Provider(AutheliaUlid, "oidc-authelia")), [$"oidc-authelia:{LegacyUuid}"]);

        Assert.Equal(LegacyUuid, mapping.Providers["oidc-authelia"]);
    }

    [Fact]
    public void Explicit_mappings_add_providers_the_config_does_not_map_and_work_without_a_mas_config()
    {
        var withConfig = UpstreamProviderMapping.Create(MasWith(Provider(AutheliaUlid, "oidc-authelia")), [$"oidc:{LegacyUlid}"]);
        var withoutConfig = UpstreamProviderMapping.Create(null, [$"oidc:{LegacyUlid}", $"cas:{AutheliaUuid}"]);

        Assert.Equal(AutheliaUuid, withConfig.Providers["oidc-authelia"]);
        Assert.Equal(LegacyUuid, withConfig.Providers["oidc"]);
        Assert.Equal(LegacyUuid, withoutConfig.Providers["oidc"]);
        Assert.Equal(AutheliaUuid, withoutConfig.Providers["cas"]);
    }

    [Fact]
    public void The_last_explicit_mapping_for_an_idp_wins()
    {
        var mapping = UpstreamProviderMapping.Create(null, [$"oidc:{AutheliaUlid}", $"oidc:{LegacyUlid}"]);

        Assert.Equal(LegacyUuid, mapping.Providers["oidc"]);
    }

    [Theory]
    [InlineData("oidc-authelia:" + AutheliaUlid)]
    [InlineData("oidc-authelia:01jms9tzpsm6xr8tb3hcn5fvea")]
    [InlineData("oidc-authelia:0195329d-7ed9-a1bb-8469-638b2a57edca")]
    [InlineData("oidc-authelia:0195329D-7ED9-A1BB-8469-638B2A57EDCA")]
    public void Parse_reads_a_ulid_or_a_uuid(string option)
    {
        var (idpId, providerId) = UpstreamProviderMapping.Parse(option);

        Assert.Equal("oidc-authelia", idpId);
        Assert.Equal(AutheliaUuid, providerId);
    }

    [Fact]
    public void Parse_reads_a_ulid_starting_with_7()
    {
        var (idpId, providerId) = UpstreamProviderMapping.Parse("oidc:7ZZZZZZZZZZZZZZZZZZZZZZZZZ");

        Assert.Equal("oidc", idpId);
        Assert.Equal(Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"), providerId);
    }

    [Fact]
    public void Parse_splits_at_the_last_colon_so_an_idp_id_may_hold_one()
    {
        var (idpId, providerId) = UpstreamProviderMapping.Parse("oidc-a:b:" + AutheliaUlid);

        Assert.Equal("oidc-a:b", idpId);
        Assert.Equal(AutheliaUuid, providerId);
    }

    [Theory]
    [InlineData("oidc")]
    [InlineData("oidc:")]
    [InlineData(":" + AutheliaUlid)]
    [InlineData("oidc:notanid")]
    [InlineData("oidc:81JMS9TZPSM6XR8TB3HCN5FVEA")]
    [InlineData("oidc:01JMS9TZPSM6XR8TB3HCN5FVEU")]
    [InlineData("")]
    public void Parse_rejects_a_malformed_mapping_with_a_one_line_message(string option)
    {
        var exception = ConfigurationAssert.Throws(() => UpstreamProviderMapping.Parse(option));

        ConfigurationAssert.IsOneLine(exception.Message);
        Assert.Contains("--upstream-provider-mapping", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_explicit_mapping_fails_creation()
    {
        ConfigurationAssert.Throws(() => UpstreamProviderMapping.Create(MasWith(Provider(AutheliaUlid, "oidc")), ["oidc:notanid"]));
    }
}
