using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Doctor;

namespace Syn2Mas.Net.Tests.Doctor;

/// <summary>
/// <c>doctor --live</c> against real HTTPS and HTTP servers on loopback (sockets and TLS, no mocks) that serve MAS's and Synapse's
/// documents: the right answers, a wrong issuer, a 404, a timeout, a certificate that does not verify and
/// a port where nothing listens. Every request goes to 127.0.0.1 through --connect-to.
/// </summary>
public sealed class LiveChecksTests : IAsyncLifetime
{
    private const string Discovery = "/.well-known/openid-configuration";

    private LoopbackMatrixServers _servers = null!;

    public async Task InitializeAsync() => _servers = await LoopbackMatrixServers.StartAsync();

    public async Task DisposeAsync() => await _servers.DisposeAsync();

    [Fact]
    public async Task Right_answers_after_the_switch_are_all_ok_and_find_nothing()
    {
        using var pair = new DoctorPair();

        var report = await RunAsync(pair);

        Assert.Equal(
            [
                "MAS discovery", "Synapse client API", "Synapse auth metadata", "Synapse auth metadata (MSC2965)",
                "client well-known", "MAS reaches Synapse", "Synapse reaches MAS",
            ],
            report.Live!.Select(check => check.Name));
        Assert.All(report.Live!, check => Assert.Equal(LiveOutcome.Ok, check.Outcome));
        Assert.Contains(report.Live!, check => check.Url == "https://auth.example.test/.well-known/openid-configuration");
        Assert.Contains(report.Live!, check => check.Url == "http://synapse:8008/_matrix/client/versions");
        Assert.Empty(report.Findings);
        Assert.Equal(CheckOutcome.Clean, report.Outcome);
    }

    [Fact]
    public async Task Before_the_switch_synapse_is_not_asked_to_advertise_mas()
    {
        using var pair = new DoctorPair("matrix_authentication_service:");

        var report = await RunAsync(pair);

        Assert.Equal(
            [LiveOutcome.Ok, LiveOutcome.Ok, LiveOutcome.Skipped, LiveOutcome.Skipped, LiveOutcome.Ok, LiveOutcome.Ok, LiveOutcome.Skipped],
            report.Live!.Select(check => check.Outcome));
        Assert.Equal(["delegation-missing"], report.Findings.Select(finding => finding.Code));
    }

    [Fact]
    public async Task The_user_storys_msc3861_variant_reaches_mas_at_its_issuer()
    {
        using var pair = new DoctorPair(DoctorPair.Msc3861Synapse, DoctorPair.Msc3861Clients);

        var report = await RunAsync(pair);

        var reach = Assert.Single(report.Live!, check => check.Name == "Synapse reaches MAS");
        Assert.Equal((LiveOutcome.Ok, "https://auth.example.test/.well-known/openid-configuration"), (reach.Outcome, reach.Url));
        Assert.Equal(["delegation-msc3861"], report.Findings.Select(finding => finding.Code));
    }

