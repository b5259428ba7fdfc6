using System.Globalization;
using Npgsql;

namespace Syn2Mas.Net.Configuration;

/// <summary>
/// Reads libpq connection URIs: <c>postgresql://[user[:password]@][host][:port][/dbname][?param=value&amp;…]</c>.
/// The host may be a bracketed IPv6 address or a percent-encoded socket folder, and a <c>host</c> query
/// parameter may name a socket folder instead. Unknown parameters are ignored, as libpq's clients do.
/// </summary>
internal static class PostgresUri
{
    public static PostgresConnectionSettings Parse(string uri)
    {
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0 || !PostgresConnectionSettings.IsPostgresUri(uri))
        {
            throw Invalid("it must start with postgresql:// or postgres://");
        }

        var rest = uri[(schemeEnd + 3)..];
        var query = "";
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        if (queryStart >= 0)
        {
            query = rest[(queryStart + 1)..];
            rest = rest[..queryStart];
        }

        var pathStart = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = pathStart >= 0 ? rest[..pathStart] : rest;
        var database = pathStart >= 0 ? Decode(rest[(pathStart + 1)..]) : null;

        string? user = null;
        string? password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            user = Decode(colon >= 0 ? userInfo[..colon] : userInfo);
            password = colon >= 0 ? Decode(userInfo[(colon + 1)..]) : null;
        }

        var (host, port) = SplitHostPort(authority);
        SslMode? sslMode = null;
        string? rootCert = null, cert = null, key = null, sslPassword = null;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals >= 0 ? pair[..equals] : pair);
            var value = equals >= 0 ? Decode(pair[(equals + 1)..]) : "";
            switch (name)
            {
                case "host": host = value; break;
                case "port": port = ParsePort(value); break;
                case "dbname": database = value; break;
                case "user": user = value; break;
                case "password": password = value; break;
                case "sslmode": sslMode = ParseSslMode(value, "sslmode"); break;
                case "sslrootcert": rootCert = value; break;
                case "sslcert": cert = value; break;
                case "sslkey": key = value; break;
                case "sslpassword": sslPassword = value; break;
                default: break;
            }
        }

        if (rootCert is { Length: > 0 } && rootCert != PostgresTls.SystemRoots && File.Exists(rootCert) && PostgresTls.CertificateProblem(rootCert, null) is { } rootProblem)
        {
            throw Invalid($"its sslrootcert {rootCert} {rootProblem}");
        }

        if (cert is { Length: > 0 } && File.Exists(cert) && PostgresTls.ClientCertificateProblem(cert, null, key, null, sslPassword) is { } certProblem)
        {
            throw Invalid($"its sslcert {cert} with its sslkey cannot be used: the file {certProblem}");
        }

        return new PostgresConnectionSettings
        {
            Host = string.IsNullOrEmpty(host) ? "localhost" : host,
            Port = port ?? PostgresConnectionSettings.DefaultPort,
            Database = string.IsNullOrEmpty(database) ? null : database,
            Username = string.IsNullOrEmpty(user) ? null : user,
            Password = password,
            SslMode = sslMode,
            RootCertificateFile = rootCert,
            ClientCertificateFile = cert,
            ClientKeyFile = key,
            SslPassword = sslPassword,
        };
    }

    /// <summary>libpq's sslmode words, shared by Synapse's <c>sslmode</c> and MAS's <c>ssl_mode</c>.</summary>
    public static SslMode ParseSslMode(string value, string what) => value switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" or "verify_ca" => SslMode.VerifyCA,
        "verify-full" or "verify_full" => SslMode.VerifyFull,
        _ => throw new ConfigurationException($"The PostgreSQL {what} must be one of disable, allow, prefer, require, verify-ca, verify-full."),
    };

    private static (string? Host, int? Port) SplitHostPort(string authority)
    {
        if (authority.Length == 0)
        {
            return (null, null);
        }

        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Invalid("an IPv6 host must be closed by ]");
            }

            var afterBracket = authority[(close + 1)..];
            return (authority[1..close], afterBracket.StartsWith(':') ? ParsePort(afterBracket[1..]) : null);
        }

        var colon = authority.LastIndexOf(':');
        return colon >= 0
            ? (Decode(authority[..colon]), ParsePort(authority[(colon + 1)..]))
            : (Decode(authority), null);
    }

    private static int? ParsePort(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw Invalid("the port must be a number between 1 and 65535");
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value);

    // The URI itself may hold a password, so the message describes the problem without quoting it.
    private static ConfigurationException Invalid(string problem) =>
        new($"The PostgreSQL URI is not valid: {problem}.");
}
