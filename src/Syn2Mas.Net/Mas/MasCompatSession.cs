using System.Net;

namespace Syn2Mas.Net.Mas;

/// <summary>A row for <c>compat_sessions</c>; <paramref name="DeviceId"/> is null for a deviceless session.</summary>
internal sealed record MasCompatSession(
    Guid CompatSessionId,
    Guid UserId,
    string? DeviceId,
    DateTimeOffset CreatedAt,
    bool IsSynapseAdmin,
    DateTimeOffset? LastActiveAt,
    IPAddress? LastActiveIp,
    string? UserAgent,
    string? HumanName);
