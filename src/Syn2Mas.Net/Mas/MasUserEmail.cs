namespace Syn2Mas.Net.Mas;

/// <summary>A row for <c>user_emails</c>.</summary>
internal sealed record MasUserEmail(Guid UserEmailId, Guid UserId, string Email, DateTimeOffset CreatedAt);
