namespace Syn2Mas.Net.Synapse.Checks;

/// <summary>How many <c>user_external_ids</c> rows and distinct users one Synapse <c>auth_provider</c> has.</summary>
/// <param name="MigratedLinks">
/// The links the migration writes: not those of application service users (rule 1) nor of user ids not in
/// <c>users</c> (rule 7).
/// </param>
internal sealed record AuthProviderUsage(string AuthProvider, long Links, long Users, long MigratedLinks = 0, long MigratedUsers = 0);
