namespace Syn2Mas.Net.Doctor;

/// <summary>One request of <c>doctor --live</c> and how it went.</summary>
/// <param name="Outcome"><c>ok</c>, <c>failed</c> or <c>skipped</c>.</param>
/// <param name="Detail">The status and what the answer said, the network error, or why it was skipped.</param>
public sealed record LiveCheck(string Name, string Url, string Outcome, string Detail);
