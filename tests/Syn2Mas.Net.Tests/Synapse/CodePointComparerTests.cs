using System.Text;
using Syn2Mas.Net.Databases;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Tests.Synapse;

public sealed class CodePointComparerTests
{
    private static readonly CodePointComparer Comparer = CodePointComparer.Instance;

    [Theory]
    [InlineData("\uE000")]
    [InlineData("\uFF21")]
    [InlineData("\uFFFD")]
    [InlineData("\uFFFF")]
    public void A_character_above_U_FFFF_sorts_after_U_E000_to_U_FFFF_unlike_ordinal_comparison(string high)
    {
        const string emoji = "\U0001F600";

        Assert.True(Comparer.Compare(high, emoji) < 0);
        Assert.True(Comparer.Compare(emoji, high) > 0);
        Assert.True(string.CompareOrdinal(high, emoji) > 0, "UTF-16 code unit order puts the surrogate pair first");
    }

    [Fact]
    public void Below_the_surrogates_it_agrees_with_ordinal_comparison()
    {
        string[] sorted = ["", "@", "@A", "@Z", "@a", "@a:example.com", "@b", "@\u00E9", "@\u0800", "@\uD7FF"];

        for (var i = 0; i < sorted.Length; i++)
        {
            for (var j = 0; j < sorted.Length; j++)
            {
                Assert.Equal(Math.Sign(string.CompareOrdinal(sorted[i], sorted[j])), Math.Sign(Comparer.Compare(sorted[i], sorted[j])));
                Assert.Equal(Math.Sign(i.CompareTo(j)), Math.Sign(Comparer.Compare(sorted[i], sorted[j])));
            }
        }
    }

    [Fact]
    public void Null_comes_first_and_equals_only_null()
    {
        Assert.Equal(0, Comparer.Compare(null, null));
        Assert.True(Comparer.Compare(null, "") < 0);
        Assert.True(Comparer.Compare("", null) > 0);
    }

    [Fact]
    public void A_prefix_comes_first_and_equal_strings_compare_equal()
    {
        Assert.True(Comparer.Compare("@a", "@a:") < 0);
        Assert.True(Comparer.Compare("@a:", "@a") > 0);
        Assert.True(Comparer.Compare("@\U0001F600", "@\U0001F600x") < 0);
        Assert.Equal(0, Comparer.Compare("@\U0001F600:x", new string("@\U0001F600:x".AsSpan())));
        Assert.True(Comparer.Compare("a\0", "a") > 0, "a NUL character is a character like any other");
    }

    [Fact]
    public void It_is_the_order_of_utf8_bytes_on_random_text()
    {
        // Characters from every UTF-8 length and both sides of the surrogate block, so that any slip in
        // the surrogate remapping shows up against the reference order.
        var random = new Random(20240229);
        int[][] ranges = [[0x20, 0x7E], [0x80, 0x7FF], [0x800, 0xD7FF], [0xE000, 0xFFFF], [0x10000, 0x10FFFF]];
        var strings = Enumerable.Range(0, 300).Select(_ =>
        {
            var text = new StringBuilder();
            for (var length = random.Next(0, 5); length > 0; length--)
            {
                var range = ranges[random.Next(ranges.Length)];
                text.Append(char.ConvertFromUtf32(random.Next(range[0], range[1] + 1)));
            }

            return text.ToString();
        }).ToList();

        foreach (var left in strings)
        {
            foreach (var right in strings)
            {
                var bytes = Encoding.UTF8.GetBytes(left).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(right));
                Assert.Equal(Math.Sign(bytes), Math.Sign(Comparer.Compare(left, right)));
            }
        }
    }
}
