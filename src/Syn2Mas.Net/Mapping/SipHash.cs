using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Syn2Mas.Net.Mapping;

/// <summary>
/// SipHash-2-4, the keyed pseudo-random function of Aumasson and Bernstein ("SipHash: a fast short-input
/// PRF", 2012), in its 64-bit and 128-bit output forms. It is built for exactly what the id generator needs:
/// inputs of a few dozen bytes, an output nobody can predict without the 128-bit key, and no allocation.
/// </summary>
/// <remarks>
/// Written from the paper's description: the key is two little-endian words; the message is absorbed in
/// little-endian 8-byte words with two rounds each, the last word carrying the message length modulo 256 in
/// its top byte; finalization runs four rounds. The 128-bit form xors 0xee into v1 at the start and into v2
/// before finalization, then xors 0xdd into v1 and runs four more rounds for the second half.
/// </remarks>
internal static class SipHash
{
    public const int KeySize = 16;

    public const int Hash128Size = 16;

    private const ulong InitialV0 = 0x736f6d6570736575; // "somepseu"
    private const ulong InitialV1 = 0x646f72616e646f6d; // "dorandom"
    private const ulong InitialV2 = 0x6c7967656e657261; // "lygenera"
    private const ulong InitialV3 = 0x7465646279746573; // "tedbytes"

    public static ulong Hash64(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        var (k0, k1) = ReadKey(key);
        var v0 = k0 ^ InitialV0;
        var v1 = k1 ^ InitialV1;
        var v2 = k0 ^ InitialV2;
        var v3 = k1 ^ InitialV3;
        Absorb(ref v0, ref v1, ref v2, ref v3, message);
        v2 ^= 0xff;
        FinalRounds(ref v0, ref v1, ref v2, ref v3);
        return v0 ^ v1 ^ v2 ^ v3;
    }

    public static void Hash128(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        var (k0, k1) = ReadKey(key);
        Hash128(k0, k1, message, destination);
    }

    /// <summary>The 128-bit form with the key already read as its two words; writes both halves little-endian.</summary>
    public static void Hash128(ulong k0, ulong k1, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        if (destination.Length < Hash128Size)
        {
            throw new ArgumentException($"SipHash-2-4-128 writes {Hash128Size} bytes.", nameof(destination));
        }

        var v0 = k0 ^ InitialV0;
        var v1 = k1 ^ InitialV1 ^ 0xee;
        var v2 = k0 ^ InitialV2;
        var v3 = k1 ^ InitialV3;
        Absorb(ref v0, ref v1, ref v2, ref v3, message);
        v2 ^= 0xee;
        FinalRounds(ref v0, ref v1, ref v2, ref v3);
        BinaryPrimitives.WriteUInt64LittleEndian(destination, v0 ^ v1 ^ v2 ^ v3);
        v1 ^= 0xdd;
        FinalRounds(ref v0, ref v1, ref v2, ref v3);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], v0 ^ v1 ^ v2 ^ v3);
    }

    public static (ulong K0, ulong K1) ReadKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"A SipHash key is {KeySize} bytes.", nameof(key));
        }

        return (BinaryPrimitives.ReadUInt64LittleEndian(key), BinaryPrimitives.ReadUInt64LittleEndian(key[8..]));
    }

    private static void Absorb(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3, ReadOnlySpan<byte> message)
    {
        var whole = message.Length & ~7;
        for (var offset = 0; offset < whole; offset += 8)
        {
            var word = BinaryPrimitives.ReadUInt64LittleEndian(message[offset..]);
            Compress(ref v0, ref v1, ref v2, ref v3, word);
        }

        // The length byte makes messages that differ only by trailing zero bytes hash differently.
        var last = (ulong)(byte)message.Length << 56;
        var tail = message[whole..];
        for (var index = 0; index < tail.Length; index++)
        {
            last |= (ulong)tail[index] << (8 * index);
        }

        Compress(ref v0, ref v1, ref v2, ref v3, last);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Compress(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3, ulong word)
    {
        v3 ^= word;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= word;
    }

    private static void FinalRounds(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        v0 += v1;
        v1 = BitOperations.RotateLeft(v1, 13);
        v1 ^= v0;
        v0 = BitOperations.RotateLeft(v0, 32);
        v2 += v3;
        v3 = BitOperations.RotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = BitOperations.RotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = BitOperations.RotateLeft(v1, 17);
        v1 ^= v2;
        v2 = BitOperations.RotateLeft(v2, 32);
    }
}
