using System.Reflection;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// Every finding code the advisor can report: the one place they are defined. Codes are part of the
/// tool's interface (scripts match on them, <c>--allow-warnings</c> names them), so they never change
/// meaning; the README lists them from here.
/// </summary>
internal static class FindingCatalog
{
    // Configuration (behaviour.md "Checks", errors and warnings about homeserver.yaml and MAS's config).
    public static readonly FindingCode PasswordSchemeMissing = new("password-scheme-missing", Severity.Error,
        "MAS passwords are enabled but MAS has no password scheme version 1 to verify the imported Synapse hashes");
    public static readonly FindingCode PasswordSchemeNotBcrypt = new("password-scheme-not-bcrypt", Severity.Error,
        "MAS password scheme version 1 is not bcrypt (MAS's default, without `schemes`, is argon2id), so Synapse's bcrypt hashes would not verify");
    public static readonly FindingCode PasswordPepperMismatch = new("password-pepper-mismatch", Severity.Error,
        "the secret of MAS password scheme 1 differs from Synapse's `password_config.pepper`");
    public static readonly FindingCode PasswordUnicodeNormalizationOff = new("password-unicode-normalization-off", Severity.Warning,
        "MAS password scheme 1 lacks `unicode_normalization: true`, which Synapse applies: non-ASCII passwords would stop working");
    public static readonly FindingCode MasPasswordsDisabled = new("mas-passwords-disabled", Severity.Warning,
        "MAS has `passwords.enabled: false`: migrated password hashes are kept but cannot be used to log in");
    public static readonly FindingCode GuestAccessEnabled = new("guest-access-enabled", Severity.Error,
        "Synapse has `allow_guest_access: true`; MAS does not support guests");
    public static readonly FindingCode ThreepidChangesEnabled = new("threepid-changes-enabled", Severity.Error,
        "Synapse has `enable_3pid_changes: true`; with MAS, emails are managed by MAS");
    public static readonly FindingCode LoginViaExistingSessionEnabled = new("login-via-existing-session-enabled", Severity.Error,
        "Synapse has `login_via_existing_session.enabled: true`, which MAS does not support");
    public static readonly FindingCode ServerNameMismatch = new("server-name-mismatch", Severity.Error,
        "MAS `matrix.homeserver` is not Synapse's `server_name`");
    public static readonly FindingCode RegistrationEnabled = new("registration-enabled", Severity.Warning,
        "Synapse has registration enabled; disable it while migrating and configure registration in MAS");
    public static readonly FindingCode UserConsentEnabled = new("user-consent-enabled", Severity.Warning,
        "Synapse asks users to accept terms (`user_consent`) and MAS has no `branding.tos_uri`");
    public static readonly FindingCode RegistrationCaptchaWithoutMasCaptcha = new("registration-captcha-without-mas-captcha", Severity.Warning,
        "Synapse protects registration with a CAPTCHA and MAS has no `captcha.service`");
    public static readonly FindingCode CasEnabled = new("cas-enabled", Severity.Warning,
        "Synapse uses CAS login, which MAS does not provide");
    public static readonly FindingCode Saml2Enabled = new("saml2-enabled", Severity.Warning,
        "Synapse uses SAML2 login, which MAS does not provide");
    public static readonly FindingCode JwtEnabled = new("jwt-enabled", Severity.Warning,
        "Synapse uses JWT login, which MAS does not provide");
    public static readonly FindingCode CustomPasswordProvider = new("custom-password-provider", Severity.Warning,
        "Synapse checks passwords with a custom provider module (`localdb_enabled: false`); MAS will not call it");
    public static readonly FindingCode Msc3861Enabled = new("msc3861-enabled", Severity.Warning,
        "Synapse already has `experimental_features.msc3861` enabled: it may already delegate to a MAS");

