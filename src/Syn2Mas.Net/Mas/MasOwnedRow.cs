namespace Syn2Mas.Net.Mas;

/// <summary>A MAS row with the Matrix user id of the user it belongs to, the key MAS's tables are merged on.</summary>
/// <param name="UserId">
/// <c>@username:server_name</c> of the row's user; null for a row no user owns (an upstream link not yet
/// attached to a user).
/// </param>
internal sealed record MasOwnedRow<T>(string? UserId, T Row);
