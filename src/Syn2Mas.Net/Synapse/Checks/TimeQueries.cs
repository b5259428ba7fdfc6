using System.Globalization;

namespace Syn2Mas.Net.Synapse.Checks;

/// <summary>Times that cannot be right, in every time column the migration reads.</summary>
internal static class TimeQueries
{
    public static readonly IReadOnlyList<TimeColumn> Columns =
    [
        new("users", "creation_ts", "name", InSeconds: true, Expiry: false),
        new("user_threepids", "added_at", "user_id", InSeconds: false, Expiry: false),
        new("devices", "last_seen", "user_id", InSeconds: false, Expiry: false),
        new("access_tokens", "last_validated", "user_id", InSeconds: false, Expiry: false),
        new("access_tokens", "valid_until_ms", "user_id", InSeconds: false, Expiry: true),
        new("refresh_tokens", "expiry_ts", "user_id", InSeconds: false, Expiry: true),
        new("refresh_tokens", "ultimate_session_expiry_ts", "user_id", InSeconds: false, Expiry: true),
    ];

    /// <summary>
    /// Per column present (keyed by <see cref="TimeColumn.Qualified"/>), the rows before
    /// <paramref name="plausibleFromMilliseconds"/> or, unless an expiry, after the snapshot; each example is
    /// the owner, a space and the value. Text in a number column is not looked at (see <see cref="ValueQueries"/>).
    /// </summary>
    public static Task<IReadOnlyDictionary<string, ProblemSummary>> ImplausibleAsync(
        SynapseSource source, long plausibleFromMilliseconds, CancellationToken cancellationToken)
    {
        var checks = Columns.Where(entry => source.Schema.HasColumn(entry.Table, entry.Column)).Select(entry =>
        {
            var floor = entry.InSeconds ? plausibleFromMilliseconds / 1000 : plausibleFromMilliseconds;
            var ceiling = entry.Expiry ? "" : $" OR {entry.Column} > {(entry.InSeconds ? "@nowSeconds" : "@nowMilliseconds")}";
            return new RowCheck(
                entry.Table,
                entry.Qualified,
                $"{entry.Column} IS NOT NULL AND NOT {source.NotAnInteger(entry.Column)}{(entry.Table == "users" ? " AND appservice_id IS NULL" : "")}"
                + $" AND ({entry.Column} < {floor.ToString(CultureInfo.InvariantCulture)}{ceiling})",
                $"{entry.Owner} || ' ' || CAST({entry.Column} AS TEXT)");
        }).ToList();
        var snapshot = source.SnapshotTime;
        return ProblemRows.ScanAsync(
            source, checks, new { nowSeconds = snapshot.ToUnixTimeSeconds(), nowMilliseconds = snapshot.ToUnixTimeMilliseconds() }, cancellationToken);
    }
}
