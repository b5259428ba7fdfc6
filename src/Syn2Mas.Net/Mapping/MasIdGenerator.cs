using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Syn2Mas.Net.Mapping;

/// <summary>
/// Makes the ids of the MAS rows (docs/behaviour.md, rule: ids): ULIDs whose 48-bit timestamp is the
/// row's creation time in milliseconds and whose 80 other bits nobody outside can predict, as the UUIDs
/// with the same 16 bytes.
/// </summary>
/// <remarks>
/// The migration keeps no map from Synapse keys to MAS ids (it would grow with the server), so the ids that
/// one table references in another (users, compat sessions, compat access tokens) are derived rather than
/// drawn: their 80 bits are SipHash-2-4 of the row's natural key under a 128-bit key drawn once per run.
/// The same row therefore always gets the same id, whichever table refers to it, while the ids stay unpredictable to anyone
/// without the key, which never leaves this object. Ids nothing references (passwords, emails, links,
/// refresh tokens) are plain random. Thread-safe: the key is immutable and the random bytes are per thread.
/// </remarks>
internal sealed class MasIdGenerator
{
    private const int RandomBytesPerId = 10;

    /// <summary>Random bytes are drawn for this many ids at a time: one system call per batch, not per row.</summary>
    private const int IdsPerRandomBatch = 256;

    /// <summary>Natural keys longer than this (in bytes) are hashed from a pooled buffer instead of the stack.</summary>
    private const int StackMessageLimit = 512;

    /// <summary>ULIDs hold 48 bits of milliseconds since the Unix epoch.</summary>
    private const long MaxUlidMilliseconds = (1L << 48) - 1;

    // Distinct first bytes keep the natural keys of different row kinds apart, so that an access token and
    // a deviceless session derived from the same Synapse token id get unrelated bits.
    private const byte UserPurpose = 1;
    private const byte DeviceSessionPurpose = 2;
    private const byte DevicelessSessionPurpose = 3;
    private const byte AccessTokenPurpose = 4;

    [ThreadStatic]
    private static byte[]? _randomBatch;

    [ThreadStatic]
    private static int _randomOffset;

    private readonly ulong _k0;
    private readonly ulong _k1;

    private MasIdGenerator(ulong k0, ulong k1)
    {
        _k0 = k0;
        _k1 = k1;
    }

    /// <summary>A generator with a fresh secret key: create one per migration run.</summary>
    public static MasIdGenerator CreateForRun()
    {
        Span<byte> key = stackalloc byte[SipHash.KeySize];
        RandomNumberGenerator.Fill(key);
        try
        {
            return FromKey(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>A generator with a chosen key, so that tests can reproduce ids.</summary>
    internal static MasIdGenerator FromKey(ReadOnlySpan<byte> key)
    {
        var (k0, k1) = SipHash.ReadKey(key);
        return new MasIdGenerator(k0, k1);
    }

    /// <summary>The MAS <c>users.user_id</c> of the Synapse user <paramref name="synapseUserId"/> (<c>users.name</c>).</summary>
    public Guid UserId(string synapseUserId, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(synapseUserId);
        return Derived(createdAt, UserPurpose, synapseUserId, []);
    }

    /// <summary>The <c>compat_sessions.compat_session_id</c> of the device <paramref name="deviceId"/> of <paramref name="synapseUserId"/>.</summary>
    public Guid CompatSessionId(string synapseUserId, string deviceId, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(synapseUserId);
        ArgumentNullException.ThrowIfNull(deviceId);
        return Derived(createdAt, DeviceSessionPurpose, synapseUserId, deviceId);
    }

    /// <summary>The id of the session a deviceless Synapse access token (<c>access_tokens.id</c>) gets on its own.</summary>
    public Guid DevicelessCompatSessionId(long synapseAccessTokenId, DateTimeOffset createdAt) =>
        Derived(createdAt, DevicelessSessionPurpose, synapseAccessTokenId);

    /// <summary>The <c>compat_access_tokens.compat_access_token_id</c> of the Synapse access token <c>access_tokens.id</c>.</summary>
    public Guid CompatAccessTokenId(long synapseAccessTokenId, DateTimeOffset createdAt) =>
        Derived(createdAt, AccessTokenPurpose, synapseAccessTokenId);

    /// <summary>A fresh random id, for rows no other table refers to.</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Every id comes from the run's generator; the random bytes are per thread, not per generator.")]
    public Guid NewId(DateTimeOffset createdAt)
    {
        var batch = _randomBatch;
        if (batch is null || _randomOffset + RandomBytesPerId > batch.Length)
        {
            batch = _randomBatch ??= new byte[RandomBytesPerId * IdsPerRandomBatch];
            RandomNumberGenerator.Fill(batch);
            _randomOffset = 0;
        }

        var random = batch.AsSpan(_randomOffset, RandomBytesPerId);
        _randomOffset += RandomBytesPerId;
        return Ulid(createdAt, random);
    }

    /// <summary>
    /// The ULID timestamp of a creation time. MAS dates rows by their ids too, so the timestamp is the row's
    /// own time; a time before 1970 cannot be expressed in a ULID and becomes 0 (the row keeps its real time).
    /// </summary>
    internal static long UlidMilliseconds(DateTimeOffset createdAt) =>
        Math.Clamp(createdAt.ToUnixTimeMilliseconds(), 0, MaxUlidMilliseconds);

    private static Guid Ulid(DateTimeOffset createdAt, ReadOnlySpan<byte> random)
    {
        Span<byte> bytes = stackalloc byte[16];
        var milliseconds = UlidMilliseconds(createdAt);

        // 48 bits big-endian: the top two bytes of the 64-bit value are always zero.
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, milliseconds);
        time[2..].CopyTo(bytes);
        random[..RandomBytesPerId].CopyTo(bytes[6..]);

        // As UlidUuid does, the UUID's bytes, read big-endian, are the ULID's bytes in order.
        return new Guid(bytes, bigEndian: true);
    }

    private Guid Derived(DateTimeOffset createdAt, byte purpose, long naturalKey)
    {
        Span<byte> message = stackalloc byte[1 + sizeof(long)];
        message[0] = purpose;
        BinaryPrimitives.WriteInt64LittleEndian(message[1..], naturalKey);
        return FromMessage(createdAt, message);
    }

    private Guid Derived(DateTimeOffset createdAt, byte purpose, ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        // The UTF-16 code units themselves, not an encoding, so that no two distinct strings (not even ones
        // holding lone surrogates) give the same message. The length of the first part keeps ("ab", "c") and
        // ("a", "bc") apart. Byte order is the machine's, which is fixed for a run, as is the key.
        var firstBytes = MemoryMarshal.AsBytes(first);
        var secondBytes = MemoryMarshal.AsBytes(second);
        var length = 1 + sizeof(int) + firstBytes.Length + secondBytes.Length;

        byte[]? rented = null;
        Span<byte> message = length <= StackMessageLimit
            ? stackalloc byte[StackMessageLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            message[0] = purpose;
            BinaryPrimitives.WriteInt32LittleEndian(message[1..], first.Length);
            firstBytes.CopyTo(message[(1 + sizeof(int))..]);
            secondBytes.CopyTo(message[(1 + sizeof(int) + firstBytes.Length)..]);
            return FromMessage(createdAt, message[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private Guid FromMessage(DateTimeOffset createdAt, ReadOnlySpan<byte> message)
    {
        Span<byte> hash = stackalloc byte[SipHash.Hash128Size];
        SipHash.Hash128(_k0, _k1, message, hash);
        return Ulid(createdAt, hash);
    }
}
