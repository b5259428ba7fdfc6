namespace Syn2Mas.Net.Synapse;

/// <summary>
/// Orders strings by Unicode code point, NULL first: the order of UTF-8 bytes, which is how Synapse's
/// databases sort text (SQLite's BINARY collation, PostgreSQL's C collation). <see cref="string.CompareOrdinal(string, string)"/>
/// compares UTF-16 code units instead, which puts a character above U+FFFF (a surrogate pair, 0xD800–0xDFFF)
/// before one in U+E000–U+FFFF although its code point is higher; merging streams sorted by the database
/// with that comparison would split or mix users whose ids hold such characters.
/// </summary>
public sealed class CodePointComparer : IComparer<string?>
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

        return Weight(left[common]).CompareTo(Weight(right[common]));
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
