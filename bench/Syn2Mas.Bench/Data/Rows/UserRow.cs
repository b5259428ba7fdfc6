namespace Syn2Mas.Bench.Data.Rows;

/// <summary>A row of <c>users</c>; creation time in seconds, booleans as the values Synapse means.</summary>
internal readonly record struct UserRow(
    string Name,
    string? PasswordHash,
    long? CreationTs,
    bool Admin,
    bool IsGuest,
    bool Deactivated,
    string? AppserviceId,
    bool? ShadowBanned,
    bool? Approved,
    bool Locked,
    bool Suspended);
