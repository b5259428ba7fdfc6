using System.Net;
using System.Net.Sockets;

namespace Syn2Mas.Net.Doctor;

/// <summary>The URL rules the wiring checks share: what counts as an http(s) URL, as the same issuer, as a private address.</summary>
internal static class WiringUrl
{
    private static readonly string[] PrivateSuffixes = [".local", ".internal", ".lan", ".home.arpa", ".localhost"];

    public static Uri? ParseHttp(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0
            ? uri
            : null;

    /// <summary>
    /// MAS writes a URL without a path with a trailing slash (<c>https://mas.example.com/</c>), so that is
    /// what its discovery document says; an issuer written without it is the same issuer.
    /// </summary>
    public static bool SameUrl(string? left, string? right) =>
        ParseHttp(left) is { } a && ParseHttp(right) is { } b
            ? string.Equals(a.AbsoluteUri.TrimEnd('/'), b.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal)
            : string.Equals(left, right, StringComparison.Ordinal);

    public static bool SameOrigin(Uri left, Uri right) =>
        left.Scheme == right.Scheme && string.Equals(left.IdnHost, right.IdnHost, StringComparison.OrdinalIgnoreCase) && left.Port == right.Port;

    /// <summary>
    /// An address only a private network resolves or routes: a container or host name without a dot, a
    /// private or loopback IP, or a name under a suffix kept for local networks.
    /// </summary>
    public static bool IsPrivate(Uri uri)
    {
        if (uri.IsLoopback)
        {
            return true;
        }

        if (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address))
        {
            return IsPrivateAddress(address);
        }

        var host = uri.IdnHost;
        return !host.Contains('.', StringComparison.Ordinal) || PrivateSuffixes.Any(suffix => host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary><paramref name="baseUrl"/> with <paramref name="path"/> appended under its path, as Synapse and MAS build their URLs.</summary>
    public static Uri Append(Uri baseUrl, string path) => new(baseUrl.AbsoluteUri.TrimEnd('/') + path);

    private static bool IsPrivateAddress(IPAddress address)
    {
        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6UniqueLocal || address.IsIPv6LinkLocal || (address.IsIPv4MappedToIPv6 && IsPrivateAddress(address.MapToIPv4()));
        }

        var bytes = address.GetAddressBytes();
        return bytes[0] == 10 || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31) || (bytes[0] == 192 && bytes[1] == 168) || (bytes[0] == 169 && bytes[1] == 254);
    }
}
