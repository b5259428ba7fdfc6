using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Net.Mapping;

/// <summary>
/// The mapper of one run, from the configuration and the skip options: <c>migrate</c> and <c>verify</c> both
/// make theirs here, so the options mean the same to both.
/// </summary>
internal static class RunMapper
{
    public static UserMapper Create(LoadedConfiguration configuration, AdvisorOptions options) =>
        new(new MappingContext(configuration.Synapse.ServerName, configuration.ProviderMapping, DateTimeOffset.UtcNow, MasIdGenerator.CreateForRun())
        {
            SkipInvalidUsers = options.SkipInvalidUsers,
            SkipOrphans = options.SkipOrphans,
            IgnoreMissingAuthProviders = options.IgnoreMissingAuthProviders,
        });
}
