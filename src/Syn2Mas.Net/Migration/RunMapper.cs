using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Mapping;

namespace Syn2Mas.Net.Migration;

/// <summary>
/// The mapper of one run, from the configuration and the skip options: <c>migrate</c> and <c>verify</c> both
/// make theirs here, so the options mean the same to both.
/// </summary>
internal static class RunMapper
{
    /// <param name="now">The snapshot's time, against which every expiry is judged (<c>SynapseSource.SnapshotTime</c>).</param>
    public static UserMapper Create(LoadedConfiguration configuration, AdvisorOptions options, DateTimeOffset now) =>
        new(new MappingContext(configuration.Synapse.ServerName, configuration.ProviderMapping, now, MasIdGenerator.CreateForRun())
        {
            SkipInvalidUsers = options.SkipInvalidUsers,
            SkipOrphans = options.SkipOrphans,
            IgnoreMissingAuthProviders = options.IgnoreMissingAuthProviders,
        });
}
