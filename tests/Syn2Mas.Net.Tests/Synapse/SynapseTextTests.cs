using Syn2Mas.Net.Databases;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Tests.Synapse;

/// <summary>Text that is not UTF-8: kept byte for byte as escapes, shown escaped, ordered as the database orders bytes.</summary>
public sealed class SynapseTextTests
{
    private static string Text(params byte[] bytes) => SynapseText.Decode(bytes);

    [Fact]
    public void Valid_utf8_decodes_as_usual()
    {
        Assert.Equal("é😀\uFFFD", Text(0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0xEF, 0xBF, 0xBD));
        Assert.False(SynapseText.HasInvalidBytes("é😀\uFFFD\U00010080"));
    }

    [Fact]
    public void Two_ids_differing_only_in_a_bad_byte_stay_distinct_and_are_shown_escaped()
    {
        var e9 = Text((byte)'j', 0xE9, (byte)'r');
        var e8 = Text((byte)'j', 0xE8, (byte)'r');

        Assert.NotEqual(e9, e8);
        Assert.True(SynapseText.HasInvalidBytes(e9));
        Assert.Equal(@"j\xE9r", ExampleText.Of(e9));
        Assert.Equal(@"a\xC3\u000a", ExampleText.Of(Text((byte)'a', 0xC3, 0x0A)));
    }

    [Fact]
    public void A_truncated_sequence_escapes_each_of_its_bytes()
    {
        Assert.Equal(@"\xE2\x82", ExampleText.Of(Text(0xE2, 0x82)));
    }

    /// <summary>Each list is in byte order, as SQLite's BINARY collation sorts the raw bytes.</summary>
    public static TheoryData<byte[], byte[]> ByteOrdered => new()
    {
        { [(byte)'j', 0xC3, 0xA9], [(byte)'j', 0xE9] },              // é (C3 A9) before a lone E9
        { [(byte)'j', 0xE9], [0xEA, 0xB0, 0x80] },                    // a lone E9 before Hangul U+AC00 (EA B0 80)
        { [0xC3, 0x41], [0xC3, 0xA9] },                               // C3 then 'A' before é
        { [0xED, 0x9F, 0xBF], [0xF0] },                               // U+D7FF before a lone F0
        { [0xEE, 0x80, 0x80], [0xF0, 0x9F, 0x98, 0x80] },             // U+E000 before 😀
        { [0xF0, 0x9F, 0x98, 0x80], [0xFF] },                         // 😀 before a lone FF
        { [(byte)'a', 0x80], [(byte)'a', 0x80, (byte)'b'] },          // a prefix first
    };

    [Theory]
    [MemberData(nameof(ByteOrdered))]
    public void The_comparer_orders_escapes_as_the_bytes_they_stand_for(byte[] lower, byte[] higher)
    {
        var low = Text(lower);
        var high = Text(higher);

        Assert.True(CodePointComparer.Instance.Compare(low, high) < 0, $"{ExampleText.Of(low)} < {ExampleText.Of(high)}");
        Assert.True(CodePointComparer.Instance.Compare(high, low) > 0);
        Assert.Equal(0, CodePointComparer.Instance.Compare(low, Text(lower)));
    }
}
