using NUlid;

namespace Syn2Mas.Net.Configuration;

/// <summary>An entry of MAS's <c>upstream_oauth2.providers</c>; its client secret is not read.</summary>
/// <param name="Id">The provider's ULID, which MAS stores as the UUID <see cref="DatabaseId"/>.</param>
/// <param name="SynapseIdpId">The Synapse <c>auth_provider</c> whose users this provider takes over.</param>
public sealed record MasUpstreamProvider(Ulid Id, string? SynapseIdpId, string? Issuer, string? HumanName)
{
    public Guid DatabaseId => Identifiers.UlidUuid.ToUuid(Id);
}
