namespace Syn2Mas.Net.Synapse;

/// <summary>A row of <c>refresh_tokens</c>.</summary>
/// <param name="Token">The secret itself: never printed (see <see cref="ToString"/>).</param>
/// <param name="NextTokenId">The successor after a refresh.</param>
/// <param name="ExpiryTs">After this, Synapse refuses the token; NULL (and schemas before 65) never expire.</param>
/// <param name="UltimateSessionExpiryTs">After this, Synapse refuses every refresh in the session; NULL for no bound.</param>
internal sealed record SynapseRefreshToken(
    SynapseNumber Id,
    string UserId,
    string DeviceId,
    string Token,
    SynapseNumber? NextTokenId,
    SynapseMilliseconds? ExpiryTs = null,
    SynapseMilliseconds? UltimateSessionExpiryTs = null)
{
    public override string ToString() =>
        $"SynapseRefreshToken {{ Id = {Id}, UserId = {UserId}, DeviceId = {DeviceId}, NextTokenId = {NextTokenId}, ExpiryTs = {ExpiryTs}, UltimateSessionExpiryTs = {UltimateSessionExpiryTs} }}";
}
