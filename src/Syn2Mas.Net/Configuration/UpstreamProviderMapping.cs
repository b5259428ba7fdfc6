using Syn2Mas.Net.Identifiers;

namespace Syn2Mas.Net.Configuration;

/// <summary>
/// Which MAS upstream provider takes over the users of each Synapse <c>auth_provider</c>
/// (behaviour.md, "Upstream provider mapping"): <c>synapse_idp_id</c> in MAS's configuration, overridden
/// by explicit <c>--upstream-provider-mapping IDP:ID</c> options.
/// </summary>
public sealed class UpstreamProviderMapping
{
    private readonly Dictionary<string, Guid> _providers;

    private UpstreamProviderMapping(Dictionary<string, Guid> providers) => _providers = providers;

    public static UpstreamProviderMapping Empty { get; } = new(new Dictionary<string, Guid>(StringComparer.Ordinal));

    /// <summary>Synapse IdP id → MAS provider id (the UUID stored in <c>upstream_oauth_providers</c>).</summary>
    public IReadOnlyDictionary<string, Guid> Providers => _providers;

    public static UpstreamProviderMapping Create(MasConfig? masConfig, IEnumerable<string> explicitMappings)
    {
        var providers = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var provider in masConfig?.UpstreamProviders ?? [])
        {
            if (provider.SynapseIdpId is { Length: > 0 } idpId)
            {
                providers[idpId] = provider.DatabaseId;
            }
        }

        foreach (var mapping in explicitMappings)
        {
            var (idpId, providerId) = Parse(mapping);
            providers[idpId] = providerId;
        }

        return new UpstreamProviderMapping(providers);
    }

    public bool TryGetProvider(string synapseIdpId, out Guid providerId) => _providers.TryGetValue(synapseIdpId, out providerId);

    /// <summary>Parses <c>IDP:ID</c>, where ID is a ULID or a UUID.</summary>
    public static (string IdpId, Guid ProviderId) Parse(string mapping)
    {
        var colon = mapping.LastIndexOf(':');
        if (colon <= 0 || colon == mapping.Length - 1)
        {
            throw new ConfigurationException(
                $"--upstream-provider-mapping '{mapping}' must be IDP:ID, e.g. oidc-authelia:01JB6ZQ3X9R2T8VN4K7MPD5EWA.");
        }

        var idpId = mapping[..colon];
        var id = mapping[(colon + 1)..];
        if (UlidUuid.TryParseUlid(id, out var ulid))
        {
            return (idpId, UlidUuid.ToUuid(ulid));
        }

        if (Guid.TryParse(id, out var uuid))
        {
            return (idpId, uuid);
        }

        throw new ConfigurationException(
            $"--upstream-provider-mapping '{mapping}': '{id}' is neither a ULID nor a UUID; use the provider's id from MAS's upstream_oauth2.providers.");
    }
}
