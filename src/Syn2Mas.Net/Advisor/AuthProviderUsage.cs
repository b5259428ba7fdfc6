namespace Syn2Mas.Net.Advisor;

/// <summary>How many <c>user_external_ids</c> rows and distinct users one Synapse <c>auth_provider</c> has.</summary>
internal sealed record AuthProviderUsage(string AuthProvider, long Links, long Users);