    [Fact]
    public async Task A_discovery_document_with_another_issuer_is_an_error_naming_both_issuers_and_the_url()
    {
        using var pair = new DoctorPair();
        _servers.Replies[("auth.example.test", Discovery)] = ServerReply.Ok("""{"issuer":"https://other.example.test/"}""");

        var report = await RunAsync(pair);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("live-mas-discovery", Severity.Error), (finding.Code, finding.Severity));
        Assert.Contains("GET https://auth.example.test/.well-known/openid-configuration answered HTTP 200", finding.Message, StringComparison.Ordinal);
        Assert.Contains("issuer https://other.example.test/, not MAS's configured https://auth.example.test/", finding.Message, StringComparison.Ordinal);
        Assert.Equal(LiveOutcome.Failed, Assert.Single(report.Live!, check => check.Name == "MAS discovery").Outcome);
    }

    [Fact]
    public async Task Synapse_that_reaches_another_mas_advertises_the_wrong_issuer()
    {
        using var pair = new DoctorPair();
        _servers.Replies[("mas", Discovery)] = ServerReply.Ok("""{"issuer":"https://old-mas.example.test/"}""");

        var report = await RunAsync(pair);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("live-synapse-to-mas", finding.Code);
        Assert.Contains("http://mas:8080/.well-known/openid-configuration", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_metadata_answering_404_is_an_error_per_endpoint_with_the_status()
    {
        using var pair = new DoctorPair();
        _servers.Replies[("matrix.example.test", "/_matrix/client/v1/auth_metadata")] = ServerReply.NotFound;
        _servers.Replies[("matrix.example.test", "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata")] = ServerReply.NotFound;

        var report = await RunAsync(pair);

        Assert.Equal(2, report.Findings.Count);
        Assert.All(report.Findings, finding =>
        {
            Assert.Equal(("live-synapse-auth-metadata", Severity.Error), (finding.Code, finding.Severity));
            Assert.Contains("failed: HTTP 404", finding.Message, StringComparison.Ordinal);
            Assert.Contains("restart Synapse with the delegation section", finding.Message, StringComparison.Ordinal);
        });
        Assert.Contains(report.Findings, finding => finding.Message.Contains("GET https://matrix.example.test/_matrix/client/v1/auth_metadata", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_well_known_that_never_answers_times_out_as_a_warning()
    {
        using var pair = new DoctorPair();
        Assert.Equal(CheckOutcome.Clean, (await RunAsync(pair)).Outcome); // warms up TLS and HTTP, so the short timeout bounds only the hang
        _servers.Replies[("example.test", "/.well-known/matrix/client")] = ServerReply.Never;

        var report = await RunAsync(pair, timeoutSeconds: 2);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("live-well-known-client", Severity.Warning), (finding.Code, finding.Severity));
        Assert.Contains("https://example.test/.well-known/matrix/client failed: no answer within 2 s (timed out)", finding.Message, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Warnings, report.Outcome);
    }

    [Fact]
    public async Task A_well_known_naming_another_homeserver_is_an_error()
    {
        using var pair = new DoctorPair();
        _servers.Replies[("example.test", "/.well-known/matrix/client")] = ServerReply.Ok("""{"m.homeserver":{"base_url":"https://old.example.test"}}""");

        var report = await RunAsync(pair);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("live-well-known-client", Severity.Error), (finding.Code, finding.Severity));
        Assert.Contains("names https://old.example.test, not Synapse's `public_baseurl` https://matrix.example.test/", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_from_an_untrusted_ca_fails_every_https_request_and_no_http_one()
    {
        using var pair = new DoctorPair();

        var report = await RunAsync(pair, trustTestCa: false);

        var failed = report.Live!.Where(check => check.Outcome == LiveOutcome.Failed).ToList();
        Assert.Equal(5, failed.Count);
        Assert.All(failed, check =>
        {
            Assert.StartsWith("https://", check.Url, StringComparison.Ordinal);
            Assert.Equal("TLS failed: the certificate does not chain to a trusted CA (self-signed or private CA: pass --ca-file)", check.Detail);
        });
        Assert.All(report.Live!.Where(check => check.Url.StartsWith("http://", StringComparison.Ordinal)), check => Assert.Equal(LiveOutcome.Ok, check.Outcome));
        Assert.Equal(5, report.Findings.Count);
    }

    [Fact]
    public async Task A_certificate_for_another_name_fails_even_with_the_ca_trusted()
    {
        using var pair = new DoctorPair("public_baseurl: https://synapse.example.test/");
        string[] extra = ["--connect-to", $"synapse.example.test:443:127.0.0.1:{_servers.HttpsPort}"];

        var report = await RunAsync(pair, extraConnectTo: extra);

        var check = Assert.Single(report.Live!, check => check.Name == "Synapse client API");
        Assert.Equal((LiveOutcome.Failed, "TLS failed: the certificate is not for this host name"), (check.Outcome, check.Detail));
    }

    [Fact]
    public async Task Synapse_unreachable_at_mass_matrix_endpoint_is_a_connection_error()
    {
        using var pair = new DoctorPair();

        var report = await RunAsync(pair, unreachable: ["synapse"]);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("live-mas-to-synapse", finding.Code);
        Assert.Contains("GET http://synapse:8008/_matrix/client/versions failed: connection failed:", finding.Message, StringComparison.Ordinal);
        Assert.Contains("run doctor where MAS runs", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_is_not_json_is_a_failure()
    {
        using var pair = new DoctorPair();
        _servers.Replies[("matrix.example.test", "/_matrix/client/versions")] = new ServerReply(200, "<html>proxy error page</html>");

        var report = await RunAsync(pair);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("live-synapse-versions", finding.Code);
        Assert.Contains("GET https://matrix.example.test/_matrix/client/versions failed: HTTP 200, but the answer is not JSON", finding.Message, StringComparison.Ordinal);
    }

    private async Task<DoctorReport> RunAsync(
        DoctorPair pair, bool trustTestCa = true, double timeoutSeconds = 30, string[]? unreachable = null, string[]? extraConnectTo = null)
    {
        string[] arguments = [.. _servers.ConnectToArguments(unreachable ?? []), .. extraConnectTo ?? []];
        var connectTo = arguments.Where((_, index) => index % 2 == 1).Select(ConnectTo.Parse).ToList();
        var options = new DoctorOptions(Live: new LiveOptions(TimeSpan.FromSeconds(timeoutSeconds), connectTo, trustTestCa ? _servers.Certificates.AuthorityPemFile : null));
        var report = await DoctorRunner.RunAsync(pair.Load(), options);
        DoctorPair.AssertNoSecrets([.. report.Findings.Select(finding => finding.Message), .. report.Live!.Select(check => check.Detail)]);
        return report;
    }
}
