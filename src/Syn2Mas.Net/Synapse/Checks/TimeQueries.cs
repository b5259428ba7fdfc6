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

    /// <summary>The kind of the rows whose time in <c>table.column</c> cannot be right.</summary>
    public static string ImplausibleKind(string qualifiedColumn) => "time:" + qualifiedColumn;

    /// <summary>
    /// For <see cref="RowScan"/>: per column present, the rows before <paramref name="plausibleFromMilliseconds"/>
    /// or, unless an expiry, after the snapshot (<see cref="Parameters"/>); each example is the owner, a space
    /// and the value. Text in a number column is not looked at (see <see cref="ValueQueries"/>).
    /// </summary>
    public static IEnumerable<RowCheck> Checks(SynapseSource source, long plausibleFromMilliseconds) =>
        Columns.Where(entry => source.Schema.HasColumn(entry.Table, entry.Column)).Select(entry =>
        {
            var floor = entry.InSeconds ? plausibleFromMilliseconds / 1000 : plausibleFromMilliseconds;
            var ceiling = entry.Expiry ? "" : $" OR {entry.Column} > {(entry.InSeconds ? "@nowSeconds" : "@nowMilliseconds")}";
            return new RowCheck(
                entry.Table,
                ImplausibleKind(entry.Qualified),
                $"{entry.Column} IS NOT NULL AND NOT {source.NotAnInteger(entry.Column)}{(entry.Table == "users" ? " AND appservice_id IS NULL" : "")}"
                + $" AND ({entry.Column} < {floor.ToString(CultureInfo.InvariantCulture)}{ceiling})",
                $"{entry.Owner} || ' ' || CAST({entry.Column} AS TEXT)");
        });

    /// <summary>The snapshot's time, the ceiling of <see cref="Checks"/>.</summary>
    public static object Parameters(SynapseSource source) =>
        new { nowSeconds = source.SnapshotTime.ToUnixTimeSeconds(), nowMilliseconds = source.SnapshotTime.ToUnixTimeMilliseconds() };
}
