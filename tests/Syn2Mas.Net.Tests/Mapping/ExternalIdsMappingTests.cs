using Syn2Mas.Net.Mapping;
using static Syn2Mas.Net.Tests.Mapping.MappingScenario;

namespace Syn2Mas.Net.Tests.Mapping;

/// <summary>Rule 3: <c>user_external_ids</c> → <c>upstream_oauth_links</c> through the provider mapping.</summary>
public sealed class ExternalIdsMappingTests
{
    [Fact]
    public void An_external_id_of_a_mapped_provider_becomes_a_link_dated_at_the_users_creation()
    {
        var mapped = Map(Rows(User(), externalIds: [ExternalId("oidc-corp", "248289761001")]));

        var link = Assert.Single(mapped.UpstreamOauthLinks);
        Assert.Equal(CorpProvider, link.UpstreamOauthProviderId);
        Assert.Equal("248289761001", link.Subject);
        Assert.Equal(mapped.User?.UserId, link.UserId);
        Assert.Equal(UserCreatedAt, link.CreatedAt);
        Assert.Equal(UserCreatedAt, IdTime(link.UpstreamOauthLinkId));
    }

    [Fact]
    public void A_user_without_creation_ts_gets_links_dated_at_the_start()
    {
        var mapped = Map(Rows(User(creationTs: null), externalIds: [ExternalId("oidc-corp", "sub")]));

        Assert.Equal(StartedAt, Assert.Single(mapped.UpstreamOauthLinks).CreatedAt);
    }

    [Fact]
    public void Links_of_deactivated_users_and_guests_are_migrated()
    {
        var deactivated = Map(Rows(User(deactivated: true), externalIds: [ExternalId("oidc-corp", "a")]));
        var guest = Map(Rows(User(isGuest: true), externalIds: [ExternalId("oidc-corp", "b")]));

        Assert.Equal("a", Assert.Single(deactivated.UpstreamOauthLinks).Subject);
        Assert.Equal("b", Assert.Single(guest.UpstreamOauthLinks).Subject);
    }

    [Fact]
    public void An_unmapped_provider_is_refused_without_ignore_missing_auth_providers()
    {
        var rows = Rows(User(), externalIds: [ExternalId("saml", "alice-saml")]);

        var exception = Assert.Throws<MappingException>(() => Map(rows));

        Assert.Contains("user_external_ids.auth_provider `saml`", exception.Message, StringComparison.Ordinal);
        Assert.Contains(Alice, exception.Message, StringComparison.Ordinal);
        Assert.Contains("--ignore-missing-auth-providers", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PasswordHash, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_ignore_missing_auth_providers_unmapped_links_are_skipped_and_mapped_ones_kept()
    {
        var rows = Rows(User(), externalIds: [ExternalId("saml", "alice-saml"), ExternalId("oidc-corp", "alice-corp"), ExternalId("cas", "alice")]);

        var mapped = Map(rows, Context(ignoreMissingAuthProviders: true));

        Assert.Equal("alice-corp", Assert.Single(mapped.UpstreamOauthLinks).Subject);
        Assert.Equal([("user_external_ids", "missing-auth-provider"), ("user_external_ids", "missing-auth-provider")], Skips(mapped));
    }
}
