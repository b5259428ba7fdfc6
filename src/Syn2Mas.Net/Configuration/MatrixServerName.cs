namespace Syn2Mas.Net.Configuration;

/// <summary>
/// The server-name grammar of the Matrix specification (appendix "Server Name"): a host, which is an IPv4
/// address, an IPv6 address in brackets or a DNS name of letters, digits, <c>-</c> and <c>.</c> (at most
/// 255 characters), then optionally <c>:</c> and a port of one to five digits. Every user id ends in it,
/// so a <c>server_name</c> outside it is not one Synapse can be running with.
/// </summary>
internal static class MatrixServerName
{
    private const int MaxDnsNameLength = 255;

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        string host;
        if (value[0] == '[')
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !IsPortSuffix(value[(close + 1)..]))
            {
                return false;
            }

            host = value[1..close];
            return host.Length is >= 2 and <= 45 && host.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.');
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        host = colon < 0 ? value : value[..colon];
        if (colon >= 0 && !IsPortSuffix(value[colon..]))
        {
            return false;
        }

        // An IPv4 address is also a valid DNS name by these characters, so one test covers both.
        return host.Length is > 0 and <= MaxDnsNameLength && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');
    }

    /// <summary>Empty, or <c>:</c> followed by one to five digits.</summary>
    private static bool IsPortSuffix(string suffix) =>
        suffix.Length == 0 || (suffix[0] == ':' && suffix.Length is >= 2 and <= 6 && suffix.Skip(1).All(char.IsAsciiDigit));
}
