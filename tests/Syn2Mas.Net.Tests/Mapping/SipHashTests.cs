using Syn2Mas.Net.Mapping;

namespace Syn2Mas.Net.Tests.Mapping;

/// <summary>
/// SipHash-2-4 against the published test vectors: key 00 01 … 0f, message 00 01 … (n-1) for a length n
/// (the SipHash paper's appendix and the vectors of its reference implementation).
/// </summary>
public sealed class SipHashTests
{
    private static readonly byte[] ReferenceKey = Sequence(16);

    [Theory]
    [InlineData(0, 0x726fdb47dd0e0e31UL)]
    [InlineData(1, 0x74f839c593dc67fdUL)]
    [InlineData(7, 0xab0200f58b01d137UL)]
    [InlineData(8, 0x93f5f5799a932462UL)]
    [InlineData(15, 0xa129ca6149be45e5UL)] // the worked example of the paper's appendix
    [InlineData(16, 0x3f2acc7f57c29bdbUL)]
    [InlineData(63, 0x958a324ceb064572UL)]
    public void Hash64_gives_the_reference_vectors(int length, ulong expected)
    {
        Assert.Equal(expected, SipHash.Hash64(ReferenceKey, Sequence(length)));
    }

    [Theory]
    [InlineData(0, "a3817f04ba25a8e66df67214c7550293")]
    [InlineData(1, "da87c1d86b99af44347659119b22fc45")]
    [InlineData(2, "8177228da4a45dc7fca38bdef60affe4")]
    [InlineData(7, "a1f1ebbed8dbc153c0b84aa61ff08239")]
    [InlineData(8, "3b62a9ba6258f5610f83e264f31497b4")]
    [InlineData(9, "264499060ad9baabc47f8b02bb6d71ed")]
    [InlineData(15, "5493e99933b0a8117e08ec0f97cfc3d9")]
    [InlineData(16, "6ee2a4ca67b054bbfd3315bf85230577")]
    [InlineData(17, "473d06e8738db89854c066c47ae47740")]
    [InlineData(31, "2939b0183223fafc1723de4f52c43d35")]
    [InlineData(32, "7c3956ca5eeafc3e363e9d556546eb68")]
    [InlineData(63, "5150d1772f50834a503e069a973fbd7c")]
    public void Hash128_gives_the_reference_vectors(int length, string expectedHex)
    {
        var output = new byte[SipHash.Hash128Size];

        SipHash.Hash128(ReferenceKey, Sequence(length), output);

        Assert.Equal(expectedHex, Convert.ToHexStringLower(output));
    }

    [Fact]
    public void Hash128_from_key_words_equals_hash128_from_key_bytes()
    {
        var (k0, k1) = SipHash.ReadKey(ReferenceKey);
        var fromBytes = new byte[SipHash.Hash128Size];
        var fromWords = new byte[SipHash.Hash128Size];

        SipHash.Hash128(ReferenceKey, Sequence(40), fromBytes);
        SipHash.Hash128(k0, k1, Sequence(40), fromWords);

        Assert.Equal(0x0706050403020100UL, k0);
        Assert.Equal(0x0f0e0d0c0b0a0908UL, k1);
        Assert.Equal(fromBytes, fromWords);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(17)]
    public void A_key_must_be_16_bytes(int length)
    {
        Assert.Throws<ArgumentException>(() => SipHash.Hash64(new byte[length], []));
    }

    [Fact]
    public void Hash128_refuses_a_destination_shorter_than_16_bytes()
    {
        Assert.Throws<ArgumentException>(() => SipHash.Hash128(ReferenceKey, [], new byte[15]));
    }

    private static byte[] Sequence(int length)
    {
        var bytes = new byte[length];
        for (var index = 0; index < length; index++)
        {
            bytes[index] = (byte)index;
        }

        return bytes;
    }
}
