using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Syn2Mas.Net.Tests.Doctor;

/// <summary>
/// A throwaway CA and a server certificate it signed for the test host names, made in memory. The CA is
/// written as PEM for <c>--ca-file</c>; without it the server certificate does not verify.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 authority, X509Certificate2 server, string authorityPemFile)
    {
        Authority = authority;
        Server = server;
        AuthorityPemFile = authorityPemFile;
    }

    public X509Certificate2 Authority { get; }

    /// <summary>With its private key, for Kestrel.</summary>
    public X509Certificate2 Server { get; }

    public string AuthorityPemFile { get; }

    public static TestCertificates Create(string folder, params string[] hostNames)
    {
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(1);
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=syn2mas-net doctor test CA", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        var authority = authorityRequest.CreateSelfSigned(notBefore, notAfter);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest($"CN={hostNames[0]}", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var hostName in hostNames)
        {
            names.AddDnsName(hostName);
        }

        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        using var signed = serverRequest.Create(authority, notBefore, notAfter, RandomNumberGenerator.GetBytes(8));
        using var withKey = signed.CopyWithPrivateKey(serverKey);
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);

        var pemFile = Path.Combine(folder, "test-ca.pem");
        File.WriteAllText(pemFile, authority.ExportCertificatePem());
        return new TestCertificates(authority, server, pemFile);
    }

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
    }
}
