namespace Syn2Mas.Bench.Data;

/// <summary>
/// A keyed permutation of [0, size): a four-round Feistel network over the smallest even number of bits
/// that covers size, walking the cycle until the value falls inside the range. Uniqueness of user names,
/// subjects and phone numbers rests on this being a bijection, which lets the generator guarantee
/// distinct values without remembering the ones it already produced.
/// </summary>
internal sealed class IndexPermutation
{
    private const int Rounds = 4;

    private readonly ulong _size;
    private readonly int _halfBits;
    private readonly ulong _halfMask;
    private readonly ulong[] _roundKeys = new ulong[Rounds];

    public IndexPermutation(ulong size, ulong key)
    {
        ArgumentOutOfRangeException.ThrowIfZero(size);
        _size = size;
        var bits = size <= 1 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount(size - 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 62, nameof(size));
        _halfBits = (bits + 1) / 2;
        _halfMask = (1UL << _halfBits) - 1;
        for (var round = 0; round < Rounds; round++)
        {
            _roundKeys[round] = Mix64.Mix(key + (ulong)round * 0xD1B54A32D192ED03UL);
        }
    }

    public ulong Map(ulong index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _size);
        if (_halfBits == 0)
        {
            return index;
        }

        var value = index;
        do
        {
            value = Encrypt(value);
        }
        while (value >= _size);

        return value;
    }

    private ulong Encrypt(ulong value)
    {
        var left = value >> _halfBits;
        var right = value & _halfMask;
        for (var round = 0; round < Rounds; round++)
        {
            var next = left ^ (Mix64.Mix(right ^ _roundKeys[round]) & _halfMask);
            left = right;
            right = next;
        }

        return (left << _halfBits) | right;
    }
}
