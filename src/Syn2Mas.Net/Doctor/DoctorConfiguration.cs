using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Net.Doctor;

/// <summary>Both configurations as <c>doctor</c> reads them: what the migration reads, and the wiring.</summary>
public sealed record DoctorConfiguration(SynapseConfig Synapse, SynapseWiringConfig SynapseWiring, MasConfig Mas, MasWiringConfig MasWiring)
{
    public static DoctorConfiguration Load(IReadOnlyList<string> synapseConfigFiles, IReadOnlyList<string> masConfigFiles) => new(
        SynapseConfigLoader.Load(synapseConfigFiles),
        WiringConfigLoader.LoadSynapse(synapseConfigFiles),
        MasConfigLoader.Load(masConfigFiles),
        WiringConfigLoader.LoadMas(masConfigFiles));

    /// <summary>Synapse's <c>public_baseurl</c>; Synapse's default is <c>https://&lt;server_name&gt;/</c>.</summary>
    public string SynapsePublicBaseUrl => Synapse.PublicBaseUrl ?? $"https://{Synapse.ServerName}/";
}
