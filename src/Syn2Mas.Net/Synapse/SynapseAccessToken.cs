namespace Syn2Mas.Net.Synapse;

/// <summary>A row of <c>access_tokens</c>.</summary>
/// <param name="Token">The secret itself: never printed (see <see cref="ToString"/>).</param>
/// <param name="Used">True once a refreshed token was used; NULL reads as false.</param>
internal sealed record SynapseAccessToken(
    SynapseNumber Id,
    string UserId,
    string? DeviceId,
    string Token,
    SynapseMilliseconds? ValidUntilMs,
    string? PuppetsUserId,
    SynapseMilliseconds? LastValidated,
    SynapseNumber? RefreshTokenId,
    bool Used)
{
    public override string ToString() =>
        $"SynapseAccessToken {{ Id = {Id}, UserId = {UserId}, DeviceId = {DeviceId}, RefreshTokenId = {RefreshTokenId}, Used = {Used} }}";
}
