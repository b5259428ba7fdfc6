using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Doctor;

/// <summary>
/// Real Kestrel servers on 127.0.0.1 that play the public and private sides of a Synapse and MAS
/// deployment for <see cref="DoctorPair"/>'s configurations: one HTTPS port for the public names
/// (auth.example.test, matrix.example.test, example.test) and one plain HTTP port for the private ones
/// (mas, synapse), each answering by Host header. <see cref="ConnectToArguments"/> maps every name the
/// configurations use to those ports, so no request ever leaves loopback.
/// </summary>
internal sealed class LoopbackMatrixServers : IAsyncDisposable
{
    public const string MasIssuer = "https://auth.example.test/";

    private static readonly string[] PublicNames = ["auth.example.test", "matrix.example.test", "example.test"];

    private readonly WebApplication _app;
    private readonly TempFolder _folder;

    private LoopbackMatrixServers(WebApplication app, TempFolder folder, TestCertificates certificates)
    {
        _app = app;
        _folder = folder;
        Certificates = certificates;
    }

    public TestCertificates Certificates { get; }

    public int HttpsPort { get; private set; }

    public int HttpPort { get; private set; }

    /// <summary>The answers by host and path; tests replace entries to break one thing.</summary>
    public ConcurrentDictionary<(string Host, string Path), ServerReply> Replies { get; } = new(HealthyReplies());

    public static async Task<LoopbackMatrixServers> StartAsync()
    {
        var folder = new TempFolder();
        var certificates = TestCertificates.Create(folder.Path, PublicNames);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificates.Server));
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var servers = new LoopbackMatrixServers(app, folder, certificates);
        app.Run(servers.AnswerAsync);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(address => new Uri(address)).ToList();
        servers.HttpsPort = addresses.Single(address => address.Scheme == "https").Port;
        servers.HttpPort = addresses.Single(address => address.Scheme == "http").Port;
        return servers;
    }

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
        await _app.StopAsync();
        await _app.DisposeAsync();
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

    private async Task AnswerAsync(HttpContext context)
    {
        var key = (context.Request.Host.Host, context.Request.Path.Value ?? "/");
        var reply = Replies.GetValueOrDefault(key, ServerReply.NotFound);
        if (reply.Hang)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.Json ?? "{}", context.RequestAborted);
    }
}
