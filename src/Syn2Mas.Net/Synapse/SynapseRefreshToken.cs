namespace Syn2Mas.Net.Synapse;

/// <summary>A row of <c>refresh_tokens</c>.</summary>
/// <param name="Token">The secret itself: never printed (see <see cref="ToString"/>).</param>
/// <param name="NextTokenId">The successor after a refresh.</param>
public sealed record SynapseRefreshToken(long Id, string UserId, string DeviceId, string Token, long? NextTokenId)
{
    public override string ToString() =>
        $"SynapseRefreshToken {{ Id = {Id}, UserId = {UserId}, DeviceId = {DeviceId}, NextTokenId = {NextTokenId} }}";
}