    // Upstream identity providers (behaviour.md "Upstream provider mapping").
    public static readonly FindingCode AuthProviderUsage = new("auth-provider-usage", Severity.Note,
        "how many users are linked to each Synapse auth_provider, and the MAS provider they map to; only links that migrate are counted (not those of appservice users or orphans)");
    public static readonly FindingCode AuthProviderUnknown = new("auth-provider-unknown", Severity.Error,
        "users are linked to an auth_provider that is neither in Synapse's configuration nor mapped to a MAS provider");
    public static readonly FindingCode AuthProviderUnmapped = new("auth-provider-unmapped", Severity.Error,
        "a Synapse identity provider with linked users has no MAS provider mapped to it (`synapse_idp_id` or --upstream-provider-mapping)");
    public static readonly FindingCode OauthDelegatedLeftovers = new("oauth-delegated-leftovers", Severity.Error,
        "user_external_ids has `oauth-delegated` rows left by an earlier MAS attempt; the message gives the DELETE to run");
    public static readonly FindingCode MasProviderMissing = new("mas-provider-missing", Severity.Error,
        "a mapped MAS provider id is not in MAS's `upstream_oauth_providers` (run `mas-cli config sync`)");
    public static readonly FindingCode MasProviderDisabled = new("mas-provider-disabled", Severity.Error,
        "a mapped MAS provider is disabled (`disabled_at` is set)");
    public static readonly FindingCode ProviderSubjectConflict = new("provider-subject-conflict", Severity.Error,
        "two Synapse auth_providers map to one MAS provider and share a subject, which breaks `upstream_oauth_links_subject_unique`");

    // Synapse data (behaviour.md "How rows are mapped" and the beyond checks).
    public static readonly FindingCode UserIdWrongServer = new("user-id-wrong-server", Severity.Error,
        "user ids whose server part is not `server_name` (skippable with --skip-invalid-users)");
    public static readonly FindingCode UserIdMalformed = new("user-id-malformed", Severity.Error,
        "user ids that are not `@localpart:server`, NULL included (skippable with --skip-invalid-users)");
    public static readonly FindingCode CreationTimeMissing = new("creation-time-missing", Severity.Warning,
        "users with no `creation_ts`: they get the migration's start time");
    public static readonly FindingCode OrphanRows = new("orphan-rows", Severity.Error,
        "rows of a dependent table whose user is not in `users`, one finding per table (skippable with --skip-orphans)");
    public static readonly FindingCode NulCharacters = new("nul-characters", Severity.Error,
        "text with a NUL character, which PostgreSQL cannot store, one finding per column (skippable with --skip-invalid-users)");
    public static readonly FindingCode InvalidUtf8 = new("invalid-utf8", Severity.Error,
        "text that is not valid UTF-8 (SQLite only) in a column the migration reads, one finding per column, with escaped examples (skippable with --skip-invalid-users)");
    public static readonly FindingCode NotANumber = new("not-a-number", Severity.Error,
        "text, a blob or a fraction (SQLite only) in a number column the migration reads, one finding per column (skippable with --skip-invalid-users)");
    public static readonly FindingCode NotABoolean = new("not-a-boolean", Severity.Error,
        "text, a blob or a fraction (SQLite only) in a boolean column the migration reads (admin, guest, deactivated, locked, hidden, used), one finding per column; correct it in Synapse first");
    public static readonly FindingCode ImplausibleTimes = new("implausible-times", Severity.Warning,
        "times that cannot be right (at or before the epoch, before 1973, in the future, seconds and milliseconds mixed up), one finding per column, with the likely reading; migrated as missing");
    public static readonly FindingCode TokensRefusedBySynapse = new("tokens-refused-by-synapse", Severity.Note,
        "refresh and access tokens Synapse would refuse (successor used or refreshed, expired, session lifetime over), by reason: they are not migrated");
    public static readonly FindingCode SessionLifetimeNotCarried = new("session-lifetime-not-carried", Severity.Warning,
        "refresh tokens whose session has a future `ultimate_session_expiry_ts`: MAS has no such bound, so these sessions will not end by themselves");
    public static readonly FindingCode OrphansMatchInCase = new("orphans-match-in-case", Severity.Note,
        "orphan rows whose user id matches a user only when case is ignored (`@Bob` rows, `@bob` in users), naming that user; Synapse never attached them, neither does the migration");
    public static readonly FindingCode UsernamesDifferInCase = new("usernames-differ-in-case", Severity.Warning,
        "users whose ids differ only in case: MAS logs them in by exact username, where Synapse's password login ignored case");
    public static readonly FindingCode EmailsDifferInCase = new("emails-differ-in-case", Severity.Warning,
        "one email address, ignoring case, on several users or twice on one user: MAS looks emails up ignoring case");
    public static readonly FindingCode EmailsMalformed = new("emails-malformed", Severity.Warning,
        "email addresses with surrounding whitespace or that are not an address (no `@` between two parts): migrated unchanged, unusable in MAS");
    public static readonly FindingCode AppserviceUnknown = new("appservice-unknown", Severity.Note,
        "users of an `appservice_id` that no file of `app_service_config_files` declares, or such a file that cannot be read (they are skipped like every appservice user)");
    public static readonly FindingCode AppserviceLocalpartWithColon = new("appservice-localpart-with-colon", Severity.Warning,
        "application service users whose localpart contains `:`; they are skipped like every appservice user");
    public static readonly FindingCode TokensOnHiddenDevices = new("tokens-on-hidden-devices", Severity.Note,
        "access tokens on hidden devices: their sessions are migrated so that no token points at a missing session");
    public static readonly FindingCode DeviceIpUnparsable = new("device-ip-unparsable", Severity.Warning,
        "device IPs that are neither IPv4 nor IPv6 (other than `-` and empty): migrated as NULL");
    public static readonly FindingCode GuestUsers = new("guest-users", Severity.Warning,
        "guest users: migrated as guests, without their devices and tokens");
    public static readonly FindingCode NonEmailThreepids = new("non-email-threepids", Severity.Warning,
        "third-party ids other than email (phone numbers): kept as unsupported third-party ids, unusable in MAS");
    public static readonly FindingCode UsersWithoutEmail = new("users-without-email", Severity.Warning,
        "active users without any email address: they cannot recover a lost password in MAS");
    public static readonly FindingCode UsersPendingDeactivation = new("users-pending-deactivation", Severity.Warning,
        "users whose deactivation Synapse has not finished (`users_pending_deactivation`)");
    public static readonly FindingCode UsersErased = new("users-erased", Severity.Warning,
        "users erased under GDPR (`erased_users`)");

