using System.Globalization;
using System.Text;

namespace Syn2Mas.Bench.Data;

/// <summary>
/// Turns a user's slot (a distinct number below the user count, see <see cref="IndexPermutation"/>) into a
/// localpart. Distinctness is by construction, so nothing needs to remember the names already given:
/// the slot is split into a round q and a position r in the combined space of all styles; r (scattered
/// by a second permutation, so that small servers still see every style and word) picks a style, its
/// words and a copy c; the name gets the number q × copies + c appended when that is not zero. Within a
/// style words are separated or fixed-width, and every style has its own shape, so the text determines
/// (style, words, number) and hence the slot.
/// </summary>
internal sealed class LocalpartFactory
{
    private static readonly LocalpartSpace[] Spaces =
    [
        new(LocalpartStyle.FirstDotLast, WordLists.FirstNames.Length, WordLists.LastNames.Length, 2),
        new(LocalpartStyle.FirstUnderscoreLast, WordLists.FirstNames.Length, 60, 1),
        new(LocalpartStyle.FirstDashLast, WordLists.FirstNames.Length, 30, 1),
        new(LocalpartStyle.FirstOnly, WordLists.FirstNames.Length, 1, 40),
        new(LocalpartStyle.InitialDotLast, 26, WordLists.LastNames.Length, 1),
        new(LocalpartStyle.Nickname, WordLists.Adjectives.Length, WordLists.Nouns.Length, 4),
        new(LocalpartStyle.SsoMapped, WordLists.FirstNames.Length, 30, 1),
        new(LocalpartStyle.Escaped, WordLists.AccentedFirstNames.Length, 100, 1),
        new(LocalpartStyle.EscapedOnly, WordLists.AccentedFirstNames.Length, 1, 20),
    ];

    private static readonly string[] EscapedFirstNames = [.. WordLists.AccentedFirstNames.Select(EscapeLikeSynapse)];

    private static readonly long SpaceSize = Spaces.Sum(space => space.Size);

    private readonly IndexPermutation _scatter;
    private readonly ulong _seed;

    public LocalpartFactory(ulong seed)
    {
        CheckWordLists();
        _seed = seed;
        _scatter = new IndexPermutation((ulong)SpaceSize, Mix64.Mix(seed ^ 0x6C6F63616C706172UL));
    }

    public string Regular(ulong slot)
    {
        var round = (long)(slot / (ulong)SpaceSize);
        var position = (long)_scatter.Map(slot % (ulong)SpaceSize);
        foreach (var space in Spaces)
        {
            if (position >= space.Size)
            {
                position -= space.Size;
                continue;
            }

            var copy = position / space.Combinations;
            var combination = position % space.Combinations;
            var left = (int)(combination / space.RightCount);
            var right = (int)(combination % space.RightCount);
            var number = round * space.Copies + copy;
            return Render(space.Style, left, right) + (number == 0 ? "" : number.ToString(CultureInfo.InvariantCulture));
        }

        throw new InvalidOperationException("The position lies outside the name space.");
    }

    /// <summary>Synapse names guests with bare numbers from a counter; no other shape is all digits.</summary>
    public static string Guest(ulong slot) => (slot + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A bridge puppet such as <c>telegram_104857613</c>. The number alone is distinct per slot (a multiple
    /// of 37 plus less than 37), and the digits after the underscore set it apart from every person's name.
    /// </summary>
    public (string Localpart, string AppserviceId) Appservice(ulong slot)
    {
        var hash = Mix64.Mix(slot ^ _seed);
        var (appserviceId, prefix) = WordLists.Bridges[(int)(hash % (ulong)WordLists.Bridges.Length)];
        var number = 100_000_000UL + slot * 37 + (hash >> 32) % 37;
        return (prefix + number.ToString(CultureInfo.InvariantCulture), appserviceId);
    }

    private static string Render(LocalpartStyle style, int left, int right) => style switch
    {
        LocalpartStyle.FirstDotLast => $"{WordLists.FirstNames[left]}.{WordLists.LastNames[right]}",
        LocalpartStyle.FirstUnderscoreLast => $"{WordLists.FirstNames[left]}_{WordLists.LastNames[right]}",
        LocalpartStyle.FirstDashLast => $"{WordLists.FirstNames[left]}-{WordLists.LastNames[right]}",
        LocalpartStyle.FirstOnly => WordLists.FirstNames[left],
        LocalpartStyle.InitialDotLast => $"{(char)('a' + left)}.{WordLists.LastNames[right]}",
        LocalpartStyle.Nickname => $"{WordLists.Adjectives[left]}_{WordLists.Nouns[right]}",
        LocalpartStyle.SsoMapped => $"_{WordLists.FirstNames[left]}._{WordLists.LastNames[right]}",
        LocalpartStyle.Escaped => $"{EscapedFirstNames[left]}.{WordLists.LastNames[right]}",
        LocalpartStyle.EscapedOnly => EscapedFirstNames[left],
        _ => throw new ArgumentOutOfRangeException(nameof(style)),
    };

    /// <summary>What Synapse's SSO mapping makes of a lowercase name: every byte outside [a-z0-9._-] becomes <c>=xx</c>.</summary>
    private static string EscapeLikeSynapse(string name)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            if (b is >= (byte)'a' and <= (byte)'z')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('=').Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>The facts the distinctness argument above rests on; a broken word list fails here, not as a duplicate key.</summary>
    private static void CheckWordLists()
    {
        string[][] lists = [WordLists.FirstNames, WordLists.LastNames, WordLists.Adjectives, WordLists.Nouns];
        foreach (var list in lists)
        {
            if (list.Distinct(StringComparer.Ordinal).Count() != list.Length || list.Any(word => word.Length < 2 || !word.All(char.IsAsciiLetterLower)))
            {
                throw new InvalidOperationException("A word list repeats a word or holds something other than lowercase ASCII letters.");
            }
        }

        if (WordLists.Adjectives.Intersect(WordLists.FirstNames, StringComparer.Ordinal).Any())
        {
            throw new InvalidOperationException("An adjective is also a first name: nicknames could repeat first_last names.");
        }

        if (WordLists.AccentedFirstNames.Distinct(StringComparer.Ordinal).Count() != WordLists.AccentedFirstNames.Length)
        {
            throw new InvalidOperationException("The accented first names repeat a name.");
        }
    }
}
