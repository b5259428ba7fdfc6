using System.Globalization;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Mapping;

/// <summary>
/// rule: times. Synapse's times as MAS's <c>timestamptz</c>. The unit comes with the value's type
/// (<see cref="SynapseSeconds"/>, <see cref="SynapseMilliseconds"/>); this class adds what the mapper does
/// with a time that cannot be right.
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
    /// <inheritdoc cref="SynapseMilliseconds.PlausibleFrom"/>
    public const long PlausibleFrom = SynapseMilliseconds.PlausibleFrom;

    /// <summary>A row-dating time, or the snapshot time when it is NULL or cannot be right.</summary>
    public static DateTimeOffset Created(SynapseSeconds? time, DateTimeOffset snapshot, MappedUser mapped, string table, string column) =>
        time is not { } seconds ? snapshot
        : seconds.ToPlausibleTime(snapshot) ?? Implausible(seconds.Stored.Value, inSeconds: true, snapshot, mapped, table, column, "the snapshot time");

    /// <inheritdoc cref="Created(SynapseSeconds?, DateTimeOffset, MappedUser, string, string)"/>
    public static DateTimeOffset Created(SynapseMilliseconds? time, DateTimeOffset snapshot, MappedUser mapped, string table, string column) =>
        time is not { } milliseconds ? snapshot
        : milliseconds.ToPlausibleTime(snapshot) ?? Implausible(milliseconds.Stored.Value, inSeconds: false, snapshot, mapped, table, column, "the snapshot time");

    /// <summary>A time something was last seen, or null when it is NULL or cannot be right.</summary>
    public static DateTimeOffset? Seen(SynapseMilliseconds? time, DateTimeOffset snapshot, MappedUser mapped, string table, string column)
    {
        if (time is not { } milliseconds)
        {
            return null;
        }

        if (milliseconds.ToPlausibleTime(snapshot) is { } seen)
        {
            return seen;
        }

        Implausible(milliseconds.Stored.Value, inSeconds: false, snapshot, mapped, table, column, "NULL");
        return null;
    }

    /// <summary>
    /// An expiry, as stored, or null. A time outside what <see cref="DateTimeOffset"/> holds is clamped and
    /// warned about: it can only be garbage or "never", and failing a whole migration on one such value
    /// helps nobody.
    /// </summary>
    public static DateTimeOffset? Expiry(SynapseMilliseconds? time, MappedUser mapped, string table, string column)
    {
        if (time is not { } milliseconds)
        {
            return null;
        }

        var expiry = milliseconds.ToExpiryTime(out var clamped);
        if (clamped)
        {
            mapped.Warn(
                MappingWarningCodes.TimestampOutOfRange,
                null,
                $"{table}.{column} of {ExampleText.Of(mapped.UserId)} is outside the years 1 to 9999; stored as {expiry:O}");
        }

        return expiry;
    }

    /// <summary>
    /// What an implausible value most likely means: the same number in the other unit when that reading is
    /// plausible, as "as milliseconds: 2020-09-13T12:26:40Z"; null when no reading is.
    /// </summary>
    public static string? LikelyReading(long value, bool inSeconds, DateTimeOffset snapshot)
    {
        if (inSeconds)
        {
            return SynapseMilliseconds.IsPlausible(value, snapshot) ? "as milliseconds: " + Format(value) : null;
        }

        return value is > 0 and <= long.MaxValue / 1000 && SynapseMilliseconds.IsPlausible(value * 1000, snapshot) ? "as seconds: " + Format(value * 1000) : null;
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
