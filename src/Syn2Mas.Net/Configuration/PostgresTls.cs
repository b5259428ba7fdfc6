using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Npgsql;

namespace Syn2Mas.Net.Configuration;

/// <summary>
/// How a connection checks the server's certificate, by libpq's rules for both databases (Synapse connects
/// through libpq; MAS's sqlx checks only in verify-ca/verify-full and else trusts the system's roots, so for
/// MAS these rules are the stricter ones and a CA an admin gave is never ignored): a root certificate that is available (<c>sslrootcert</c>, MAS's
/// <c>ssl_ca</c>/<c>ssl_ca_file</c>, <c>PGSSLROOTCERT</c>, else <c>~/.postgresql/root.crt</c>) is always checked
/// against, so <c>require</c>, <c>prefer</c> and <c>allow</c> with one behave like <c>verify-ca</c> whenever
/// the connection is encrypted; <c>verify-ca</c> and <c>verify-full</c> need one; <c>verify-full</c> also
/// checks the host name; <c>sslrootcert=system</c> trusts the system's roots and needs <c>verify-full</c>.
/// Npgsql is only asked to encrypt or not: the checks are done here, so that they cannot differ from libpq's
/// and a refusal keeps its reason.
/// </summary>
internal sealed class PostgresTls
{
    public const string SystemRoots = "system";

    private PostgresTls(SslMode mode, X509Certificate2Collection? roots, bool systemRoots, string? rootSource)
    {
        Mode = mode;
        Roots = roots;
        UsesSystemRoots = systemRoots;
        RootSource = rootSource;
    }

    /// <summary>The sslmode in force: the one given, else <c>PGSSLMODE</c>, else libpq's <c>prefer</c>.</summary>
    public SslMode Mode { get; }

    public X509Certificate2Collection? Roots { get; }

    public bool UsesSystemRoots { get; }

    /// <summary>Where the root certificates come from, for messages.</summary>
    public string? RootSource { get; }

    /// <summary>Whether an encrypted connection must prove its certificate.</summary>
    public bool Verifies => Roots is not null || UsesSystemRoots;

    /// <summary>What Npgsql is asked for: whether to encrypt, never how to check (see <see cref="Validate"/>).</summary>
    public SslMode DriverMode => Mode switch
    {
        SslMode.VerifyCA or SslMode.VerifyFull => SslMode.Require,
        _ => Mode,
    };

    /// <exception cref="ConfigurationException">The sslmode and the root certificates do not go together, or a root
    /// certificate cannot be read.</exception>
    public static PostgresTls For(PostgresConnectionSettings settings)
    {
        var environmentMode = Environment.GetEnvironmentVariable("PGSSLMODE") is { Length: > 0 } fromEnvironment
            ? PostgresUri.ParseSslMode(fromEnvironment, "sslmode in PGSSLMODE")
            : (SslMode?)null;

        // libpq uses no TLS on a Unix socket, whatever sslmode says.
        if (settings.IsUnixSocket)
        {
            return new PostgresTls(SslMode.Disable, null, systemRoots: false, null);
        }

        var (roots, system, source) = ReadRoots(settings);
        var given = settings.SslMode ?? environmentMode;
        var mode = given ?? (system ? SslMode.VerifyFull : SslMode.Prefer);
        if (system && mode != SslMode.VerifyFull)
        {
            throw new ConfigurationException(
                $"PostgreSQL {settings}: sslrootcert=system trusts any certificate the system trusts, so it needs sslmode verify-full "
                + $"(not {Word(mode)}), as libpq requires.");
        }

        if (mode is SslMode.VerifyCA or SslMode.VerifyFull && roots is null && !system)
        {
            throw new ConfigurationException(
                $"PostgreSQL {settings}: sslmode {Word(mode)} needs a root certificate to check the server's against, and none is given: "
                + "set sslrootcert (Synapse, or the URI), ssl_ca_file or ssl_ca (MAS), or PGSSLROOTCERT, put it in ~/.postgresql/root.crt, "
                + "or use sslrootcert=system for the system's trusted roots (libpq refuses the same).");
        }

        return new PostgresTls(mode, roots, system, source);
    }

    /// <summary>
    /// Why certificates in this PEM text cannot be used, or null when they can. <paramref name="file"/> is
    /// read when <paramref name="pem"/> is null.
    /// </summary>
    public static string? CertificateProblem(string? file, string? pem)
    {
        try
        {
            _ = LoadCertificates(file, pem);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return Problem(exception, file);
        }
    }

    /// <summary>Why a client certificate and its key cannot be used, or null when they can.</summary>
    public static string? ClientCertificateProblem(string? certificateFile, string? certificatePem, string? keyFile, string? keyPem, string? keyPassword = null)
    {
        try
        {
            var certificate = certificatePem ?? ConfigurationLimits.ReadText(certificateFile!, "the client certificate file");
            var key = keyPem ?? (keyFile is null ? null : ConfigurationLimits.ReadText(keyFile, "the client key file"));
            using var loaded = key is null
                ? X509Certificate2.CreateFromPem(certificate)
                : string.IsNullOrEmpty(keyPassword)
                    ? X509Certificate2.CreateFromPem(certificate, key)
                    : X509Certificate2.CreateFromEncryptedPem(certificate, key, keyPassword);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            return Problem(exception, certificatePem is null ? certificateFile : keyFile);
        }
    }

