using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Reporting;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// The checks of docs/behaviour.md (rule: configuration-checks, rule: password-compatibility) that need only the two configurations: what in Synapse's
/// <c>homeserver.yaml</c> MAS cannot take over, and whether MAS's <c>config.yaml</c> can verify the
/// imported password hashes. No I/O, so every rule is tested with plain records.
/// </summary>
/// <remarks>
/// Messages name the setting and the file it lives in, and say what to do. They never quote the Synapse
/// pepper or a MAS scheme secret: only whether they are set and whether they match.
/// </remarks>
internal static class ConfigurationChecks
{
    private const string Bcrypt = "bcrypt";

    /// <param name="mas">MAS's configuration, or null when none was given: the checks that compare
    /// with MAS are then left out (the caller reports <see cref="FindingCatalog.MasNotChecked"/>).</param>
    /// <param name="usersWithPasswords">Users whose password hash would be migrated, for the
    /// <see cref="FindingCatalog.MasPasswordsDisabled"/> count.</param>
    public static IReadOnlyList<Finding> Run(SynapseConfig synapse, MasConfig? mas, long usersWithPasswords)
    {
        ArgumentNullException.ThrowIfNull(synapse);
        var findings = new List<Finding>();
        if (mas is not null)
        {
            CheckPasswords(synapse, mas, usersWithPasswords, findings);
        }

        CheckSynapseOnly(synapse, findings);
        if (mas is not null)
        {
            CheckAgainstMas(synapse, mas, findings);
        }

        CheckUnsupportedLogins(synapse, findings);
        return findings;
    }

    private static void CheckPasswords(SynapseConfig synapse, MasConfig mas, long usersWithPasswords, List<Finding> findings)
    {
        var passwords = mas.Passwords;
        if (!passwords.Enabled)
        {
            // Without MAS passwords the hashes are still copied (a later switch-on makes them usable),
            // so this only loses password login, which an OIDC-only setup does not want anyway.
            findings.Add(usersWithPasswords > 0
                ? FindingCatalog.MasPasswordsDisabled.Report(
                    $"MAS's config has `passwords.enabled: false`: the password hashes of {Quantity.Of(usersWithPasswords, "user", "users")} are migrated but cannot be used to log in; "
                    + "set `passwords.enabled: true` with a bcrypt scheme 1 if those users should keep logging in with their passwords",
                    usersWithPasswords)
                : FindingCatalog.MasPasswordsDisabled.Report(
                    Severity.Note,
                    "MAS's config has `passwords.enabled: false` and no Synapse user has a password, so no password login is lost",
                    usersWithPasswords));
            return;
        }

        CheckPasswordSchemes(synapse, mas, findings);
    }

    /// <summary>Whether MAS's enabled password schemes can verify Synapse's bcrypt hashes; <c>doctor</c> runs it too.</summary>
    internal static void CheckPasswordSchemes(SynapseConfig synapse, MasConfig mas, List<Finding> findings)
    {
        var passwords = mas.Passwords;
        var scheme = passwords.SchemeVersion(1);
        if (scheme is null)
        {
            findings.Add(FindingCatalog.PasswordSchemeMissing.Report(
                "MAS's config `passwords.schemes` has no `version: 1` entry to verify the migrated Synapse hashes; "
                + "add one with `algorithm: bcrypt`, `unicode_normalization: true` and `secret` set to Synapse's `password_config.pepper` (if any)"));
            return;
        }

        if (!string.Equals(scheme.Algorithm, Bcrypt, StringComparison.Ordinal))
        {
            findings.Add(FindingCatalog.PasswordSchemeNotBcrypt.Report(passwords.SchemesConfigured
                ? $"MAS's config `passwords.schemes` version 1 uses `algorithm: {scheme.Algorithm}`, but Synapse's hashes are bcrypt; "
                  + "make version 1 `algorithm: bcrypt` and give the current scheme a higher version"
                : "MAS's config has no `passwords.schemes`, so MAS uses its default single version 1 argon2id scheme, which cannot verify Synapse's bcrypt hashes; "
                  + "add `passwords.schemes` with version 1 `algorithm: bcrypt` (and version 2 argon2id for new passwords)"));
        }

        // Both null is a match: neither side peppers. The values themselves are secrets and stay out of the message.
        if (!string.Equals(scheme.Secret, synapse.PasswordConfig.Pepper, StringComparison.Ordinal))
        {
            findings.Add(FindingCatalog.PasswordPepperMismatch.Report(
                $"the `secret` of MAS's password scheme version 1 ({Describe(scheme.Secret)}) differs from Synapse's `password_config.pepper` in homeserver.yaml ({Describe(synapse.PasswordConfig.Pepper)}); "
                + "set scheme 1's `secret` (or `secret_file`) to exactly Synapse's pepper, or every migrated password will be rejected"));
        }

        if (string.Equals(scheme.Algorithm, Bcrypt, StringComparison.Ordinal) && !scheme.UnicodeNormalization)
        {
            findings.Add(FindingCatalog.PasswordUnicodeNormalizationOff.Report(
                "MAS's password scheme version 1 lacks `unicode_normalization: true`; Synapse normalises passwords (NFKC) before hashing, "
                + "so users with non-ASCII passwords could not log in: add `unicode_normalization: true` to scheme 1"));
        }
    }

