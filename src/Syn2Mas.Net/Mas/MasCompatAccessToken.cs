namespace Syn2Mas.Net.Mas;

/// <summary>A row for <c>compat_access_tokens</c>; <paramref name="AccessToken"/> is a secret, never printed.</summary>
internal sealed record MasCompatAccessToken(Guid CompatAccessTokenId, Guid CompatSessionId, string AccessToken, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt)
{
    public override string ToString() =>
        $"MasCompatAccessToken {{ CompatAccessTokenId = {CompatAccessTokenId}, CompatSessionId = {CompatSessionId}, CreatedAt = {CreatedAt:O}, ExpiresAt = {ExpiresAt:O} }}";
}
