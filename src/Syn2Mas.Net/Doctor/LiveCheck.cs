namespace Syn2Mas.Net.Doctor;

/// <summary>One request of <c>doctor --live</c> and how it went.</summary>
/// <param name="Outcome">Whether the request answered as expected, failed, or was not made.</param>
/// <param name="Detail">The status and what the answer said, the network error, or why it was skipped.</param>
public sealed record LiveCheck(string Name, string Url, LiveOutcome Outcome, string Detail);
