using System.Globalization;
using Syn2Mas.Net.Reporting;

namespace Syn2Mas.Net.Mapping;

/// <summary>
/// rule: times. Synapse's times as MAS's <c>timestamptz</c>: <c>users.creation_ts</c> counts seconds, every other Synapse
/// time milliseconds (docs/schema.md), all since the Unix epoch, all in UTC.
/// </summary>
/// <remarks>
/// One policy for times that cannot be right. A time Synapse took from its clock when something happened
/// (<c>creation_ts</c>, <c>added_at</c>, <c>last_validated</c>, <c>last_seen</c>) is plausible from
/// <see cref="PlausibleFrom"/> (1973-03-03, long before Matrix) up to the snapshot. Anything else (0, a
/// negative value, a value in the future, milliseconds stored as seconds or the other way round) is treated
/// as missing, with a warning: a row-dating time becomes the snapshot time, as a NULL one does, and
/// <c>last_seen</c> becomes NULL. The migration never guesses the unit; the advisor suggests the likely
/// reading so that the admin can correct the row in Synapse first. So every row's <c>created_at</c> lies
/// within what a ULID holds, and every id's ULID time equals its row's <c>created_at</c>. Expiry times are
/// not replaced: Synapse compares them as stored, and so does the migration.
/// </remarks>
internal static class SynapseTime
{
    /// <summary>10^11 ms, 1973-03-03T09:46:40Z: below it, a millisecond time reads as seconds, and a seconds one is 0 to 1973.</summary>
    public const long PlausibleFrom = 100_000_000_000;

    private static readonly long MinMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>A row-dating time in seconds, or the snapshot time when it cannot be right.</summary>
    public static DateTimeOffset CreatedFromSeconds(long seconds, DateTimeOffset snapshot, MappedUser mapped, string table, string column) =>
        seconds is > 0 and <= long.MaxValue / 1000 && IsPlausible(seconds * 1000, snapshot)
            ? DateTimeOffset.FromUnixTimeMilliseconds(seconds * 1000)
            : Implausible(seconds, inSeconds: true, snapshot, mapped, table, column, "the snapshot time");

    /// <summary>A row-dating time in milliseconds, or the snapshot time when it cannot be right.</summary>
    public static DateTimeOffset CreatedFromMilliseconds(long milliseconds, DateTimeOffset snapshot, MappedUser mapped, string table, string column) =>
        IsPlausible(milliseconds, snapshot)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : Implausible(milliseconds, inSeconds: false, snapshot, mapped, table, column, "the snapshot time");

    /// <summary>A time something was last seen, in milliseconds, or null when it cannot be right.</summary>
    public static DateTimeOffset? SeenFromMilliseconds(long milliseconds, DateTimeOffset snapshot, MappedUser mapped, string table, string column)
    {
        if (IsPlausible(milliseconds, snapshot))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }

        Implausible(milliseconds, inSeconds: false, snapshot, mapped, table, column, "NULL");
        return null;
    }

    /// <summary>
    /// An expiry, as stored. A time outside what <see cref="DateTimeOffset"/> holds (years 1 to 9999) is
    /// clamped and warned about: it can only be garbage or "never", and failing a whole migration on one such
    /// value helps nobody.
    /// </summary>
    public static DateTimeOffset FromMilliseconds(long milliseconds, MappedUser mapped, string table, string column)
    {
        var clamped = Math.Clamp(milliseconds, MinMilliseconds, MaxMilliseconds);
        var time = DateTimeOffset.FromUnixTimeMilliseconds(clamped);
        if (clamped != milliseconds)
        {
            mapped.Warn(
                MappingWarningCodes.TimestampOutOfRange,
                null,
                $"{table}.{column} of {ExampleText.Of(mapped.UserId)} is outside the years 1 to 9999; stored as {time:O}");
        }

        return time;
    }

    /// <summary>From 1973-03-03 to the snapshot, both included.</summary>
    public static bool IsPlausible(long milliseconds, DateTimeOffset snapshot) =>
        milliseconds >= PlausibleFrom && milliseconds <= snapshot.ToUnixTimeMilliseconds();

    /// <summary>
    /// What an implausible value most likely means: the same number in the other unit when that reading is
    /// plausible, as "as milliseconds: 2020-09-13T12:26:40Z"; null when no reading is.
    /// </summary>
    public static string? LikelyReading(long value, bool inSeconds, DateTimeOffset snapshot)
    {
        if (inSeconds)
        {
            return IsPlausible(value, snapshot) ? "as milliseconds: " + Format(value) : null;
        }

        return value is > 0 and <= long.MaxValue / 1000 && IsPlausible(value * 1000, snapshot) ? "as seconds: " + Format(value * 1000) : null;
    }

    /// <summary>Why a value is implausible, in a few words.</summary>
    public static string Problem(long value, bool inSeconds, DateTimeOffset snapshot)
    {
        var snapshotValue = inSeconds ? snapshot.ToUnixTimeSeconds() : snapshot.ToUnixTimeMilliseconds();
        return value <= 0 ? "at or before the epoch"
            : value > snapshotValue ? (inSeconds ? "in the future (milliseconds?)" : "in the future")
            : inSeconds ? "before 1973" : "before 1973 (seconds?)";
    }

    private static string Format(long milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Implausible(
        long value, bool inSeconds, DateTimeOffset snapshot, MappedUser mapped, string table, string column, string becomes)
    {
        var reading = LikelyReading(value, inSeconds, snapshot);
        mapped.Warn(
            MappingWarningCodes.ImplausibleTime,
            null,
            $"{table}.{column} of {ExampleText.Of(mapped.UserId)} is {value.ToString(CultureInfo.InvariantCulture)}, {Problem(value, inSeconds, snapshot)}; "
            + $"treated as missing: {becomes}" + (reading is null ? "" : $" (likely {reading})"));
        return snapshot;
    }
}
