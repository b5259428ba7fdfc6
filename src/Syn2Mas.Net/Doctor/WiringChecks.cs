using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Identifiers;

namespace Syn2Mas.Net.Doctor;

/// <summary>
/// The offline half of <c>doctor</c>: do Synapse's and MAS's configuration files agree on how the two
/// are wired together? No I/O beyond what the loaders read, so every rule is tested with config pairs.
/// </summary>
/// <remarks>
/// Secrets are compared, never shown: messages name the key (and a secret file's path), never a value.
/// URLs, ids and server names are not secret and are quoted so the admin sees what to change.
/// </remarks>
internal static class WiringChecks
{
    private const string MasDefaultEndpoint = "http://localhost:8008/";
    private const string SynapseDefaultMasEndpoint = "http://localhost:8080";
    private static readonly string[] SecretAuthMethods = ["client_secret_basic", "client_secret_post", "client_secret_jwt"];

    public static IReadOnlyList<Finding> Run(DoctorConfiguration configuration, DoctorStage stage)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var findings = new List<Finding>();
        CheckDelegation(configuration, stage, findings);
        CheckSharedSecret(configuration, findings);
        CheckMsc3861(configuration, findings);
        ConfigurationChecks.CheckServerName(configuration.Synapse, configuration.Mas, findings);
        CheckMasUrls(configuration.MasWiring, findings);
        CheckEndpoints(configuration, findings);
        CheckConflictingSettings(configuration, findings);
        if (configuration.Mas.Passwords.Enabled)
        {
            ConfigurationChecks.CheckPasswordSchemes(configuration.Synapse, configuration.Mas, findings);
        }