    // The databases themselves.
    public static readonly FindingCode SynapseNotSynapseDatabase = new("synapse-not-a-synapse-database", Severity.Error,
        "the Synapse database has no `schema_version` table or lacks a table the migration reads");
    public static readonly FindingCode SynapseSchemaTooOld = new("synapse-schema-too-old", Severity.Error,
        "the Synapse schema is older than 59 (Synapse 1.38); upgrade Synapse first");
    public static readonly FindingCode SynapseColumnUnreadable = new("synapse-column-unreadable", Severity.Error,
        "a column the migration reads is missing from Synapse's database or has a type it cannot be read as, one finding per column");
    public static readonly FindingCode SynapseSqliteImmutable = new("synapse-sqlite-immutable", Severity.Warning,
        "Synapse's SQLite file is in a read-only folder and was opened immutable, which is only consistent while Synapse is stopped");
    public static readonly FindingCode SynapseRunning = new("synapse-running", Severity.Warning,
        "other sessions (PostgreSQL) or processes (SQLite) have Synapse's database open; an error for a real `migrate` unless --allow-running-synapse");
    public static readonly FindingCode SynapseSchema = new("synapse-schema", Severity.Note,
        "the Synapse schema version and which optional columns it has");
    public static readonly FindingCode MasNotMasDatabase = new("mas-not-a-mas-database", Severity.Error,
        "the MAS database has no `_sqlx_migrations` table or lacks a table the migration writes");
    public static readonly FindingCode MasSchemaTooOld = new("mas-schema-too-old", Severity.Error,
        "the MAS schema is older than MAS 0.15; upgrade MAS and run `mas-cli database migrate`");
    public static readonly FindingCode MasSchemaNewer = new("mas-schema-newer", Severity.Warning,
        "the MAS schema is newer than this tool knows; every column it writes is present, so it goes on");
    public static readonly FindingCode MasSchemaMissingColumn = new("mas-schema-missing-column", Severity.Error,
        "a column the migration writes is missing, has another type, or is NOT NULL where the migration writes NULL in the MAS database");
    public static readonly FindingCode MasSchemaUnknownRequiredColumn = new("mas-schema-unknown-required-column", Severity.Error,
        "a table the migration writes has a NOT NULL column without a default that this tool does not know, so its rows could not be inserted");
    public static readonly FindingCode MasInsufficientRights = new("mas-insufficient-rights", Severity.Error,
        "the MAS database role does not own a table whose indexes and constraints the migration drops and recreates, or lacks a privilege it needs on one");
    public static readonly FindingCode MasTablesNotEmpty = new("mas-tables-not-empty", Severity.Error,
        "MAS tables the migration writes already hold rows; migrate into a blank MAS database");
    public static readonly FindingCode MasMigrationInProgress = new("mas-migration-in-progress", Severity.Error,
        "another migration holds the MAS database's migration lock");
    public static readonly FindingCode MasNotChecked = new("mas-not-checked", Severity.Note,
        "no MAS configuration or database was given, so MAS and the provider mapping were not checked");

