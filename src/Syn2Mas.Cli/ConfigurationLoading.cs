using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Cli;

/// <summary>Loads the configuration and shows its warnings on stderr, before any database is touched.</summary>
internal static class ConfigurationLoading
{
    public static async Task<LoadedConfiguration> LoadAsync(ConfigurationRequest request, TextWriter error)
    {
        var configuration = LoadedConfiguration.Load(request);
        foreach (var warning in configuration.Warnings)
        {
            await error.WriteLineAsync($"warning: {warning}");
        }

        return configuration;
    }
}
