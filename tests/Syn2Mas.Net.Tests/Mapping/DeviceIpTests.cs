using System.Net;
using System.Net.Sockets;
using Syn2Mas.Net.Mapping;

namespace Syn2Mas.Net.Tests.Mapping;

public sealed class DeviceIpTests
{
    [Theory]
    [InlineData("1.2.3.4", "1.2.3.4")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    [InlineData("10.0.100.9", "10.0.100.9")]
    public void Dotted_quads_are_IPv4(string text, string expected)
    {
        var address = DeviceIp.Parse(text, out var unparsable);

        Assert.False(unparsable);
        Assert.NotNull(address);
        Assert.Equal(AddressFamily.InterNetwork, address.AddressFamily);
        Assert.Equal(IPAddress.Parse(expected), address);
    }

    [Theory]
    [InlineData("::1", "::1")]
    [InlineData("2001:db8::8a2e:370:7334", "2001:db8::8a2e:370:7334")]
    [InlineData("FE80::1", "fe80::1")]
    [InlineData("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1")]
    public void IPv6_addresses_parse(string text, string expected)
    {
        var address = DeviceIp.Parse(text, out var unparsable);

        Assert.False(unparsable);
        Assert.NotNull(address);
        Assert.Equal(AddressFamily.InterNetworkV6, address.AddressFamily);
        Assert.Equal(expected, address.ToString());
    }

    [Fact]
    public void IPv4_mapped_IPv6_stays_IPv6()
    {
        var address = DeviceIp.Parse("::ffff:192.0.2.1", out var unparsable);

        Assert.False(unparsable);
        Assert.NotNull(address);
        Assert.Equal(AddressFamily.InterNetworkV6, address.AddressFamily);
        Assert.True(address.IsIPv4MappedToIPv6);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), address.MapToIPv4());
    }

    [Theory]
    [InlineData("fe80::1%eth0")]
    [InlineData("fe80::1%2")]
    [InlineData("fe80::1%en0.100")]
    public void A_zone_id_is_dropped_and_the_address_kept(string text)
    {
        var address = DeviceIp.Parse(text, out var unparsable);

        Assert.False(unparsable);
        Assert.NotNull(address);
        Assert.Equal(0, address.ScopeId);
        Assert.Equal("fe80::1", address.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-")]
    public void Absent_ips_are_null_without_a_warning(string? text)
    {
        Assert.Null(DeviceIp.Parse(text, out var unparsable));
        Assert.False(unparsable);
    }

    [Theory]
    [InlineData("1")] // IPAddress.TryParse reads 0.0.0.1
    [InlineData("1.2.3")] // IPAddress.TryParse reads 1.2.0.3
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1.2.3.")]
    [InlineData(".1.2.3")]
    [InlineData("1..2.3")]
    [InlineData("01.2.3.4")] // octal to some readers
    [InlineData("0x1.2.3.4")] // hex to IPAddress.TryParse
    [InlineData("1.2.3.4 ")]
    [InlineData(" 1.2.3.4")]
    [InlineData("1.2.3.4:8080")]
    [InlineData("1.2.3.4%eth0")]
    [InlineData("1.2.3.-4")]
    [InlineData("١.٢.٣.٤")] // non-ASCII digits
    [InlineData("garbage")]
    [InlineData("localhost")]
    [InlineData("1.2.3.4, 5.6.7.8")] // an X-Forwarded-For list
    [InlineData("[::1]")]
    [InlineData("[::1]:80")]
    [InlineData("::1/128")]
    [InlineData("1::2::3")]
    [InlineData("::g")]
    [InlineData("fe80::1%")]
    [InlineData("fe80::1%eth 0")]
    [InlineData("::ffff:1.2.3")]
    [InlineData("::ffff:01.2.3.4")]
    [InlineData("::ffff:1.2.3.256")]
    [InlineData(":")]
    public void Anything_else_is_unparsable(string text)
    {
        Assert.Null(DeviceIp.Parse(text, out var unparsable));
        Assert.True(unparsable);
        Assert.True(DeviceIp.IsUnparsable(text));
    }

    [Theory]
    [InlineData("1.2.3.4", false)]
    [InlineData("-", false)]
    [InlineData("1", true)]
    public void IsUnparsable_agrees_with_Parse(string text, bool expected) => Assert.Equal(expected, DeviceIp.IsUnparsable(text));
}
