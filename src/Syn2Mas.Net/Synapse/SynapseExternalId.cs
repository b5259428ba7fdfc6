namespace Syn2Mas.Net.Synapse;

/// <summary>A row of <c>user_external_ids</c>: the user's subject at a Synapse identity provider.</summary>
internal sealed record SynapseExternalId(string UserId, string AuthProvider, string ExternalId);
