namespace Syn2Mas.Net.Configuration;

/// <summary>An OIDC provider of Synapse's with the client it logs in as; its secret is not read.</summary>
public sealed record SynapseOidcClient(string IdpId, string? Issuer, string? ClientId);
