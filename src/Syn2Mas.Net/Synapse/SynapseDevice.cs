namespace Syn2Mas.Net.Synapse;

/// <summary>A row of <c>devices</c>; <paramref name="Ip"/> is free text.</summary>
/// <param name="Hidden">True for cross-signing pseudo-devices; NULL and the old text 'FALSE' read as false.</param>
internal sealed record SynapseDevice(
    string UserId,
    string DeviceId,
    string? DisplayName,
    SynapseMilliseconds? LastSeen,
    string? Ip,
    string? UserAgent,
    bool Hidden);
