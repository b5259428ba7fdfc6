using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Net.Mapping;

/// <summary>What one migration run maps with: the same for every user.</summary>
/// <param name="ServerName">Synapse's <c>server_name</c>: the server part every migrated user id must have.</param>
/// <param name="ProviderMapping">Synapse <c>auth_provider</c> → MAS upstream provider (rule 3).</param>
/// <param name="StartedAt">
/// The migration's start time, the snapshot's (<see cref="Synapse.SynapseSource.SnapshotTime"/>): the creation
/// time of rows Synapse did not date (users without <c>creation_ts</c>, tokens never validated, sessions of
/// devices without tokens) or dated implausibly (<see cref="SynapseTime"/>), and "now" for every expiry.
/// </param>
/// <param name="Ids">The run's id generator: one key per run, so a row gets the same id wherever it is referred to.</param>
internal sealed record MappingContext(
    string ServerName,
    UpstreamProviderMapping ProviderMapping,
    DateTimeOffset StartedAt,
    MasIdGenerator Ids)
{
    /// <summary>
    /// <c>--skip-invalid-users</c>: skip users whose id is malformed or names another server, with everything
    /// they own, and rows holding a NUL character, instead of failing.
    /// </summary>
    public bool SkipInvalidUsers { get; init; }

    /// <summary><c>--skip-orphans</c>: skip rows whose user is not in <c>users</c> instead of failing (rule 7).</summary>
    public bool SkipOrphans { get; init; }

    /// <summary><c>--ignore-missing-auth-providers</c>: skip links to unmapped providers instead of failing (rule 3).</summary>
    public bool IgnoreMissingAuthProviders { get; init; }
}
