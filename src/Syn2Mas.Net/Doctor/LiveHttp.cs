using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Net.Doctor;

/// <summary>
/// Short, TLS-verified GET requests for JSON documents. Sends no credentials and no secret; ignores
/// proxy variables, because the checks are about the direct path between the services.
/// </summary>
internal sealed class LiveHttp : IDisposable
{
    private const int MaxBodyBytes = 1024 * 1024;

    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;
    private readonly X509Certificate2Collection? _trusted;
    private SslPolicyErrors _lastTlsErrors;

    public LiveHttp(LiveOptions options)
    {
        _timeout = options.Timeout;
        _trusted = options.CaFile is null ? null : LoadCertificates(options.CaFile);
        var connectTo = options.ConnectTo;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 3,
            UseCookies = false,
            ConnectTimeout = options.Timeout,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var mapping = connectTo.FirstOrDefault(entry => entry.Matches(context.DnsEndPoint.Host, context.DnsEndPoint.Port));
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(mapping?.TargetHost ?? context.DnsEndPoint.Host, mapping?.TargetPort ?? context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Validate },
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("syn2mas-net-doctor", Reporting.ToolInfo.Current.Version));
    }

    public async Task<LiveAnswer> GetJsonAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        _lastTlsErrors = SslPolicyErrors.None;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = $"HTTP {(int)response.StatusCode}";
            if (!response.IsSuccessStatusCode)
            {
                return LiveAnswer.Failed($"{status} {response.ReasonPhrase}".TrimEnd());
            }

            var body = await ReadBoundedAsync(response, timeout.Token);
            if (body is null)
            {
                return LiveAnswer.Failed($"{status}, but the answer is larger than {MaxBodyBytes / 1024} KiB");
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    ? new LiveAnswer(document.RootElement.Clone(), status, null)
                    : LiveAnswer.Failed($"{status}, but the answer is not a JSON object");
            }
            catch (JsonException)
            {
                return LiveAnswer.Failed($"{status}, but the answer is not JSON");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return LiveAnswer.Failed($"no answer within {_timeout.TotalSeconds:0.#} s (timed out)");
        }
        catch (HttpRequestException exception)
        {
            return LiveAnswer.Failed(Describe(exception));
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        if (_trusted is not null)
        {
            foreach (var certificate in _trusted)
            {
                certificate.Dispose();
            }
        }
    }

    private static X509Certificate2Collection LoadCertificates(string path)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(Path.GetFullPath(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ConfigurationException($"--ca-file {path}: cannot read PEM certificates from it: {ConfigurationFiles.Describe(exception, path)}.");
        }

        return certificates.Count > 0
            ? certificates
            : throw new ConfigurationException($"--ca-file {path}: the file holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The system's verdict, where a chain the system does not trust may still lead to a CA of --ca-file.</summary>
    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) && _trusted is not null && certificate is X509Certificate2 leaf
            && ChainsToCaFile(leaf, chain))
        {
            errors &= ~SslPolicyErrors.RemoteCertificateChainErrors;
        }

        _lastTlsErrors = errors;
        return errors == SslPolicyErrors.None;
    }

    private bool ChainsToCaFile(X509Certificate2 leaf, X509Chain? chain)
    {
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_trusted!);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return custom.Build(leaf);
    }

    private string Describe(HttpRequestException exception)
    {
        var inner = exception.InnerException;
        switch (exception.HttpRequestError)
        {
            case HttpRequestError.SecureConnectionError:
                return $"TLS failed: {DescribeTls(inner)}";
            case HttpRequestError.NameResolutionError:
                return "the host name does not resolve";
            default:
                var socketError = FindSocketError(exception);
                return socketError is null
                    ? $"request failed: {exception.Message.TrimEnd('.')}"
                    : socketError.SocketErrorCode == SocketError.HostNotFound
                        ? "the host name does not resolve"
                        : $"connection failed: {socketError.Message.TrimEnd('.')}";
        }
    }

    private string DescribeTls(Exception? inner)
    {
        var reasons = new List<string>();
        if (_lastTlsErrors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            reasons.Add("the certificate is not for this host name");
        }

        if (_lastTlsErrors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            reasons.Add(_trusted is null
                ? "the certificate does not chain to a trusted CA (self-signed or private CA: pass --ca-file)"
                : "the certificate chains neither to a system CA nor to one of --ca-file");
        }

        if (_lastTlsErrors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            reasons.Add("the server sent no certificate");
        }

        return reasons.Count > 0 ? string.Join("; ", reasons)
            : inner is AuthenticationException ? inner.Message.TrimEnd('.')
            : "the TLS handshake failed";
    }

    private static SocketException? FindSocketError(Exception exception)
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is SocketException socketException)
            {
                return socketException;
            }
        }

        return null;
    }
}
