using System.Net;
using System.Net.Sockets;

namespace Syn2Mas.Net.Mapping;

/// <summary>
/// Reads <c>devices.ip</c>, which Synapse stores as free text, into the address MAS keeps in
/// <c>compat_sessions.last_active_ip</c> (docs/behaviour.md, rule: device-ip). The advisor and the migration share it, so
/// the devices the advisor warns about are exactly the ones whose IP the migration drops.
/// </summary>
internal static class DeviceIp
{
    /// <summary>
    /// Parses a device IP strictly: four dotted decimal octets, or an IPv6 address with an optional zone.
    /// </summary>
    /// <remarks>
    /// <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> is far too lenient for stored text: it reads
    /// <c>1</c> as 0.0.0.1, <c>1.2.3</c> as 1.2.0.3, <c>0x1.2.3.4</c> as hex, <c>[::1]:80</c> as ::1, and
    /// resolves a zone name against this machine's interfaces. Octets with a leading zero are refused because
    /// some readers take them as octal, so their meaning is not certain. A zone id names an interface of the
    /// client's machine and means nothing in MAS (PostgreSQL's <c>inet</c> cannot hold one), so it is dropped
    /// and the address kept.
    /// </remarks>
    /// <param name="ip">The stored text.</param>
    /// <param name="unparsable">
    /// True when the text is neither empty, <c>-</c> nor an address: the migration stores NULL and warns.
    /// </param>
    /// <returns>The address, or null when there is none to keep.</returns>
    public static IPAddress? Parse(string? ip, out bool unparsable)
    {
        unparsable = false;
        if (string.IsNullOrEmpty(ip) || ip == "-")
        {
            return null;
        }

        var address = ip.Contains(':', StringComparison.Ordinal) ? ParseIPv6(ip) : ParseIPv4(ip);
        unparsable = address is null;
        return address;
    }

    /// <summary>True when <paramref name="ip"/> holds text that is not an address (see <see cref="Parse"/>).</summary>
    public static bool IsUnparsable(string? ip)
    {
        Parse(ip, out var unparsable);
        return unparsable;
    }

    private static IPAddress? ParseIPv4(ReadOnlySpan<char> text)
    {
        // One slot more than needed, so that a fifth part is seen rather than folded into the fourth.
        Span<Range> parts = stackalloc Range[5];
        if (text.Split(parts, '.') != 4)
        {
            return null;
        }

        Span<byte> octets = stackalloc byte[4];
        for (var index = 0; index < 4; index++)
        {
            if (!TryParseOctet(text[parts[index]], out octets[index]))
            {
                return null;
            }
        }

        return new IPAddress(octets);
    }

    private static bool TryParseOctet(ReadOnlySpan<char> part, out byte octet)
    {
        octet = 0;
        if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0'))
        {
            return false;
        }

        var value = 0;
        foreach (var c in part)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        if (value > 255)
        {
            return false;
        }

        octet = (byte)value;
        return true;
    }

    private static IPAddress? ParseIPv6(string text)
    {
        var percent = text.IndexOf('%', StringComparison.Ordinal);
        var address = percent < 0 ? text : text[..percent];
        if (percent >= 0 && !IsZoneId(text.AsSpan(percent + 1)))
        {
            return null;
        }

        // Only hex digits, colons and the dots of an embedded IPv4 tail: this refuses the brackets, ports and
        // prefix lengths that IPAddress.TryParse would otherwise skip over.
        foreach (var c in address)
        {
            if (!(char.IsAsciiHexDigit(c) || c is ':' or '.'))
            {
                return null;
            }
        }

        if (!IPAddress.TryParse(address, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        var embeddedIPv4 = address.LastIndexOf(':');
        if (address.Contains('.', StringComparison.Ordinal) && ParseIPv4(address.AsSpan(embeddedIPv4 + 1)) is null)
        {
            return null;
        }

        return new IPAddress(parsed.GetAddressBytes());
    }

    private static bool IsZoneId(ReadOnlySpan<char> zone)
    {
        if (zone.IsEmpty)
        {
            return false;
        }

        foreach (var c in zone)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