    private static void CheckSynapseOnly(SynapseConfig synapse, List<Finding> findings)
    {
        if (synapse.AllowGuestAccess)
        {
            findings.Add(FindingCatalog.GuestAccessEnabled.Report(
                "Synapse's homeserver.yaml has `allow_guest_access: true`, which MAS does not support; set it to false before migrating"));
        }

        if (synapse.Enable3pidChanges)
        {
            findings.Add(FindingCatalog.ThreepidChangesEnabled.Report(
                "Synapse's homeserver.yaml has `enable_3pid_changes: true`; with MAS, email addresses are managed by MAS: set it to false before migrating"));
        }

        if (synapse.LoginViaExistingSessionEnabled)
        {
            findings.Add(FindingCatalog.LoginViaExistingSessionEnabled.Report(
                "Synapse's homeserver.yaml has `login_via_existing_session.enabled: true`, which MAS does not support; set it to false before migrating"));
        }

        if (synapse.EnableRegistration)
        {
            findings.Add(FindingCatalog.RegistrationEnabled.Report(
                "Synapse's homeserver.yaml has `enable_registration: true`; set it to false while migrating so no account is created meanwhile, "
                + "then configure registration in MAS (`account.password_registration_enabled`)"));
        }
    }

    private static void CheckAgainstMas(SynapseConfig synapse, MasConfig mas, List<Finding> findings)
    {
        CheckServerName(synapse, mas, findings);

        if (synapse.UserConsentConfigured)
        {
            findings.Add(string.IsNullOrEmpty(mas.BrandingTosUri)
                ? FindingCatalog.UserConsentEnabled.Report(
                    "Synapse's homeserver.yaml sets `user_consent` (users accept terms) and MAS's config has no `branding.tos_uri`; "
                    + "set `branding.tos_uri` to your terms so MAS asks new users to accept them")
                : FindingCatalog.UserConsentEnabled.Report(
                    Severity.Note,
                    "Synapse's homeserver.yaml sets `user_consent`; MAS's `branding.tos_uri` takes over asking users to accept the terms"));
        }

        if (synapse.EnableRegistrationCaptcha && string.IsNullOrEmpty(mas.CaptchaService))
        {
            findings.Add(FindingCatalog.RegistrationCaptchaWithoutMasCaptcha.Report(
                "Synapse's homeserver.yaml has `enable_registration_captcha: true` and MAS's config has no `captcha.service`; "
                + "configure `captcha` in MAS to keep registration protected"));
        }
    }

    /// <summary>MAS serves the server name Synapse has; <c>doctor</c> runs it too.</summary>
    internal static void CheckServerName(SynapseConfig synapse, MasConfig mas, List<Finding> findings)
    {
        if (!string.Equals(mas.MatrixHomeserver, synapse.ServerName, StringComparison.Ordinal))
        {
            findings.Add(FindingCatalog.ServerNameMismatch.Report(mas.MatrixHomeserver is null
                ? $"MAS's config sets no `matrix.homeserver`; set it to Synapse's `server_name` '{synapse.ServerName}'"
                : $"MAS's config has `matrix.homeserver: {mas.MatrixHomeserver}` but Synapse's homeserver.yaml has `server_name: {synapse.ServerName}`; "
                  + "set `matrix.homeserver` to the server name"));
        }
    }

    private static void CheckUnsupportedLogins(SynapseConfig synapse, List<Finding> findings)
    {
        if (synapse.CasEnabled)
        {
            findings.Add(FindingCatalog.CasEnabled.Report(
                "Synapse's homeserver.yaml enables CAS login (`cas_config`), which MAS does not provide; CAS users need another way to log in after the migration"));
        }

        if (synapse.Saml2Enabled)
        {
            findings.Add(FindingCatalog.Saml2Enabled.Report(
                "Synapse's homeserver.yaml enables SAML2 login (`saml2_config`), which MAS does not provide; SAML users need another way to log in after the migration"));
        }

        if (synapse.JwtEnabled)
        {
            findings.Add(FindingCatalog.JwtEnabled.Report(
                "Synapse's homeserver.yaml enables JWT login (`jwt_config.enabled`), which MAS does not provide; its users need another way to log in after the migration"));
        }

        if (synapse.UsesCustomPasswordProvider)
        {
            findings.Add(FindingCatalog.CustomPasswordProvider.Report(
                "Synapse's homeserver.yaml has `password_config.localdb_enabled: false`, so passwords are checked by a provider module (LDAP…) that MAS will not call; "
                + "set up the equivalent upstream provider in MAS"));
        }

        if (synapse.Msc3861Enabled)
        {
            findings.Add(FindingCatalog.Msc3861Enabled.Report(
                "Synapse's homeserver.yaml has `experimental_features.msc3861.enabled: true`: it may already delegate authentication to a MAS; "
                + "migrate only from a Synapse that still handles logins itself"));
        }
    }

    private static string Describe(string? secret) => secret is null ? "not set" : "set";
}
