using System.Buffers.Binary;
using NUlid;

namespace Syn2Mas.Net.Identifiers;

/// <summary>
/// MAS stores a ULID as the UUID with the same 16 bytes, in order. .NET's <see cref="Guid"/> keeps its first
/// three fields little-endian, so the conversion must go through the big-endian constructor to keep the
/// text of the UUID equal to the bytes of the ULID.
/// </summary>
internal static class UlidUuid
{
    private const string CrockfordAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static Guid ToUuid(Ulid ulid) => new(ulid.ToByteArray(), bigEndian: true);

    public static Ulid ToUlid(Guid uuid)
    {
        Span<byte> bytes = stackalloc byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        return new Ulid(bytes.ToArray());
    }

    /// <summary>
    /// Reads strict ULID text (<see cref="IsValidUlid"/>). Decoded here rather than by NUlid's parser, which
    /// turns down valid ULIDs whose timestamp lies beyond the year 9999 (<c>76EZ91ZQ00…</c> and above); MAS
    /// accepts every 128-bit value.
    /// </summary>
    public static bool TryParseUlid(string text, out Ulid ulid)
    {
        ulid = default;
        if (!IsValidUlid(text))
        {
            return false;
        }

        UInt128 value = 0;
        foreach (var c in text)
        {
            value = (value << 5) | (uint)CrockfordAlphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
        }

        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        ulid = new Ulid(bytes);
        return true;
    }

    /// <summary>
    /// Strict ULID text: 26 Crockford base32 characters whose first is at most 7 (anything larger
    /// overflows 128 bits). Lower case is accepted, as MAS accepts it.
    /// </summary>
    public static bool IsValidUlid(string text) =>
        text.Length == 26
        && text[0] is >= '0' and <= '7'
        && text.All(c => CrockfordAlphabet.Contains(char.ToUpperInvariant(c), StringComparison.Ordinal));
}
