using NUlid;

namespace Syn2Mas.Net.Identifiers;

/// <summary>
/// MAS stores a ULID as the UUID with the same 16 bytes, in order. .NET's <see cref="Guid"/> keeps its first
/// three fields little-endian, so the conversion must go through the big-endian constructor to keep the
/// text of the UUID equal to the bytes of the ULID.
/// </summary>
public static class UlidUuid
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
    /// Strict ULID text: 26 Crockford base32 characters whose first is at most 7 (anything larger
    /// overflows 128 bits). Lower case is accepted, as MAS accepts it.
    /// </summary>
    public static bool IsValidUlid(string text) =>
        text.Length == 26
        && text[0] is >= '0' and <= '7'
        && text.All(c => CrockfordAlphabet.Contains(char.ToUpperInvariant(c), StringComparison.Ordinal));
}
