using System.Data.Common;

namespace Syn2Mas.Net.Synapse;

/// <summary>
/// rule: times. A Synapse time counted in milliseconds since the Unix epoch, UTC: every time the migration
/// reads but <c>users.creation_ts</c> (<see cref="SynapseSeconds"/>). The unit is the type's, so nothing
/// downstream chooses it; the value may be <see cref="SynapseNumber.NotANumber"/> (SQLite only).
/// </summary>
internal readonly record struct SynapseMilliseconds(SynapseNumber Stored)
{
    /// <summary>10^11 ms, 1973-03-03T09:46:40Z: below it, a millisecond time reads as seconds, and a seconds one is 0 to 1973.</summary>
    public const long PlausibleFrom = 100_000_000_000;

    private static readonly long MinMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public bool IsNotANumber => Stored.IsNotANumber;

    /// <summary>
    /// The time, when Synapse can have taken it from its own clock: from <see cref="PlausibleFrom"/> to the
    /// snapshot, both included. Null for anything else (0, a negative value, the future, seconds stored as
    /// milliseconds), which the migration treats as missing.
    /// </summary>
    public DateTimeOffset? ToPlausibleTime(DateTimeOffset snapshot) =>
        IsPlausible(Stored.Value, snapshot) ? DateTimeOffset.FromUnixTimeMilliseconds(Stored.Value) : null;

    /// <summary>
    /// rule: snapshot-time. An expiry that has passed: strictly before <paramref name="now"/>, compared as
    /// stored, as Synapse compares it; a time equal to now is still valid.
    /// </summary>
    public bool IsBefore(DateTimeOffset now) => Stored.Value < now.ToUnixTimeMilliseconds();

    /// <summary>
    /// An expiry as a time, as stored. A value outside what <see cref="DateTimeOffset"/> holds (years 1 to
    /// 9999) can only be garbage or "never": it is clamped, and <paramref name="clamped"/> says so.
    /// </summary>
    public DateTimeOffset ToExpiryTime(out bool clamped)
    {
        var value = Stored.Value;
        var inRange = Math.Clamp(value, MinMilliseconds, MaxMilliseconds);
        clamped = inRange != value;
        return DateTimeOffset.FromUnixTimeMilliseconds(inRange);
    }

    /// <summary>From 1973-03-03 to the snapshot, both included.</summary>
    public static bool IsPlausible(long milliseconds, DateTimeOffset snapshot) =>
        milliseconds >= PlausibleFrom && milliseconds <= snapshot.ToUnixTimeMilliseconds();

    public override string ToString() => Stored + " ms";

    internal static SynapseMilliseconds Read(DbDataReader row, int ordinal) => new(SynapseNumber.Read(row, ordinal));

    internal static SynapseMilliseconds? ReadNullable(DbDataReader row, int ordinal) =>
        row.IsDBNull(ordinal) ? null : new(SynapseNumber.Read(row, ordinal));
}
