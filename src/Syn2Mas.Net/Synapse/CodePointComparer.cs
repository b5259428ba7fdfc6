namespace Syn2Mas.Net.Synapse;

/// <summary>
/// Orders strings by Unicode code point, NULL first: the order of UTF-8 bytes, which is how Synapse's
/// databases sort text (SQLite's BINARY collation, PostgreSQL's C collation). <see cref="string.CompareOrdinal(string, string)"/>
/// compares UTF-16 code units instead, which puts a character above U+FFFF (a surrogate pair, 0xD800–0xDFFF)
/// before one in U+E000–U+FFFF although its code point is higher; merging streams sorted by the database
/// with that comparison would split or mix users whose ids hold such characters.
/// </summary>
internal sealed class CodePointComparer : IComparer<string?>
{
    public static readonly CodePointComparer Instance = new();

    private CodePointComparer()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var left = x.AsSpan();
        var right = y.AsSpan();
        var common = left.CommonPrefixLength(right);
        if (common == left.Length || common == right.Length)
        {
            return left.Length.CompareTo(right.Length);
        }

        if (SynapseText.EscapedByte(left, common) >= 0 || SynapseText.EscapedByte(right, common) >= 0)
        {
            return CompareBytes(left[common..], right[common..]);
        }

        return Weight(left[common]).CompareTo(Weight(right[common]));
    }

    /// <summary>
    /// Compares as the database does, by the bytes the texts were read from, when a byte that was not UTF-8
    /// (<see cref="SynapseText"/>) is where they differ: such a byte sorts among the lead bytes of valid
    /// characters, not where its escape's code unit would. Both spans start at a character boundary.
    /// </summary>
    private static int CompareBytes(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        Span<byte> leftBytes = stackalloc byte[4];
        Span<byte> rightBytes = stackalloc byte[4];
        int leftIndex = 0, rightIndex = 0, leftCount = 0, rightCount = 0, leftAt = 0, rightAt = 0;
        while (true)
        {
            if (leftAt == leftCount)
            {
                if (leftIndex == left.Length)
                {
                    return rightAt == rightCount && rightIndex == right.Length ? 0 : -1;
                }

                leftCount = Encode(left, ref leftIndex, leftBytes);
                leftAt = 0;
            }

            if (rightAt == rightCount)
            {
                if (rightIndex == right.Length)
                {
                    return 1;
                }

                rightCount = Encode(right, ref rightIndex, rightBytes);
                rightAt = 0;
            }

            if (leftBytes[leftAt] != rightBytes[rightAt])
            {
                return leftBytes[leftAt].CompareTo(rightBytes[rightAt]);
            }

            leftAt++;
            rightAt++;
        }
    }

    /// <summary>The bytes of the character at <paramref name="index"/>, which it moves past.</summary>
    private static int Encode(ReadOnlySpan<char> text, ref int index, Span<byte> bytes)
    {
        if (SynapseText.EscapedByte(text, index) is var escaped and >= 0)
        {
            index++;
            bytes[0] = (byte)escaped;
            return 1;
        }

        int codePoint = text[index];
        if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            codePoint = char.ConvertToUtf32(text[index], text[index + 1]);
            index++;
        }

        index++;
        switch (codePoint)
        {
            case < 0x80:
                bytes[0] = (byte)codePoint;
                return 1;
            case < 0x800:
                bytes[0] = (byte)(0xC0 | (codePoint >> 6));
                bytes[1] = (byte)(0x80 | (codePoint & 0x3F));
                return 2;
            case < 0x10000:
                bytes[0] = (byte)(0xE0 | (codePoint >> 12));
                bytes[1] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                bytes[2] = (byte)(0x80 | (codePoint & 0x3F));
                return 3;
            default:
                bytes[0] = (byte)(0xF0 | (codePoint >> 18));
                bytes[1] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                bytes[2] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                bytes[3] = (byte)(0x80 | (codePoint & 0x3F));
                return 4;
        }
    }

    /// <summary>
    /// Moves surrogates above every other code unit, so that code unit order becomes code point order:
    /// the first differing unit of two valid strings decides, and a surrogate there starts a code point of
    /// U+10000 or more. Lone surrogates (invalid text) still get a consistent place.
    /// </summary>
    private static int Weight(char unit) => unit switch
    {
        < '\uD800' => unit,
        < '\uE000' => unit + 0x2000,
        _ => unit - 0x800,
    };
}
