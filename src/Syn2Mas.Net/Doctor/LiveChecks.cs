using Syn2Mas.Net.Advisor;

namespace Syn2Mas.Net.Doctor;

/// <summary>
/// The live half of <c>doctor</c>: the requests clients, Synapse and MAS make of each other, made from
/// this machine. Each is listed with its outcome; each that fails is a finding with the URL, the status
/// or network error, and what to fix.
/// </summary>
internal static class LiveChecks
{
    private const string Discovery = "/.well-known/openid-configuration";
    private const string ClientVersions = "/_matrix/client/versions";

    public static async Task<(IReadOnlyList<LiveCheck> Checks, IReadOnlyList<Finding> Findings)> RunAsync(
        DoctorConfiguration configuration, DoctorStage stage, LiveOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        using var http = new LiveHttp(options);
        var run = new Run(http, cancellationToken);
        var mas = configuration.MasWiring;
        var issuer = mas.EffectiveIssuer;
        var issuerUrl = WiringUrl.ParseHttp(issuer);
        var synapsePublic = WiringUrl.ParseHttp(configuration.SynapsePublicBaseUrl);

        await run.IssuerAsync(
            "MAS discovery", issuerUrl, Discovery, issuer, FindingCatalog.LiveMasDiscovery,
            "make sure MAS runs and the reverse proxy forwards this URL to MAS's http listener (remove `http.issuer` if nothing serves MAS under it)",
            "the MAS answering is not running with this configuration (restart it), or a proxy sends the request to another MAS");

        await run.ExpectAsync(
            "Synapse client API", synapsePublic, ClientVersions, FindingCatalog.LiveSynapseVersions,
            answer => answer.Json?.TryGetProperty("versions", out _) == true ? null : "the answer has no `versions`",
            "make sure Synapse runs and the reverse proxy forwards `public_baseurl` to Synapse's client listener");

        foreach (var (name, path) in new[]
        {
            ("Synapse auth metadata", "/_matrix/client/v1/auth_metadata"),
            ("Synapse auth metadata (MSC2965)", "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata"),
        })
        {
            if (stage == DoctorStage.Before)
            {
                run.Skip(name, synapsePublic, path, "before the switch Synapse does not advertise MAS yet");
                continue;
            }

            await run.IssuerAsync(
                name, synapsePublic, path, issuer, FindingCatalog.LiveSynapseAuthMetadata,
                "Synapse advertises MAS only while it delegates: restart Synapse with the delegation section, and make sure the reverse proxy forwards /_matrix to Synapse",
                "Synapse passes on the issuer of the MAS it reaches, so it reaches another MAS, or its msc3861 `issuer` differs: point it at this MAS");
        }

        var serverHost = configuration.Synapse.ServerName.Split(':')[0];
        await run.ExpectAsync(
            "client well-known", WiringUrl.ParseHttp($"https://{serverHost}/"), "/.well-known/matrix/client", FindingCatalog.LiveWellKnownClient,
            answer => answer.Text("m.homeserver", "base_url") is not { } baseUrl
                ? "the answer has no `m.homeserver.base_url`"
                : WiringUrl.SameUrl(baseUrl, configuration.SynapsePublicBaseUrl)
                    ? null
                    : $"it names {baseUrl}, not Synapse's `public_baseurl` {configuration.SynapsePublicBaseUrl}",
            $"clients that start from the server name (Element X among them) find the homeserver there: serve {{\"m.homeserver\": {{\"base_url\": \"{configuration.SynapsePublicBaseUrl}\"}}}}",
            wrongAnswerIsError: true);

        await run.ExpectAsync(
            "MAS reaches Synapse", WiringUrl.ParseHttp(mas.MatrixEndpoint ?? "http://localhost:8008/"), ClientVersions, FindingCatalog.LiveMasToSynapse,
            answer => answer.Json?.TryGetProperty("versions", out _) == true ? null : "the answer has no `versions`",
            "MAS calls Synapse at `matrix.endpoint`: fix it, or run doctor where MAS runs (on its Docker network) if this machine cannot reach that address");

        var wiring = configuration.SynapseWiring;
        var (synapseToMas, key) = wiring.MasSection is { } section ? (section.Endpoint ?? "http://localhost:8080", "`matrix_authentication_service.endpoint`")
            : wiring.Msc3861 is { } msc3861 ? (msc3861.Issuer, "`experimental_features.msc3861.issuer`")
            : (null, null);
        if (key is null)
        {
            run.Skip("Synapse reaches MAS", null, Discovery, "Synapse's configuration names no MAS yet");
        }
        else
        {
            await run.IssuerAsync(
                "Synapse reaches MAS", WiringUrl.ParseHttp(synapseToMas), Discovery, issuer, FindingCatalog.LiveSynapseToMas,
                $"Synapse reads MAS's discovery document under {key}: fix it, or run doctor where Synapse runs if this machine cannot reach that address",
                $"Synapse's {key} reaches a MAS that is not running with this configuration");
        }

        return (run.Checks, run.Findings);
    }

