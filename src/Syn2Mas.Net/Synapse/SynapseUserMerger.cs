using System.Runtime.CompilerServices;
using Syn2Mas.Net.Databases;

namespace Syn2Mas.Net.Synapse;

/// <summary>
/// Joins Synapse's tables on user id by merging streams that are each sorted by user id
/// (<see cref="SynapseReader"/>), so that a read of millions of users holds one user's rows at a time and
/// no map of users or devices. The input order is checked as the streams are read: a database that sorts
/// differently from <see cref="CodePointComparer"/> fails loudly instead of merging users wrongly.
/// </summary>
internal static class SynapseUserMerger
{
    /// <summary>
    /// Yields, in user id order, one <see cref="SynapseUserRows"/> per <c>users</c> row with the rows of the
    /// other streams whose user id is its name, and one with a null <see cref="SynapseUserRows.User"/> per user
    /// id that only the other streams name (orphans). A <c>users</c> row whose name is NULL comes first, in a
    /// group of its own with no other rows. A null stream is a table not read: its lists stay
    /// empty.
    /// </summary>
    public static async IAsyncEnumerable<SynapseUserRows> MergeAsync(
        IAsyncEnumerable<SynapseUser> users,
        IAsyncEnumerable<SynapseThreepid>? threepids,
        IAsyncEnumerable<SynapseExternalId>? externalIds,
        IAsyncEnumerable<SynapseDevice>? devices,
        IAsyncEnumerable<SynapseAccessToken>? accessTokens,
        IAsyncEnumerable<SynapseRefreshToken>? refreshTokens,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);

        await using var userRows = await OrderedUserStream<SynapseUser>.StartAsync(users, SynapseTables.Users, user => user.Name?.Value, unique: true, cancellationToken);
        await using var threepidRows = await OrderedUserStream<SynapseThreepid>.StartAsync(
            threepids, SynapseTables.UserThreepids, row => row.UserId, unique: false, cancellationToken);
        await using var externalIdRows = await OrderedUserStream<SynapseExternalId>.StartAsync(
            externalIds, SynapseTables.UserExternalIds, row => row.UserId, unique: false, cancellationToken);
        await using var deviceRows = await OrderedUserStream<SynapseDevice>.StartAsync(
            devices, SynapseTables.Devices, row => row.UserId, unique: false, cancellationToken);
        await using var accessTokenRows = await OrderedUserStream<SynapseAccessToken>.StartAsync(
            accessTokens, SynapseTables.AccessTokens, row => row.UserId, unique: false, cancellationToken);
        await using var refreshTokenRows = await OrderedUserStream<SynapseRefreshToken>.StartAsync(
            refreshTokens, SynapseTables.RefreshTokens, row => row.UserId, unique: false, cancellationToken);

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // A users row whose name is NULL can own nothing (every other table's user_id is NOT NULL), and
            // NULL sorts first, so these rows are all at the head of the users stream.
            if (userRows.HasCurrent && userRows.UserId is null)
            {
                var unnamed = userRows.Current;
                await userRows.MoveNextAsync();
                yield return new SynapseUserRows(null, unnamed, [], [], [], [], []);
                continue;
            }

            var userId = Lowest(userRows.HasCurrent ? userRows.UserId : null, threepidRows, externalIdRows, deviceRows, accessTokenRows, refreshTokenRows);
            if (userId is null)
            {
                yield break;
            }

            SynapseUser? user = null;
            if (userRows.HasCurrent && string.Equals(userRows.UserId, userId, StringComparison.Ordinal))
            {
                user = userRows.Current;
                await userRows.MoveNextAsync();
            }

            yield return new SynapseUserRows(
                userId,
                user,
                await threepidRows.TakeAsync(userId),
                await externalIdRows.TakeAsync(userId),
                await deviceRows.TakeAsync(userId),
                await accessTokenRows.TakeAsync(userId),
                await refreshTokenRows.TakeAsync(userId));
        }
    }

    /// <summary>The lowest current user id among the streams, null when they are all at their end.</summary>
    private static string? Lowest(
        string? lowest,
        OrderedUserStream<SynapseThreepid> threepids,
        OrderedUserStream<SynapseExternalId> externalIds,
        OrderedUserStream<SynapseDevice> devices,
        OrderedUserStream<SynapseAccessToken> accessTokens,
        OrderedUserStream<SynapseRefreshToken> refreshTokens)
    {
        lowest = Min(lowest, threepids.HasCurrent, threepids.UserId);
        lowest = Min(lowest, externalIds.HasCurrent, externalIds.UserId);
        lowest = Min(lowest, devices.HasCurrent, devices.UserId);
        lowest = Min(lowest, accessTokens.HasCurrent, accessTokens.UserId);
        return Min(lowest, refreshTokens.HasCurrent, refreshTokens.UserId);

        static string? Min(string? lowest, bool present, string? candidate) =>
            present && candidate is not null && (lowest is null || CodePointComparer.Instance.Compare(candidate, lowest) < 0) ? candidate : lowest;
    }
}
