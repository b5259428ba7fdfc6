namespace Syn2Mas.Net.Doctor;

/// <summary>How <c>doctor --live</c> makes its requests.</summary>
/// <param name="Timeout">For each request as a whole: connect, TLS, answer.</param>
/// <param name="CaFile">PEM certificates trusted besides the system's (a private CA).</param>
public sealed record LiveOptions(TimeSpan Timeout, IReadOnlyList<ConnectTo> ConnectTo, string? CaFile)
{
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(5);
}
