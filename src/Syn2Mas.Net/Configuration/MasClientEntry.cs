namespace Syn2Mas.Net.Configuration;

/// <summary>An entry of MAS's <c>clients</c>.</summary>
/// <param name="ClientId">As written; MAS requires a ULID.</param>
/// <param name="AuthMethod"><c>client_auth_method</c>; null when not set.</param>
public sealed record MasClientEntry(string ClientId, string? AuthMethod, WiringSecret Secret);
