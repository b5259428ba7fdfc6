namespace Syn2Mas.Net.Configuration;

/// <summary>One entry of MAS's <c>passwords.schemes</c>.</summary>
/// <param name="Secret">The pepper (<c>secret</c> or the contents of <c>secret_file</c>).</param>
public sealed record MasPasswordScheme(int Version, string Algorithm, int? Cost, string? Secret, bool UnicodeNormalization)
{
    public override string ToString() =>
        $"MasPasswordScheme {{ Version = {Version}, Algorithm = {Algorithm}, Cost = {Cost}, Secret = {(Secret is null ? "none" : "set")}, UnicodeNormalization = {UnicodeNormalization} }}";
}
