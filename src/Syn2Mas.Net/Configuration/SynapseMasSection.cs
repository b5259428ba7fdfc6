namespace Syn2Mas.Net.Configuration;

/// <summary>Synapse's <c>matrix_authentication_service</c> section (Synapse 1.136 and later).</summary>
/// <param name="Endpoint">Where Synapse reaches MAS; null when not set (Synapse then uses <c>http://localhost:8080</c>).</param>
/// <param name="Secret"><c>secret</c> or <c>secret_path</c>: the shared secret MAS calls Synapse's admin API with.</param>
public sealed record SynapseMasSection(bool Enabled, string? Endpoint, WiringSecret Secret);
