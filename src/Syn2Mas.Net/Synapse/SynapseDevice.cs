namespace Syn2Mas.Net.Synapse;

/// <summary>A row of <c>devices</c>; <paramref name="LastSeen"/> is in milliseconds, <paramref name="Ip"/> free text.</summary>
/// <param name="Hidden">True for cross-signing pseudo-devices; NULL and the old text 'FALSE' read as false.</param>
public sealed record SynapseDevice(
    string UserId,
    string DeviceId,
    string? DisplayName,
    long? LastSeen,
    string? Ip,
    string? UserAgent,
    bool Hidden);