    /// <summary>
    /// The certificate check, run during the handshake. A refusal throws, so that the reason reaches the
    /// message instead of .NET's generic "rejected by the validation callback".
    /// </summary>
    /// <exception cref="AuthenticationException">The certificate does not pass.</exception>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (!Verifies)
        {
            return true;
        }

        if (certificate is null)
        {
            throw new AuthenticationException("certificate verify failed: the server sent no certificate");
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (UsesSystemRoots)
        {
            if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
            {
                throw new AuthenticationException(
                    $"certificate verify failed: {ChainProblem(chain?.ChainStatus ?? [])} (checked against {RootSource})");
            }
        }
        else
        {
            using var own = new X509Chain();
            own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            own.ChainPolicy.CustomTrustStore.AddRange(Roots!);
            own.ChainPolicy.ExtraStore.AddRange(Roots!);
            if (chain is not null)
            {
                own.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
            }

            if (!own.Build(leaf))
            {
                throw new AuthenticationException(
                    $"certificate verify failed: {ChainProblem(own.ChainStatus)} (checked against {RootSource})");
            }
        }

        if (Mode == SslMode.VerifyFull && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            var host = (sender as SslStream)?.TargetHostName ?? "the host";
            throw new AuthenticationException(
                $"host name mismatch: the server's certificate is for {CertificateNames(leaf)}, not \"{Printable(host)}\" (sslmode verify-full)");
        }

        return true;
    }

    private static (X509Certificate2Collection? Roots, bool System, string? Source) ReadRoots(PostgresConnectionSettings settings)
    {
        if (settings.RootCertificatePem is { } pem)
        {
            return (Load(null, pem, "the root certificate given inline (ssl_ca)"), false, "the inline ssl_ca");
        }

        var file = settings.RootCertificateFile is { Length: > 0 } given
            ? given
            : Environment.GetEnvironmentVariable("PGSSLROOTCERT") is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        if (file == SystemRoots)
        {
            return (null, true, "the system's trusted roots");
        }

        if (file is not null)
        {
            return (Load(file, null, $"the root certificate file {file}"), false, file);
        }

        // libpq's default, used only when it exists.
        var home = Environment.GetEnvironmentVariable("HOME");
        var defaultFile = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".postgresql", "root.crt");
        return defaultFile is not null && File.Exists(defaultFile)
            ? (Load(defaultFile, null, $"the root certificate file {defaultFile} (libpq's default)"), false, defaultFile)
            : (null, false, null);
    }

    private static X509Certificate2Collection Load(string? file, string? pem, string what)
    {
        try
        {
            return LoadCertificates(file, pem);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ConfigurationException($"Cannot use {what}: it {Problem(exception, file)}.", exception);
        }
    }

    private static X509Certificate2Collection LoadCertificates(string? file, string? pem)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(pem ?? ConfigurationLimits.ReadText(file!, "the root certificate file"));
        return certificates.Count > 0 ? certificates : throw new CryptographicException("no certificate");
    }

    private static string Problem(Exception exception, string? file) => exception switch
    {
        IOException or UnauthorizedAccessException when file is not null => "cannot be read: " + ConfigurationFiles.Describe(exception, file),
        ArgumentException => "holds no valid PEM certificate and key",
        _ => "holds no valid PEM certificate (-----BEGIN CERTIFICATE----- …)",
    };

    private static string ChainProblem(X509ChainStatus[] statuses)
    {
        var problems = statuses.Where(status => status.Status != X509ChainStatusFlags.NoError)
            .Select(status => status.Status switch
            {
                X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain => "the server's certificate is not signed by a trusted root certificate",
                X509ChainStatusFlags.NotTimeValid => "the server's certificate has expired or is not valid yet",
                _ => Printable(status.StatusInformation.Trim().TrimEnd('.')),
            })
            .Distinct()
            .ToList();
        return problems.Count == 0 ? "the server's certificate is not trusted" : string.Join("; ", problems);
    }

    private static string CertificateNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        if (certificate.Extensions["2.5.29.17"] is { } extension)
        {
            var alternativeNames = new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
            names.AddRange(alternativeNames.EnumerateDnsNames());
            names.AddRange(alternativeNames.EnumerateIPAddresses().Select(address => address.ToString()));
        }

        if (names.Count == 0)
        {
            names.Add(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        }

        return string.Join(", ", names.Select(name => $"\"{Printable(name)}\""));
    }

    // A certificate's names come from the server, which may be hostile: nothing in them may drive the terminal.
    private static string Printable(string text) =>
        string.Concat(text.Select(character => char.IsControl(character) ? '?' : character));

    private static string Word(SslMode mode) => mode switch
    {
        SslMode.VerifyCA => "verify-ca",
        SslMode.VerifyFull => "verify-full",
        _ => mode.ToString().ToLowerInvariant(),
    };
}
