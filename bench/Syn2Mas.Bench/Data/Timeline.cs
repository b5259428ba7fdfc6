namespace Syn2Mas.Bench.Data;

/// <summary>
/// The fixed span of time the data lives in. A fixed "now" keeps the output independent of the day it is
/// generated; ten years is about as long as a Matrix server has been running.
/// </summary>
internal static class Timeline
{
    /// <summary>2025-06-01T00:00:00Z, in seconds.</summary>
    public const long NowSeconds = 1_748_736_000;

    /// <summary>2015-06-01T00:00:00Z, in seconds: users are created evenly from here to <see cref="NowSeconds"/>.</summary>
    public const long StartSeconds = 1_433_116_800;

    /// <summary>2022-11-01, around Synapse v1.69 which added <c>users.approved</c> (set true on registration from then on).</summary>
    public const long ApprovedColumnSeconds = 1_667_260_800;

    public const long NowMs = NowSeconds * 1000;

    public const long MinuteMs = 60_000;

    public const long DayMs = 86_400_000;

    /// <summary>Spreads users over the span in the order Synapse would have inserted them, so rowid order is creation order.</summary>
    public static long CreationSeconds(long index, long users, DeterministicRandom random) =>
        StartSeconds + (long)((index + random.NextDouble()) * (NowSeconds - StartSeconds) / users);

    /// <summary>A moment between <paramref name="fromMs"/> and now, leaning towards now as activity does.</summary>
    public static long RecentMs(long fromMs, DeterministicRandom random)
    {
        var fraction = random.NextDouble();
        return NowMs - (long)((NowMs - fromMs) * fraction * fraction);
    }

    public static long Between(long fromMs, long toMs, DeterministicRandom random) =>
        toMs <= fromMs ? fromMs : random.NextInt64(fromMs, toMs);
}
