namespace Syn2Mas.Net.Configuration;

/// <summary>MAS's <c>passwords</c> section.</summary>
/// <param name="SchemesConfigured">False when MAS falls back to its default single argon2id scheme.</param>
public sealed record MasPasswordsConfig(bool Enabled, IReadOnlyList<MasPasswordScheme> Schemes, bool SchemesConfigured)
{
    /// <summary>What MAS uses when <c>schemes</c> is absent: one version 1 argon2id scheme.</summary>
    public static IReadOnlyList<MasPasswordScheme> DefaultSchemes { get; } =
        [new MasPasswordScheme(Version: 1, Algorithm: "argon2id", Cost: null, Secret: null, UnicodeNormalization: false)];

    public static MasPasswordsConfig Default { get; } = new(Enabled: true, DefaultSchemes, SchemesConfigured: false);

    internal MasPasswordScheme? SchemeVersion(int version) => Schemes.FirstOrDefault(scheme => scheme.Version == version);
}
