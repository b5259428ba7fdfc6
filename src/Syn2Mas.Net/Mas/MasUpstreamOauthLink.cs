namespace Syn2Mas.Net.Mas;

/// <summary>A row for <c>upstream_oauth_links</c>.</summary>
internal sealed record MasUpstreamOauthLink(Guid UpstreamOauthLinkId, Guid UpstreamOauthProviderId, Guid UserId, string Subject, DateTimeOffset CreatedAt);
