namespace Syn2Mas.Net.Configuration;

/// <summary>An OIDC provider configured in Synapse.</summary>
/// <param name="IdpId">The id Synapse stores in <c>user_external_ids.auth_provider</c>: <c>oidc</c> or <c>oidc-X</c>.</param>
/// <param name="Issuer">The provider's issuer URL, for messages.</param>
/// <param name="Name">The provider's display name, for messages.</param>
public sealed record SynapseOidcProvider(string IdpId, string? Issuer, string? Name)
{
    /// <summary>
    /// Synapse prefixes every configured <c>idp_id</c> with <c>oidc-</c> except the bare <c>oidc</c>, which is
    /// also what an entry without an <c>idp_id</c> and the legacy <c>oidc_config</c> section get.
    /// </summary>
    public static string IdpIdFromConfigured(string? configuredIdpId) =>
        configuredIdpId is null or "oidc" ? "oidc" : "oidc-" + configuredIdpId;
}
