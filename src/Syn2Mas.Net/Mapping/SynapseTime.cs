using Syn2Mas.Net.Advisor;

namespace Syn2Mas.Net.Mapping;

/// <summary>
/// rule: times. Synapse's times as MAS's <c>timestamptz</c>: <c>users.creation_ts</c> counts seconds, every other Synapse
/// time milliseconds (docs/schema.md), all since the Unix epoch, all in UTC.
/// </summary>
internal static class SynapseTime
{
    private static readonly long MinMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromSeconds(long seconds, MappedUser mapped, string table, string column)
    {
        // Checked before multiplying, which could overflow for absurd values.
        var milliseconds = seconds > MaxMilliseconds / 1000 ? long.MaxValue
            : seconds < MinMilliseconds / 1000 ? long.MinValue
            : seconds * 1000;
        return FromMilliseconds(milliseconds, mapped, table, column);
    }

    /// <summary>
    /// A time outside what <see cref="DateTimeOffset"/> holds (years 1 to 9999) is clamped and warned about:
    /// it can only be garbage or "never", and failing a whole migration on one such value helps nobody.
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
}
