namespace Syn2Mas.Bench.Data.Rows;

/// <summary>A row of <c>devices</c>; <see cref="LastSeen"/> in milliseconds.</summary>
internal readonly record struct DeviceRow(
    string UserId,
    string DeviceId,
    string? DisplayName,
    long? LastSeen,
    string? Ip,
    string? UserAgent,
    bool Hidden);
