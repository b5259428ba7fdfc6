namespace Syn2Mas.Net.Configuration;

/// <summary>The configuration sources an operator names on the command line.</summary>
public sealed record ConfigurationRequest
{
    public required IReadOnlyList<string> SynapseConfigFiles { get; init; }

    public IReadOnlyList<string> MasConfigFiles { get; init; } = [];

    public string? SynapseDatabaseUri { get; init; }

    public string? MasDatabaseUri { get; init; }

    /// <summary><c>--upstream-provider-mapping IDP:ID</c> values.</summary>
    public IReadOnlyList<string> UpstreamProviderMappings { get; init; } = [];
}
