namespace Syn2Mas.Net.Configuration;

/// <summary>What the migration needs from MAS's <c>config.yaml</c> (behaviour.md, "MAS configuration").</summary>
public sealed record MasConfig
{
    public required PostgresConnectionSettings Database { get; init; }

    /// <summary><c>matrix.homeserver</c>: the Synapse <c>server_name</c> MAS serves.</summary>
    public string? MatrixHomeserver { get; init; }

    public MasPasswordsConfig Passwords { get; init; } = MasPasswordsConfig.Default;

    public IReadOnlyList<MasUpstreamProvider> UpstreamProviders { get; init; } = [];

    public string? BrandingTosUri { get; init; }

    public string? CaptchaService { get; init; }
}
