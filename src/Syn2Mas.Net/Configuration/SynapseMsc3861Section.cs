namespace Syn2Mas.Net.Configuration;

/// <summary>
/// Synapse's older <c>experimental_features.msc3861</c> section, which Synapse 1.136 to 1.156 still
/// accepted and 1.157 removed.
/// </summary>
/// <param name="ClientAuthMethod">Synapse's default is <c>client_secret_post</c>.</param>
/// <param name="AdminToken">The token MAS calls Synapse with: MAS's <c>matrix.secret</c>.</param>
public sealed record SynapseMsc3861Section(
    bool Enabled,
    string? Issuer,
    string? ClientId,
    string ClientAuthMethod,
    WiringSecret ClientSecret,
    WiringSecret AdminToken);
