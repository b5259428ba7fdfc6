namespace Syn2Mas.Net.Configuration;

/// <summary>Synapse's <c>password_config</c> section.</summary>
/// <param name="Enabled">Password login on (the default); <c>only_for_reauth</c> counts as on.</param>
/// <param name="LocalDbEnabled">Passwords checked against Synapse's own database (the default).</param>
/// <param name="Pepper">A secret appended to passwords before hashing.</param>
public sealed record SynapsePasswordConfig(bool Enabled, bool LocalDbEnabled, string? Pepper)
{
    public static SynapsePasswordConfig Default { get; } = new(Enabled: true, LocalDbEnabled: true, Pepper: null);

    public override string ToString() =>
        $"SynapsePasswordConfig {{ Enabled = {Enabled}, LocalDbEnabled = {LocalDbEnabled}, Pepper = {(Pepper is null ? "none" : "set")} }}";
}