    // verify: what MAS holds against what the rules give from Synapse, one finding per MAS table and kind.
    public static readonly FindingCode VerifyMissingInMas = new("verify-missing-in-mas", Severity.Error,
        "(verify) rows the migration rules give from Synapse that MAS does not hold");
    public static readonly FindingCode VerifyUnexpectedInMas = new("verify-unexpected-in-mas", Severity.Error,
        "(verify) rows MAS holds that the migration rules do not give from Synapse");
    public static readonly FindingCode VerifyDifferent = new("verify-different", Severity.Error,
        "(verify) rows both sides hold under the same natural key, with different values in the columns named");
    public static readonly FindingCode VerifySynapseChanged = new("verify-synapse-changed", Severity.Error,
        "(verify) sessions or tokens missing in MAS that Synapse created after MAS's newest migrated one: Synapse ran after the migration");
    // The wiring between Synapse and MAS (`doctor`), from both configuration files.
    public static readonly FindingCode DelegationBothSections = new("delegation-both-sections", Severity.Error,
        "Synapse has both `matrix_authentication_service` and `experimental_features.msc3861`; Synapse refuses to start with both");
    public static readonly FindingCode DelegationMissing = new("delegation-missing", Severity.Error,
        "Synapse does not delegate to MAS (a note before the switch, with the section to add; an error after it)");
    public static readonly FindingCode DelegationMsc3861 = new("delegation-msc3861", Severity.Warning,
        "Synapse delegates through `experimental_features.msc3861`, which Synapse 1.157 removed; use `matrix_authentication_service` (Synapse 1.136 or later)");
    public static readonly FindingCode SharedSecretMissing = new("shared-secret-missing", Severity.Error,
        "the secret MAS calls Synapse with is missing on one side (`matrix.secret`, Synapse's `secret`/`secret_path` or msc3861 `admin_token`)");
    public static readonly FindingCode SharedSecretMismatch = new("shared-secret-mismatch", Severity.Error,
        "Synapse's MAS secret (or msc3861 `admin_token`) differs from MAS's `matrix.secret`: MAS's calls to Synapse are refused");
    public static readonly FindingCode SecretNotCompared = new("secret-not-compared", Severity.Note,
        "a secret file cannot be read on this machine (often a path inside a container), so that secret was not compared");
    public static readonly FindingCode Msc3861ClientMissing = new("msc3861-client-missing", Severity.Error,
        "msc3861 `client_id` is not set or is not a client in MAS's `clients`");
    public static readonly FindingCode Msc3861ClientMismatch = new("msc3861-client-mismatch", Severity.Error,
        "the MAS client Synapse uses has another `client_auth_method` or `client_secret` than msc3861's");
    public static readonly FindingCode Msc3861IssuerMismatch = new("msc3861-issuer-mismatch", Severity.Error,
        "msc3861 `issuer` is not MAS's issuer (`http.issuer`, else `http.public_base`)");
    public static readonly FindingCode EndpointNotSet = new("endpoint-not-set", Severity.Warning,
        "MAS's `matrix.endpoint` or Synapse's MAS `endpoint` is not set, so a localhost default is used");
    public static readonly FindingCode EndpointInvalid = new("endpoint-invalid", Severity.Error,
        "MAS's `matrix.endpoint` or Synapse's MAS `endpoint` is not an absolute http(s) URL");
    public static readonly FindingCode EndpointThroughPublicUrl = new("endpoint-through-public-url", Severity.Warning,
        "one side reaches the other through its public URL although they run side by side on a private network");
    public static readonly FindingCode MasPublicBaseMissing = new("mas-public-base-missing", Severity.Error,
        "MAS's `http.public_base` is not set or is not an absolute http(s) URL");
    public static readonly FindingCode MasUrlNotHttps = new("mas-url-not-https", Severity.Warning,
        "MAS's `http.public_base` or `http.issuer` is plain http: clients refuse plain-http issuers");
    public static readonly FindingCode MasIssuerDiffers = new("mas-issuer-differs", Severity.Warning,
        "MAS's `http.issuer` differs from `http.public_base`, so discovery under the issuer needs a proxy rule");
    public static readonly FindingCode DelegationConflictingSetting = new("delegation-conflicting-setting", Severity.Error,
        "a Synapse setting that Synapse refuses while it delegates to MAS (a note before the switch)");
    public static readonly FindingCode UpstreamProviderUnlinked = new("upstream-provider-unlinked", Severity.Warning,
        "a Synapse OIDC provider has no MAS upstream provider with its `synapse_idp_id`");
    public static readonly FindingCode UpstreamProviderIssuerMismatch = new("upstream-provider-issuer-mismatch", Severity.Error,
        "a Synapse OIDC provider and the MAS provider that takes it over have different issuers");
    public static readonly FindingCode UpstreamProviderClientMismatch = new("upstream-provider-client-mismatch", Severity.Warning,
        "a Synapse OIDC provider and the MAS provider that takes it over use different client ids");
    public static readonly FindingCode MasSecretsMissing = new("mas-secrets-missing", Severity.Error,
        "MAS's `secrets` lacks a valid encryption key or any signing key");
    public static readonly FindingCode MasClientIdInvalid = new("mas-client-id-invalid", Severity.Error,
        "a `client_id` in MAS's `clients` is not a ULID");

