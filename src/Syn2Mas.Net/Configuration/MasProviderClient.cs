namespace Syn2Mas.Net.Configuration;

/// <summary>An entry of MAS's <c>upstream_oauth2.providers</c> with the client it logs in as; its secret is not read.</summary>
public sealed record MasProviderClient(string Id, string? SynapseIdpId, string? Issuer, string? ClientId);
