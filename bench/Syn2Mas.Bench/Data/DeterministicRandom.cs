namespace Syn2Mas.Bench.Data;

/// <summary>
/// xoshiro256** seeded through SplitMix64. The generator promises byte-identical data for a seed, so it
/// cannot lean on <see cref="Random"/>, whose seeded sequence .NET does not promise to keep across releases.
/// One instance is reseeded per user and per block instead of allocated, so that every user's values
/// depend only on (seed, user index) and not on how many values earlier users drew.
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public DeterministicRandom(ulong seed, ulong domain, ulong index) => Reseed(seed, domain, index);

    public void Reseed(ulong seed, ulong domain, ulong index)
    {
        var state = Mix64.Mix(seed ^ Mix64.Mix(domain * 0x9E3779B97F4A7C15UL ^ Mix64.Mix(index)));
        _s0 = SplitMix(ref state);
        _s1 = SplitMix(ref state);
        _s2 = SplitMix(ref state);
        _s3 = SplitMix(ref state);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A value in [0, maxExclusive). Multiply-shift: the bias is below 2^-32, far under anything a profile could show.</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    public long NextInt64(long minInclusive, long maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxExclusive, minInclusive);
        var range = (ulong)(maxExclusive - minInclusive);
        return minInclusive + (long)(ulong)((UInt128)NextUInt64() * range >> 64);
    }

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix64.Mix(state);
    }

    private static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));
}
