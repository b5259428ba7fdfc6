namespace Syn2Mas.Net.Mas;

/// <summary>
/// One user's rows in every table the migration writes, as MAS holds them: the MAS side of <c>verify</c>.
/// Tokens belong to the user of their session.
/// </summary>
/// <param name="UserId">
/// <c>@username:server_name</c>, the Synapse user id the rows would come from; null for upstream links no
/// user owns.
/// </param>
internal sealed record MasUserRows(
    string? UserId,
    MasUser? User,
    IReadOnlyList<MasUserPassword> Passwords,
    IReadOnlyList<MasUserEmail> Emails,
    IReadOnlyList<MasUnsupportedThreepid> UnsupportedThreepids,
    IReadOnlyList<MasUpstreamOauthLink> UpstreamOauthLinks,
    IReadOnlyList<MasCompatSession> CompatSessions,
    IReadOnlyList<MasCompatAccessToken> CompatAccessTokens,
    IReadOnlyList<MasStoredRefreshToken> CompatRefreshTokens);
