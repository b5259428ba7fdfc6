using System.Collections.Concurrent;
using System.Net;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Doctor;

/// <summary>
/// Real servers on 127.0.0.1 that play the public and private sides of a Synapse and MAS deployment for
/// <see cref="DoctorPair"/>'s configurations: one HTTPS port for the public names (auth.example.test,
/// matrix.example.test, example.test) and one plain HTTP port for the private ones (mas, synapse), each
/// answering by Host header. <see cref="ConnectToArguments"/> maps every name the configurations use to
/// those ports, so no request ever leaves loopback.
/// </summary>
internal sealed class LoopbackMatrixServers : IAsyncDisposable
{
    public const string MasIssuer = "https://auth.example.test/";

    private static readonly string[] PublicNames = ["auth.example.test", "matrix.example.test", "example.test"];

    private readonly TempFolder _folder;
    private readonly LoopbackHttpServer _https;
    private readonly LoopbackHttpServer _http;

    private LoopbackMatrixServers()
    {
        _folder = new TempFolder();
        Certificates = TestCertificates.Create(_folder.Path, PublicNames);
        _https = new LoopbackHttpServer(Certificates.Server, Answer);
        _http = new LoopbackHttpServer(null, Answer);
    }

    public TestCertificates Certificates { get; }

    public int HttpsPort => _https.Port;

    public int HttpPort => _http.Port;

    /// <summary>The answers by host and path; tests replace entries to break one thing.</summary>
    public ConcurrentDictionary<(string Host, string Path), ServerReply> Replies { get; } = new(HealthyReplies());

    public static Task<LoopbackMatrixServers> StartAsync() => Task.FromResult(new LoopbackMatrixServers());

    /// <summary>
    /// <c>--connect-to</c> for every name and port the pair's URLs use. <paramref name="unreachable"/> maps
    /// those hosts to a loopback port where nothing listens instead.
    /// </summary>
    public string[] ConnectToArguments(params string[] unreachable)
    {
        var closedPort = ClosedPort();
        var routes = PublicNames.Select(name => (name, 443, HttpsPort))
            .Append(("mas", 8080, HttpPort))
            .Append(("synapse", 8008, HttpPort));
        return [.. routes.SelectMany(route => new[]
        {
            "--connect-to",
            $"{route.Item1}:{route.Item2}:127.0.0.1:{(unreachable.Contains(route.Item1) ? closedPort : route.Item3)}",
        })];
    }

    public async ValueTask DisposeAsync()
    {
        await _https.DisposeAsync();
        await _http.DisposeAsync();
        Certificates.Dispose();
        _folder.Dispose();
    }

    private static Dictionary<(string Host, string Path), ServerReply> HealthyReplies()
    {
        var discovery = ServerReply.Ok($$"""{"issuer":"{{MasIssuer}}","authorization_endpoint":"{{MasIssuer}}authorize","account_management_uri":"{{MasIssuer}}account/"}""");
        var versions = ServerReply.Ok("""{"versions":["v1.11","v1.12"],"unstable_features":{}}""");
        var authMetadata = ServerReply.Ok($$"""{"issuer":"{{MasIssuer}}","authorization_endpoint":"{{MasIssuer}}authorize"}""");
        return new()
        {
            [("auth.example.test", "/.well-known/openid-configuration")] = discovery,
            [("matrix.example.test", "/_matrix/client/versions")] = versions,
            [("matrix.example.test", "/_matrix/client/v1/auth_metadata")] = authMetadata,
            [("matrix.example.test", "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata")] = authMetadata,
            [("example.test", "/.well-known/matrix/client")] = ServerReply.Ok("""{"m.homeserver":{"base_url":"https://matrix.example.test"}}"""),
            [("synapse", "/_matrix/client/versions")] = versions,
            [("mas", "/.well-known/openid-configuration")] = discovery,
        };
    }

    /// <summary>A loopback port that was free a moment ago: nothing listens there.</summary>
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private ServerReply Answer(string host, string path) => Replies.GetValueOrDefault((host, path), ServerReply.NotFound);
}
