using System.Globalization;
using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Net.Doctor;

/// <summary>
/// <c>--connect-to HOST:PORT:TARGET_HOST:TARGET_PORT</c>, as curl spells it: requests for HOST:PORT open
/// their connection to TARGET_HOST:TARGET_PORT, while the URL, the TLS server name and the certificate
/// check stay HOST's. For split-horizon DNS, and for pointing the checks at servers on loopback.
/// </summary>
public sealed record ConnectTo(string Host, int Port, string TargetHost, int TargetPort)
{
    public static ConnectTo Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split(':');
        return parts.Length == 4 && parts[0].Length > 0 && parts[2].Length > 0
            && TryPort(parts[1], out var port) && TryPort(parts[3], out var targetPort)
            ? new ConnectTo(parts[0], port, parts[2], targetPort)
            : throw new ConfigurationException(
                $"--connect-to '{value}' must be HOST:PORT:TARGET_HOST:TARGET_PORT, e.g. matrix.example.com:443:10.0.0.5:8443 (write an IPv6 target as a host name)");
    }

    public bool Matches(string host, int port) => port == Port && string.Equals(host, Host, StringComparison.OrdinalIgnoreCase);

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;
}
