namespace Syn2Mas.Net.Configuration;

/// <summary>What <c>doctor</c> needs from MAS's configuration beyond <see cref="MasConfig"/>.</summary>
public sealed record MasWiringConfig
{
    /// <summary><c>http.public_base</c>: where MAS is reached, and its issuer unless <see cref="Issuer"/> is set.</summary>
    public string? PublicBase { get; init; }

    /// <summary><c>http.issuer</c>, when set.</summary>
    public string? Issuer { get; init; }

    /// <summary><c>matrix.endpoint</c>; null when not set (MAS then uses <c>http://localhost:8008/</c>).</summary>
    public string? MatrixEndpoint { get; init; }

    /// <summary><c>matrix.secret</c> or <c>matrix.secret_file</c>.</summary>
    public required WiringSecret MatrixSecret { get; init; }

    public IReadOnlyList<MasClientEntry> Clients { get; init; } = [];

    public required MasSecretsSection Secrets { get; init; }

    public IReadOnlyList<MasProviderClient> Providers { get; init; } = [];

    /// <summary>The issuer MAS announces: <c>http.issuer</c>, else <c>http.public_base</c>.</summary>
    public string? EffectiveIssuer => Issuer ?? PublicBase;
}
