namespace Syn2Mas.Net.Configuration;

/// <summary>What the migration needs from Synapse's <c>homeserver.yaml</c> (behaviour.md, "Synapse configuration").</summary>
public sealed record SynapseConfig
{
    public required string ServerName { get; init; }

    public required SynapseDatabase Database { get; init; }

    public SynapsePasswordConfig PasswordConfig { get; init; } = SynapsePasswordConfig.Default;

    public bool AllowGuestAccess { get; init; }

    public bool EnableRegistration { get; init; }

    public bool EnableRegistrationCaptcha { get; init; }

    public bool Enable3pidChanges { get; init; }

    /// <summary><c>user_consent</c> holds a value (a map, usually): Synapse asks users to accept terms.</summary>
    public bool UserConsentConfigured { get; init; }

    public bool LoginViaExistingSessionEnabled { get; init; }

    public bool CasEnabled { get; init; }

    public bool Saml2Enabled { get; init; }

    public bool JwtEnabled { get; init; }

    /// <summary>Every OIDC provider, the legacy <c>oidc_config</c> one included, by Synapse IdP id.</summary>
    public IReadOnlyList<SynapseOidcProvider> OidcProviders { get; init; } = [];

    public string? PublicBaseUrl { get; init; }

    /// <summary><c>experimental_features.msc3861.enabled</c>: Synapse already delegates authentication to MAS.</summary>
    public bool Msc3861Enabled { get; init; }

    /// <summary>
    /// <c>app_service_config_files</c>, as full paths (relative ones are taken from the folder of the file
    /// that lists them). Read only by the advisor, to name the application services users belong to.
    /// </summary>
    public IReadOnlyList<string> AppServiceConfigFiles { get; init; } = [];

    /// <summary>Password login is handed to a custom provider module rather than Synapse's own database.</summary>
    public bool UsesCustomPasswordProvider => PasswordConfig.Enabled && !PasswordConfig.LocalDbEnabled;
}
