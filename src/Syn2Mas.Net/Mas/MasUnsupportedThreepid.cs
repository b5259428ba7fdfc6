namespace Syn2Mas.Net.Mas;

/// <summary>A row for <c>user_unsupported_third_party_ids</c> (phone numbers and other non-email media).</summary>
internal sealed record MasUnsupportedThreepid(Guid UserId, string Medium, string Address, DateTimeOffset CreatedAt);
