using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Migration;

/// <summary>What the copy read, skipped, warned about and wrote, table by table, for the summary and the report.</summary>
internal sealed class MigrationTally
{
    private readonly Dictionary<string, SkipTally> _skipped = new(StringComparer.Ordinal);
    private readonly SkipTally _warnings = new();
    private readonly Dictionary<string, (long Rows, double Seconds)> _written = new(StringComparer.Ordinal);
    private long _users, _threepids, _externalIds, _devices, _accessTokens, _refreshTokens;

    /// <summary>Counts one user's Synapse rows and what the mapper skipped and warned about.</summary>
    public void Add(SynapseUserRows rows, MappedUser user)
    {
        _users += rows.User is null ? 0 : 1;
        _threepids += rows.Threepids.Count;
        _externalIds += rows.ExternalIds.Count;
        _devices += rows.Devices.Count;
        _accessTokens += rows.AccessTokens.Count;
        _refreshTokens += rows.RefreshTokens.Count;
        foreach (var skip in user.SkippedRows)
        {
            if (!_skipped.TryGetValue(skip.Table, out var tally))
            {
                _skipped[skip.Table] = tally = new SkipTally();
            }

            tally.Add(skip.Reason, skip.UserId);
        }

        foreach (var warning in user.Warnings)
        {
            _warnings.Add(warning.Code, warning.UserId);
        }
    }

    public void Written(MasTable table, long rows, double seconds) => _written[table.Name] = (rows, seconds);

    /// <summary>
    /// One line per written MAS table, in <see cref="MasSchema.WrittenTables"/> order. Two MAS tables are made
    /// from users and two from user_threepids: the rows skipped are listed once, under the first of them.
    /// </summary>
    public IReadOnlyList<TableSummary> Summaries()
    {
        var read = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            [SynapseTables.Users] = _users,
            [SynapseTables.UserThreepids] = _threepids,
            [SynapseTables.UserExternalIds] = _externalIds,
            [SynapseTables.Devices] = _devices,
            [SynapseTables.AccessTokens] = _accessTokens,
            [SynapseTables.RefreshTokens] = _refreshTokens,
        };
        var listed = new HashSet<string>(StringComparer.Ordinal);
        return MasSchema.WrittenTables
            .Select(table =>
            {
                var source = SourceTable(table);
                var (rows, seconds) = _written[table.Name];
                return new TableSummary(
                    table.Name,
                    source,
                    read[source],
                    rows,
                    listed.Add(source) && _skipped.TryGetValue(source, out var tally) ? tally.ToList() : [],
                    seconds);
            })
            .ToList();
    }

    public IReadOnlyList<SkippedRows> Warnings() => _warnings.ToList();

    /// <summary>The Synapse table a MAS table's rows are made from.</summary>
    private static string SourceTable(MasTable table) =>
        table == MasSchema.Users || table == MasSchema.UserPasswords ? SynapseTables.Users
        : table == MasSchema.UserEmails || table == MasSchema.UserUnsupportedThirdPartyIds ? SynapseTables.UserThreepids
        : table == MasSchema.UpstreamOauthLinks ? SynapseTables.UserExternalIds
        : table == MasSchema.CompatSessions ? SynapseTables.Devices
        : table == MasSchema.CompatAccessTokens ? SynapseTables.AccessTokens
        : table == MasSchema.CompatRefreshTokens ? SynapseTables.RefreshTokens
        : throw new ArgumentOutOfRangeException(nameof(table), table.Name, "not a table the migration writes");
}
