namespace Syn2Mas.Net.Configuration;

/// <summary>
/// What <c>doctor</c> needs from Synapse's configuration beyond <see cref="SynapseConfig"/>: how it
/// delegates to MAS, and the settings its own validation refuses once it does.
/// </summary>
public sealed record SynapseWiringConfig
{
    /// <summary>Null when the section is absent.</summary>
    public SynapseMasSection? MasSection { get; init; }

    /// <summary>Null when the section is absent or empty (Synapse ignores an empty one).</summary>
    public SynapseMsc3861Section? Msc3861 { get; init; }

    /// <summary><c>password_config.enabled</c> as written; null when not set (then off once Synapse delegates).</summary>
    public string? PasswordEnabledSetting { get; init; }

    /// <summary>The keys that configure password provider modules: <c>password_providers</c>, <c>ldap_config</c>.</summary>
    public IReadOnlyList<string> PasswordProviderKeys { get; init; } = [];

    /// <summary>The lifetime keys that are set to a non-zero value.</summary>
    public IReadOnlyList<string> LifetimeKeys { get; init; } = [];

    /// <summary>Which key enables Synapse's own OIDC login, if any: <c>oidc_providers</c> or <c>oidc_config</c>.</summary>
    public string? OidcKey { get; init; }

    public IReadOnlyList<SynapseOidcClient> OidcClients { get; init; } = [];

    /// <summary>Either way of delegating is switched on.</summary>
    public bool DelegationEnabled => MasSection?.Enabled == true || Msc3861?.Enabled == true;
}
