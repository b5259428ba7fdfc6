namespace Syn2Mas.Net.Mas;

/// <summary>A row for MAS's <c>users</c>.</summary>
internal sealed record MasUser(
    Guid UserId,
    string Username,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LockedAt,
    bool CanRequestAdmin,
    bool IsGuest,
    DateTimeOffset? DeactivatedAt);