    // The wiring between Synapse and MAS (`doctor --live`), over the network.
    public static readonly FindingCode LiveMasDiscovery = new("live-mas-discovery", Severity.Error,
        "MAS's discovery document under its issuer does not answer, or names another issuer");
    public static readonly FindingCode LiveSynapseVersions = new("live-synapse-versions", Severity.Error,
        "Synapse does not answer `/_matrix/client/versions` at its `public_baseurl`");
    public static readonly FindingCode LiveSynapseAuthMetadata = new("live-synapse-auth-metadata", Severity.Error,
        "Synapse's auth metadata (stable or MSC2965) does not answer, or does not name MAS's issuer");
    public static readonly FindingCode LiveWellKnownClient = new("live-well-known-client", Severity.Warning,
        "`https://<server_name>/.well-known/matrix/client` does not answer (a warning) or names another homeserver (an error)");
    public static readonly FindingCode LiveMasToSynapse = new("live-mas-to-synapse", Severity.Error,
        "Synapse does not answer at MAS's `matrix.endpoint`");
    public static readonly FindingCode LiveSynapseToMas = new("live-synapse-to-mas", Severity.Error,
        "MAS does not answer at the address Synapse is configured to reach it at, or names another issuer");

    private static readonly Lazy<IReadOnlyList<FindingCode>> LazyAll = new(() => typeof(FindingCatalog)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.FieldType == typeof(FindingCode))
        .Select(field => (FindingCode)field.GetValue(null)!)
        .ToList());

    /// <summary>Every code, in declaration order.</summary>
    public static IReadOnlyList<FindingCode> All => LazyAll.Value;

    public static FindingCode? Find(string code) => All.FirstOrDefault(entry => entry.Code == code);
}