    /// <summary>The requests of one doctor run and what they found.</summary>
    private sealed class Run(LiveHttp http, CancellationToken cancellationToken)
    {
        public List<LiveCheck> Checks { get; } = [];

        public List<Finding> Findings { get; } = [];

        public void Skip(string name, Uri? baseUrl, string path, string why) =>
            Checks.Add(new LiveCheck(name, baseUrl is null ? path : WiringUrl.Append(baseUrl, path).AbsoluteUri, LiveOutcome.Skipped, why));

        /// <summary>A document whose <c>issuer</c> must be MAS's configured issuer.</summary>
        public Task IssuerAsync(string name, Uri? baseUrl, string path, string? issuer, FindingCode code, string fixWhenFailed, string fixWhenWrong) =>
            ExpectAsync(
                name, baseUrl, path, code,
                answer => answer.Text("issuer") is not { } answered
                    ? "the answer has no `issuer`"
                    : WiringUrl.SameUrl(answered, issuer) ? null : $"it names issuer {answered}, not MAS's configured {issuer}",
                fixWhenFailed,
                fixWhenWrong);

        /// <param name="check">Null when the answer is right, else what is wrong with it.</param>
        /// <param name="fixWhenWrong">What to do about a wrong answer; <paramref name="fix"/> when not given.</param>
        /// <param name="wrongAnswerIsError">For a warning-level code: a wrong answer is worse than none.</param>
        public async Task ExpectAsync(
            string name, Uri? baseUrl, string path, FindingCode code, Func<LiveAnswer, string?> check, string fix, string? fixWhenWrong = null, bool wrongAnswerIsError = false)
        {
            if (baseUrl is null)
            {
                Skip(name, null, path, "the configuration gives no http(s) URL for it (see the findings)");
                return;
            }

            var url = WiringUrl.Append(baseUrl, path);
            var answer = await http.GetJsonAsync(url, cancellationToken);
            if (answer.Error is { } error)
            {
                Checks.Add(new LiveCheck(name, url.AbsoluteUri, LiveOutcome.Failed, error));
                Findings.Add(code.Report($"{name}: GET {url.AbsoluteUri} failed: {error}; {fix}"));
                return;
            }

            if (check(answer) is { } wrong)
            {
                Checks.Add(new LiveCheck(name, url.AbsoluteUri, LiveOutcome.Failed, $"{answer.Status}, but {wrong}"));
                var message = $"{name}: GET {url.AbsoluteUri} answered {answer.Status}, but {wrong}; {fixWhenWrong ?? fix}";
                Findings.Add(wrongAnswerIsError ? code.Report(Severity.Error, message) : code.Report(message));
                return;
            }

            Checks.Add(new LiveCheck(name, url.AbsoluteUri, LiveOutcome.Ok, answer.Status));
        }
    }
}
