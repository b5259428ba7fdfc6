namespace Syn2Mas.Net.Mas;

/// <summary>A row for <c>user_passwords</c>; <paramref name="HashedPassword"/> is a secret, never printed.</summary>
internal sealed record MasUserPassword(Guid UserPasswordId, Guid UserId, string HashedPassword, DateTimeOffset CreatedAt, int Version)
{
    public override string ToString() =>
        $"MasUserPassword {{ UserPasswordId = {UserPasswordId}, UserId = {UserId}, CreatedAt = {CreatedAt:O}, Version = {Version} }}";
}
