namespace Syn2Mas.Net.Synapse;

/// <summary>
/// One user id's rows from every table read, merged from streams ordered by user id. Tables not read
/// stay empty. <see cref="User"/> is null when rows name a user id that
/// <c>users</c> does not hold: those rows are orphans (behaviour.md, rule 7).
/// </summary>
/// <param name="UserId">The key the streams were merged on; null only for a <c>users</c> row whose name is NULL.</param>
internal sealed record SynapseUserRows(
    string? UserId,
    SynapseUser? User,
    IReadOnlyList<SynapseThreepid> Threepids,
    IReadOnlyList<SynapseExternalId> ExternalIds,
    IReadOnlyList<SynapseDevice> Devices,
    IReadOnlyList<SynapseAccessToken> AccessTokens,
    IReadOnlyList<SynapseRefreshToken> RefreshTokens)
{
    public bool IsOrphan => User is null;
}