        CheckUpstreamProviders(configuration, findings);
        CheckMasSecrets(configuration.MasWiring, findings);
        return findings;
    }

    private static void CheckDelegation(DoctorConfiguration configuration, DoctorStage stage, List<Finding> findings)
    {
        var wiring = configuration.SynapseWiring;
        if (wiring.MasSection is { Enabled: true } && wiring.Msc3861 is not null)
        {
            findings.Add(FindingCatalog.DelegationBothSections.Report(
                "Synapse's homeserver.yaml has both `matrix_authentication_service.enabled: true` and an `experimental_features.msc3861` section: "
                + "Synapse 1.136 to 1.156 refuse to start when both are enabled and Synapse 1.157 refuses any msc3861 section; remove `experimental_features.msc3861`"));
        }
        else if (wiring.Msc3861 is { Enabled: true })
        {
            findings.Add(FindingCatalog.DelegationMsc3861.Report(
                "Synapse's homeserver.yaml delegates through `experimental_features.msc3861`, which Synapse 1.157 removed (it refuses to start with it); "
                + $"on Synapse 1.136 or later replace it with {SuggestedSection(configuration)}"));
        }

        if (wiring.DelegationEnabled)
        {
            return;
        }

        var why = wiring.MasSection is null ? "has no `matrix_authentication_service` section" : "has `matrix_authentication_service.enabled` not set to true";
        findings.Add(stage == DoctorStage.Before
            ? FindingCatalog.DelegationMissing.Report(
                Severity.Note,
                $"Synapse's homeserver.yaml {why}, as expected before the switch; at the switch, add {SuggestedSection(configuration)}")
            : FindingCatalog.DelegationMissing.Report(
                $"Synapse's homeserver.yaml {why}, so Synapse still logs users in itself and never asks MAS; add {SuggestedSection(configuration)}"));
    }

    /// <summary>The section to add, with what MAS's config already says; the secret is named, never copied.</summary>
    private static string SuggestedSection(DoctorConfiguration configuration)
    {
        var mas = configuration.MasWiring;
        var masEndpoint = WiringUrl.ParseHttp(mas.MatrixEndpoint);
        var endpoint = masEndpoint is not null && WiringUrl.IsPrivate(masEndpoint)
            ? "`endpoint:` MAS's address on the private network MAS reaches Synapse on (MAS listens on port 8080 by default)"
            : mas.PublicBase is { } publicBase ? $"`endpoint: {publicBase}`" : "`endpoint:` the URL Synapse reaches MAS at";
        var secret = mas.MatrixSecret.File is { } file
            ? $"`secret_path: {file}` (the file MAS reads `matrix.secret_file` from)"
            : "`secret:` set to the same value as MAS's `matrix.secret` (or `secret_path` to a file holding it)";
        return $"`matrix_authentication_service:` with `enabled: true`, {endpoint} and {secret}";
    }

    private static void CheckSharedSecret(DoctorConfiguration configuration, List<Finding> findings)
    {
        var masSecret = configuration.MasWiring.MatrixSecret;
        if (!masSecret.IsSet)
        {
            findings.Add(FindingCatalog.SharedSecretMissing.Report(
                "MAS's config has neither `matrix.secret` nor `matrix.secret_file`: MAS refuses to start without the secret it calls Synapse's admin API with; "
                + "set one (a long random string) and give Synapse the same"));
        }

        var wiring = configuration.SynapseWiring;
        var synapseSecret = wiring.MasSection is { Enabled: true } section ? section.Secret
            : wiring.Msc3861 is { Enabled: true } msc3861 ? msc3861.AdminToken
            : null;
        if (synapseSecret is null)
        {
            return;
        }

        if (!synapseSecret.IsSet)
        {
            findings.Add(FindingCatalog.SharedSecretMissing.Report(wiring.MasSection is { Enabled: true }
                ? "Synapse's `matrix_authentication_service` is enabled without `secret` or `secret_path`: Synapse refuses to start; set `secret_path` to a file holding MAS's `matrix.secret`"
                : "Synapse's `experimental_features.msc3861.admin_token` is not set, so Synapse refuses MAS's admin calls; set it to the value of MAS's `matrix.secret`"));
            return;
        }

        switch (synapseSecret.Matches(masSecret))
        {
            case false:
                findings.Add(FindingCatalog.SharedSecretMismatch.Report(
                    $"Synapse's {synapseSecret.Describe()} differs from MAS's {masSecret.Describe()}: Synapse refuses MAS's calls to its admin API (and, with `matrix_authentication_service`, MAS refuses Synapse's token checks); "
                    + "make them the same value, ideally one file both read"));
                break;
            case null when masSecret.IsSet:
                findings.Add(NotCompared(synapseSecret, masSecret, "the shared secret"));
                break;
        }
    }

    private static Finding NotCompared(WiringSecret left, WiringSecret right, string what)
    {
        var unreadable = new[] { left, right }.Where(secret => !secret.Readable).Select(secret => secret.Describe());
        return FindingCatalog.SecretNotCompared.Report(
            $"{string.Join(" and ", unreadable)} cannot be read on this machine, so {what} was not compared; run doctor where the file is, or with the file at that path");
    }

    private static void CheckMsc3861(DoctorConfiguration configuration, List<Finding> findings)
    {
        if (configuration.SynapseWiring.Msc3861 is not { Enabled: true } msc3861)
        {
            return;
        }

        var mas = configuration.MasWiring;
        if (!WiringUrl.SameUrl(msc3861.Issuer, mas.EffectiveIssuer))
        {
            findings.Add(FindingCatalog.Msc3861IssuerMismatch.Report(
                $"Synapse's `experimental_features.msc3861.issuer` ({msc3861.Issuer ?? "not set"}) is not MAS's issuer ({mas.EffectiveIssuer ?? "not set"}, from {(mas.Issuer is null ? "`http.public_base`" : "`http.issuer`")}): "
                + "Synapse fetches the discovery document under its issuer and MAS names its own issuer there, so token checks fail; set both to the same URL"));
        }

        if (string.IsNullOrEmpty(msc3861.ClientId))
        {
            findings.Add(FindingCatalog.Msc3861ClientMissing.Report(
                "Synapse's `experimental_features.msc3861` has no `client_id`; set it to the `client_id` of the client in MAS's `clients` that Synapse uses"));
            return;
        }

        var client = mas.Clients.FirstOrDefault(entry => string.Equals(entry.ClientId, msc3861.ClientId, StringComparison.OrdinalIgnoreCase));
        if (client is null)
        {
            findings.Add(FindingCatalog.Msc3861ClientMissing.Report(
                $"Synapse's `experimental_features.msc3861.client_id` {msc3861.ClientId} is not in MAS's `clients`: add a client with that `client_id`, "
                + $"`client_auth_method: {msc3861.ClientAuthMethod}` and the same secret, then run `mas-cli config sync`"));
            return;
        }

        if (!string.Equals(client.AuthMethod, msc3861.ClientAuthMethod, StringComparison.Ordinal))
        {
            findings.Add(FindingCatalog.Msc3861ClientMismatch.Report(
                $"MAS's client {client.ClientId} has `client_auth_method: {client.AuthMethod ?? "not set"}` but Synapse's msc3861 uses `{msc3861.ClientAuthMethod}`"
                + $"{(msc3861.ClientAuthMethod == "client_secret_post" ? " (Synapse's default)" : "")}; make them the same"));
        }

        if (!SecretAuthMethods.Contains(msc3861.ClientAuthMethod))
        {
            return;
        }

        switch (msc3861.ClientSecret.Matches(client.Secret))
        {
            case false:
                findings.Add(FindingCatalog.Msc3861ClientMismatch.Report(
                    $"Synapse's {msc3861.ClientSecret.Describe()} differs from the {client.Secret.Describe()} of MAS's client {client.ClientId}: MAS refuses Synapse's token checks; make them the same"));
                break;
            case null when msc3861.ClientSecret.IsSet && client.Secret.IsSet:
                findings.Add(NotCompared(msc3861.ClientSecret, client.Secret, "the client secret"));
                break;
            case null:
                findings.Add(FindingCatalog.Msc3861ClientMismatch.Report(
                    $"`client_auth_method: {msc3861.ClientAuthMethod}` needs a client secret, but {(msc3861.ClientSecret.IsSet ? $"MAS's client {client.ClientId}" : "Synapse's `experimental_features.msc3861`")} has none; "
                    + "give both sides the same `client_secret`"));
                break;
        }
    }

    private static void CheckMasUrls(MasWiringConfig mas, List<Finding> findings)
    {
        var publicBase = WiringUrl.ParseHttp(mas.PublicBase);
        if (publicBase is null)
        {
            findings.Add(FindingCatalog.MasPublicBaseMissing.Report(mas.PublicBase is null
                ? "MAS's config has no `http.public_base`; set it to the https URL clients reach MAS at (it is also MAS's issuer unless `http.issuer` is set)"
                : $"MAS's `http.public_base` ({mas.PublicBase}) is not an absolute http(s) URL; set it to the https URL clients reach MAS at"));
        }
        else if (publicBase.Scheme == Uri.UriSchemeHttp)
        {
            findings.Add(FindingCatalog.MasUrlNotHttps.Report(
                $"MAS's `http.public_base` is plain http ({mas.PublicBase}): clients refuse a plain-http issuer and would send passwords and tokens unencrypted; "
                + "serve MAS over https (behind a reverse proxy) and set the https URL"));
        }

        if (mas.Issuer is null)
        {
            return;
        }

        if (WiringUrl.ParseHttp(mas.Issuer) is { Scheme: "http" })
        {
            findings.Add(FindingCatalog.MasUrlNotHttps.Report(
                $"MAS's `http.issuer` is plain http ({mas.Issuer}): clients refuse a plain-http issuer; use an https URL, or remove `http.issuer` so the https `public_base` is the issuer"));
        }

        if (publicBase is not null && !WiringUrl.SameUrl(mas.Issuer, mas.PublicBase))
        {
            findings.Add(FindingCatalog.MasIssuerDiffers.Report(
                $"MAS's `http.issuer` ({mas.Issuer}) differs from `http.public_base` ({mas.PublicBase}): MAS serves its discovery document under public_base but names the issuer in it, "
                + $"and clients (and Synapse with msc3861) fetch {WiringUrl.Append(WiringUrl.ParseHttp(mas.Issuer) ?? publicBase, "/.well-known/openid-configuration")} and require the issuer in it to match; "
                + "unless a proxy serves MAS's document there, discovery fails: remove `http.issuer` so public_base is the issuer"));
        }
    }

    private static void CheckEndpoints(DoctorConfiguration configuration, List<Finding> findings)
    {
        var mas = configuration.MasWiring;
        var masEndpoint = CheckEndpoint(
            mas.MatrixEndpoint,
            "MAS's `matrix.endpoint`",
            $"MAS calls Synapse at {MasDefaultEndpoint}, which only works when both run on one host outside containers; set it to the address MAS reaches Synapse at (e.g. http://synapse:8008/ on a Docker network)",
            findings);
        Uri? synapseEndpoint = null;
        if (configuration.SynapseWiring.MasSection is { } section)
        {
            synapseEndpoint = CheckEndpoint(
                section.Endpoint,
                "Synapse's `matrix_authentication_service.endpoint`",
                $"Synapse reaches MAS at {SynapseDefaultMasEndpoint}, which only works when both run on one host outside containers; set it to the address Synapse reaches MAS at (e.g. http://mas:8080/ on a Docker network)",
                findings);
        }

        var synapsePublic = WiringUrl.ParseHttp(configuration.SynapsePublicBaseUrl);
        var masPublic = WiringUrl.ParseHttp(mas.PublicBase);
        if (masEndpoint is not null && synapsePublic is not null && synapseEndpoint is not null
            && WiringUrl.SameOrigin(masEndpoint, synapsePublic) && WiringUrl.IsPrivate(synapseEndpoint))
        {
            findings.Add(FindingCatalog.EndpointThroughPublicUrl.Report(
                $"MAS's `matrix.endpoint` ({mas.MatrixEndpoint}) is Synapse's public URL while Synapse reaches MAS on a private address ({configuration.SynapseWiring.MasSection?.Endpoint}): the two run side by side, "
                + "so MAS's admin calls, shared secret included, leave the private network through the public reverse proxy and come back; point `matrix.endpoint` at Synapse's address on that network (its client listener, port 8008 by default)"));
        }

        if (synapseEndpoint is not null && masPublic is not null && masEndpoint is not null
            && WiringUrl.SameOrigin(synapseEndpoint, masPublic) && WiringUrl.IsPrivate(masEndpoint))
        {
            findings.Add(FindingCatalog.EndpointThroughPublicUrl.Report(
                $"Synapse's `matrix_authentication_service.endpoint` ({configuration.SynapseWiring.MasSection?.Endpoint}) is MAS's public URL while MAS reaches Synapse on a private address ({mas.MatrixEndpoint}): the two run side by side, "
                + "so every token check, shared secret included, goes through the public reverse proxy and back; point it at MAS's address on that network (its http listener, port 8080 by default)"));
        }
    }

    private static Uri? CheckEndpoint(string? value, string key, string whenMissing, List<Finding> findings)
    {
        if (value is null)
        {
            findings.Add(FindingCatalog.EndpointNotSet.Report($"{key} is not set, so {whenMissing}"));
            return null;
        }

        var uri = WiringUrl.ParseHttp(value);
        if (uri is null)
        {
            findings.Add(FindingCatalog.EndpointInvalid.Report($"{key} ({value}) is not an absolute http(s) URL; write it as http://host:port/"));
        }

        return uri;
    }

    private static void CheckConflictingSettings(DoctorConfiguration configuration, List<Finding> findings)
    {
        var synapse = configuration.Synapse;
        var wiring = configuration.SynapseWiring;
        var conflicts = new List<(string Key, string Fix)>();
        if (wiring.PasswordEnabledSetting is not null && synapse.PasswordConfig.Enabled)
        {
            conflicts.Add(("password_config.enabled", "remove it (it is off by default while Synapse delegates); MAS checks passwords"));
        }

        if (synapse.EnableRegistration)
        {
            conflicts.Add(("enable_registration", "remove it: MAS handles registration (`account.password_registration_enabled`)"));
        }

        if (synapse.EnableRegistrationCaptcha)
        {
            conflicts.Add(("enable_registration_captcha", "remove it: MAS's `captcha` section protects registration"));
        }

        if (synapse.UserConsentConfigured)
        {
            conflicts.Add(("user_consent", "remove it: MAS's `branding.tos_uri` asks users to accept the terms"));
        }

        if (wiring.OidcKey is { } oidcKey)
        {
            conflicts.Add((oidcKey, "remove it: configure the provider in MAS's `upstream_oauth2.providers`"));
        }

        AddIf(conflicts, synapse.Saml2Enabled, "saml2_config", "remove it: MAS logs users in through OIDC upstream providers");
        AddIf(conflicts, synapse.CasEnabled, "cas_config", "remove it: MAS logs users in through OIDC upstream providers");
        AddIf(conflicts, synapse.JwtEnabled, "jwt_config.enabled", "remove it: MAS logs users in through OIDC upstream providers");
        conflicts.AddRange(wiring.PasswordProviderKeys.Select(key => (key, "remove it: MAS does not call Synapse's password providers; use an upstream provider in MAS")));
        AddIf(conflicts, synapse.LoginViaExistingSessionEnabled, "login_via_existing_session.enabled", "remove it: MAS signs in new devices");
        conflicts.AddRange(wiring.LifetimeKeys.Select(key => (key, "remove it: MAS decides how long sessions and tokens live")));
        AddIf(conflicts, synapse.Enable3pidChanges, "enable_3pid_changes", "remove it (it is off by default while Synapse delegates); MAS manages email addresses");

        foreach (var (key, fix) in conflicts)
        {
            findings.Add(wiring.DelegationEnabled
                ? FindingCatalog.DelegationConflictingSetting.Report(
                    $"Synapse will not start: homeserver.yaml sets `{key}` while it delegates to MAS, which Synapse refuses; {fix}")
                : FindingCatalog.DelegationConflictingSetting.Report(
                    Severity.Note,
                    $"homeserver.yaml sets `{key}`, which Synapse refuses once it delegates to MAS: at the switch, {fix}"));
        }

        if (wiring.DelegationEnabled && synapse.AllowGuestAccess)
        {
            findings.Add(FindingCatalog.GuestAccessEnabled.Report(
                Severity.Warning,
                "Synapse's homeserver.yaml has `allow_guest_access: true`; Synapse still starts while it delegates to MAS, but it no longer registers guests and MAS has none: set it to false"));
        }
    }

    private static void AddIf(List<(string Key, string Fix)> conflicts, bool condition, string key, string fix)
    {
        if (condition)
        {
            conflicts.Add((key, fix));
        }
    }

    private static void CheckUpstreamProviders(DoctorConfiguration configuration, List<Finding> findings)
    {
        var providers = configuration.MasWiring.Providers;
        foreach (var client in configuration.SynapseWiring.OidcClients)
        {
            var provider = providers.FirstOrDefault(entry => string.Equals(entry.SynapseIdpId, client.IdpId, StringComparison.Ordinal));
            if (provider is null)
            {
                var sameIssuer = providers.FirstOrDefault(entry => client.Issuer is not null && WiringUrl.SameUrl(entry.Issuer, client.Issuer));
                findings.Add(FindingCatalog.UpstreamProviderUnlinked.Report(
                    $"Synapse's OIDC provider `{client.IdpId}` ({client.Issuer ?? "no issuer"}) has no MAS upstream provider with `synapse_idp_id: {client.IdpId}`, "
                    + "so the migration cannot link its users unless --upstream-provider-mapping names one"
                    + (sameIssuer is null ? "" : $"; MAS's provider {sameIssuer.Id} has the same issuer: add `synapse_idp_id: {client.IdpId}` to it")));
                continue;
            }

            if (client.Issuer is not null && provider.Issuer is not null && !WiringUrl.SameUrl(client.Issuer, provider.Issuer))
            {
                findings.Add(FindingCatalog.UpstreamProviderIssuerMismatch.Report(
                    $"Synapse's OIDC provider `{client.IdpId}` has issuer {client.Issuer} but MAS's provider {provider.Id} (`synapse_idp_id: {client.IdpId}`) has {provider.Issuer}: "
                    + "the migrated users' subjects come from the first, so they could not log in through the second; use the same issuer"));
            }

            if (client.ClientId is not null && provider.ClientId is not null && !string.Equals(client.ClientId, provider.ClientId, StringComparison.Ordinal))
            {
                findings.Add(FindingCatalog.UpstreamProviderClientMismatch.Report(
                    $"Synapse's OIDC provider `{client.IdpId}` logs in as client `{client.ClientId}` but MAS's provider {provider.Id} as `{provider.ClientId}`: "
                    + "fine if the provider gives both clients the same subjects; if it gives each client its own (pairwise subjects), migrated users would not be recognised, so use the same client"));
            }
        }
    }

    private static void CheckMasSecrets(MasWiringConfig mas, List<Finding> findings)
    {
        var secrets = mas.Secrets;
        if (!secrets.Present)
        {
            findings.Add(FindingCatalog.MasSecretsMissing.Report(
                "MAS's config has no `secrets` section: MAS refuses to start without an encryption key and signing keys; generate them with `mas-cli config generate` and copy the `secrets` section"));
        }
        else
        {
            if (secrets.Encryption is null)
            {
                findings.Add(FindingCatalog.MasSecretsMissing.Report(
                    "MAS's `secrets` has neither `encryption` nor `encryption_file`: MAS refuses to start; set a 32-byte key written as 64 hex digits (`openssl rand -hex 32`)"));
            }
            else if (!secrets.EncryptionValid)
            {
                findings.Add(FindingCatalog.MasSecretsMissing.Report(
                    "MAS's `secrets.encryption` is not 64 hex digits (a 32-byte key): MAS refuses to start; generate one with `openssl rand -hex 32`"));
            }

            if (secrets.KeyCount == 0 && secrets.KeysDir is null)
            {
                findings.Add(FindingCatalog.MasSecretsMissing.Report(
                    "MAS's `secrets` has no signing key (`keys` or `keys_dir`): MAS cannot sign tokens; generate keys with `mas-cli config generate`"));
            }
        }

        foreach (var (client, index) in mas.Clients.Select((client, index) => (client, index)))
        {
            if (!UlidUuid.IsValidUlid(client.ClientId))
            {
                findings.Add(FindingCatalog.MasClientIdInvalid.Report(
                    $"MAS's `clients[{index}].client_id` ({(client.ClientId.Length == 0 ? "empty" : client.ClientId)}) is not a ULID, so MAS refuses to start: "
                    + "use 26 characters of Crockford base32 (digits and letters other than I, L, O, U) starting with 0 to 7, such as 0000000000000000000SYNAPSE"));
            }
        }
    }
}
