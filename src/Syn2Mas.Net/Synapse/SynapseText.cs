using System.Buffers;
using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Syn2Mas.Net.Databases;

namespace Syn2Mas.Net.Synapse;

/// <summary>
/// Text read from Synapse exactly as stored. SQLite keeps whatever bytes it was given, and old files hold
/// text that is not UTF-8 (a Latin-1 <c>é</c> in a user id); decoding it the usual way puts U+FFFD in place
/// of each bad byte, so that <c>@j\xE9rome</c> and <c>@j\xE8rome</c> would both read as one id. Instead each
/// byte that is not part of a UTF-8 sequence becomes the lone surrogate U+DC00 + byte (U+DC80–U+DCFF), which
/// valid text can never hold: distinct bytes stay distinct, <see cref="CodePointComparer"/> orders them as
/// the bytes sort, and the mapper recognises them (<see cref="HasInvalidBytes"/>) and refuses to write them.
/// </summary>
internal static class SynapseText
{
    private const char FirstEscape = '\uDC80';
    private const char LastEscape = '\uDCFF';

    /// <summary>Reads a text column; only text decoded with a U+FFFD is looked at again, as its bytes.</summary>
    public static string Read(DbDataReader row, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(row);
        var text = row.GetString(ordinal);
        return text.Contains('\uFFFD', StringComparison.Ordinal) && row is SqliteDataReader
            ? Decode(row.GetFieldValue<byte[]>(ordinal))
            : text;
    }

    public static string? ReadNullable(DbDataReader row, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.IsDBNull(ordinal) ? null : Read(row, ordinal);
    }

    /// <summary>UTF-8 bytes as text, each byte outside a valid sequence as its escape.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var text = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == OperationStatus.Done)
            {
                text.Append(rune.ToString());
                bytes = bytes[consumed..];
            }
            else
            {
                text.Append((char)(0xDC00 + bytes[0]));
                bytes = bytes[1..];
            }
        }

        return text.ToString();
    }

    /// <summary>True when <paramref name="value"/> holds a byte that was not UTF-8 (see the class).</summary>
    public static bool HasInvalidBytes(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var span = value.AsSpan();
        var offset = 0;
        while (true)
        {
            var found = span[offset..].IndexOfAnyInRange(FirstEscape, LastEscape);
            if (found < 0)
            {
                return false;
            }

            var index = offset + found;

            // The second half of a surrogate pair (a character above U+FFFF) can fall in the same range.
            if (index == 0 || !char.IsHighSurrogate(span[index - 1]))
            {
                return true;
            }

            offset = index + 1;
        }
    }

    /// <summary>The byte an escape stands for, or -1 when <paramref name="value"/>[<paramref name="index"/>] is none.</summary>
    public static int EscapedByte(ReadOnlySpan<char> value, int index) =>
        value[index] is >= FirstEscape and <= LastEscape && (index == 0 || !char.IsHighSurrogate(value[index - 1]))
            ? value[index] - 0xDC00
            : -1;
}
