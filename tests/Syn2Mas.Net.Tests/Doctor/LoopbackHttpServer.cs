using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Syn2Mas.Net.Tests.Doctor;

/// <summary>
/// A real HTTP/1.1 server on a loopback port, with TLS when given a certificate: enough of the protocol
/// for GET requests, one per connection. Built on sockets rather than ASP.NET Core, whose shared
/// framework would take the place of package assemblies the command-line child processes of other
/// tests load from the test folder.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2? _certificate;
    private readonly Func<string, string, ServerReply> _answer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    /// <param name="answer">The reply for a request's host (without port) and path.</param>
    public LoopbackHttpServer(X509Certificate2? certificate, Func<string, string, ServerReply> answer)
    {
        _certificate = certificate;
        _answer = answer;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                Stream stream = client.GetStream();
                if (_certificate is not null)
                {
                    var tls = new SslStream(stream);
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stopping.Token);
                    stream = tls;
                }

                await using (stream)
                {
                    var (host, path) = await ReadRequestAsync(stream);
                    var reply = _answer(host, path);
                    if (reply.Hang)
                    {
                        // Nothing is sent; the client's timeout ends the wait by closing the connection.
                        var discard = new byte[1];
                        while (await stream.ReadAsync(discard, _stopping.Token) > 0)
                        {
                        }

                        return;
                    }

                    var body = Encoding.UTF8.GetBytes(reply.Json ?? "{}");
                    var head = $"HTTP/1.1 {reply.Status} {(reply.Status == 200 ? "OK" : "Not Found")}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stopping.Token);
                    await stream.WriteAsync(body, _stopping.Token);
                }
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
            {
                // A client that refused the certificate or gave up: nothing to answer.
            }
        }
    }

    /// <summary>The request line's path and the Host header's name, read up to the blank line that ends the headers.</summary>
    private async Task<(string Host, string Path)> ReadRequestAsync(Stream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 16 * 1024 && !EndsWithBlankLine(buffer))
        {
            if (await stream.ReadAsync(one, _stopping.Token) == 0)
            {
                throw new IOException("the client closed the connection before the end of its request");
            }

            buffer.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. buffer]).Split("\r\n");
        var path = lines[0].Split(' ')[1].Split('?')[0];
        var host = lines.Skip(1).Where(line => line.StartsWith("Host:", StringComparison.OrdinalIgnoreCase)).Select(line => line[5..].Trim()).FirstOrDefault() ?? "";
        return (host.Split(':')[0], path);
    }

    private static bool EndsWithBlankLine(List<byte> buffer) =>
        buffer.Count >= 4 && buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n';
}
