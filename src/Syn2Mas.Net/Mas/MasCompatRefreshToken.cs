namespace Syn2Mas.Net.Mas;

/// <summary>A row for <c>compat_refresh_tokens</c>; <paramref name="RefreshToken"/> is a secret, never printed.</summary>
internal sealed record MasCompatRefreshToken(
    Guid CompatRefreshTokenId,
    Guid CompatSessionId,
    Guid CompatAccessTokenId,
    string RefreshToken,
    DateTimeOffset CreatedAt)
{
    public override string ToString() =>
        $"MasCompatRefreshToken {{ CompatRefreshTokenId = {CompatRefreshTokenId}, CompatSessionId = {CompatSessionId}, CompatAccessTokenId = {CompatAccessTokenId}, CreatedAt = {CreatedAt:O} }}";
}
