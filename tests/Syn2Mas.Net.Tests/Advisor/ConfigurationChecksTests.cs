using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Advisor;

public sealed class ConfigurationChecksTests
{
    private const string Pepper = "pepper-7f3a9c-secret";
    private const string OtherSecret = "scheme-secret-41d2e8";
    private const string DatabasePassword = "db-password-90b1c4";

    private static readonly MasPasswordScheme GoodScheme = new(Version: 1, Algorithm: "bcrypt", Cost: 12, Secret: Pepper, UnicodeNormalization: true);

    private static readonly SynapseConfig GoodSynapse = new()
    {
        ServerName = "example.com",
        Database = new SynapseSqliteDatabase("/var/lib/synapse/homeserver.db"),
        PasswordConfig = new SynapsePasswordConfig(Enabled: true, LocalDbEnabled: true, Pepper: Pepper),
    };

    private static readonly MasConfig GoodMas = new()
    {
        Database = new PostgresConnectionSettings { Host = "localhost", Database = "mas", Username = "mas", Password = DatabasePassword },
        MatrixHomeserver = "example.com",
        Passwords = new MasPasswordsConfig(Enabled: true, [GoodScheme, new MasPasswordScheme(2, "argon2id", null, null, false)], SchemesConfigured: true),
        BrandingTosUri = "https://example.com/terms",
    };

    /// <summary>The codes of the checks that read Synapse's configuration alone.</summary>
    private static readonly string[] SynapseOnlyCodes =
    [
        "guest-access-enabled",
        "threepid-changes-enabled",
        "login-via-existing-session-enabled",
        "registration-enabled",
        "cas-enabled",
        "saml2-enabled",
        "jwt-enabled",
        "custom-password-provider",
        "msc3861-enabled",
    ];

    public static TheoryData<string> SynapseSettings => new(SynapseOnlyCodes);

    [Fact]
    public void A_good_pair_of_configurations_has_no_finding()
    {
        Assert.Empty(ConfigurationChecks.Run(GoodSynapse, GoodMas, usersWithPasswords: 10));
    }

    [Fact]
    public void The_fixture_configurations_have_no_finding()
    {
        var synapse = SynapseConfigLoader.Load([RepoPaths.Fixture("config", "homeserver.postgres.yaml")]);
        var mas = MasConfigLoader.Load([RepoPaths.Fixture("config", "mas.yaml")]);

        Assert.Empty(ConfigurationChecks.Run(synapse, mas, usersWithPasswords: 3));
    }

    [Theory]
    [MemberData(nameof(SynapseSettings))]
    public void A_synapse_setting_is_reported_with_its_code_and_catalog_severity(string code)
    {
        var synapse = WithSetting(GoodSynapse, code);

        var finding = Assert.Single(ConfigurationChecks.Run(synapse, GoodMas, usersWithPasswords: 10));

        Assert.Equal(code, finding.Code);
        Assert.Equal(FindingCatalog.Find(code)!.Severity, finding.Severity);
        AssertOneLine(finding);
    }

    [Theory]
    [MemberData(nameof(SynapseSettings))]
    public void A_synapse_setting_is_reported_without_a_mas_configuration_too(string code)
    {
        var finding = Assert.Single(ConfigurationChecks.Run(WithSetting(GoodSynapse, code), mas: null, usersWithPasswords: 10));

        Assert.Equal(code, finding.Code);
    }

    [Fact]
    public void Guest_access_and_threepid_changes_and_login_via_existing_session_are_errors_the_rest_warnings()
    {
        var errors = SynapseOnlyCodes
            .Where(code => FindingCatalog.Find(code)!.Severity == Severity.Error)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["guest-access-enabled", "login-via-existing-session-enabled", "threepid-changes-enabled"], errors);
    }

    [Fact]
    public void Password_login_off_in_synapse_is_no_custom_provider()
    {
        var synapse = GoodSynapse with { PasswordConfig = GoodSynapse.PasswordConfig with { Enabled = false, LocalDbEnabled = false } };

        Assert.DoesNotContain(ConfigurationChecks.Run(synapse, GoodMas, 10), finding => finding.Code == "custom-password-provider");
    }

    [Fact]
    public void Without_mas_configuration_no_mas_dependent_check_runs()
    {
        var synapse = GoodSynapse with { UserConsentConfigured = true, EnableRegistrationCaptcha = true, ServerName = "other.example" };

        var findings = ConfigurationChecks.Run(synapse, mas: null, usersWithPasswords: 10);

        Assert.Empty(findings);
    }

    [Fact]
    public void Mas_default_schemes_are_argon2id_and_so_not_bcrypt()
    {
        var mas = GoodMas with { Passwords = MasPasswordsConfig.Default };
        var synapse = GoodSynapse with { PasswordConfig = GoodSynapse.PasswordConfig with { Pepper = null } };

        var finding = Assert.Single(ConfigurationChecks.Run(synapse, mas, usersWithPasswords: 10));

        Assert.Equal("password-scheme-not-bcrypt", finding.Code);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("no `passwords.schemes`", finding.Message, StringComparison.Ordinal);
        Assert.Contains("argon2id", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mas_default_schemes_with_a_synapse_pepper_also_miss_the_pepper()
    {
        var mas = GoodMas with { Passwords = MasPasswordsConfig.Default };

        var codes = ConfigurationChecks.Run(GoodSynapse, mas, usersWithPasswords: 10).Select(finding => finding.Code);

        Assert.Equal(["password-scheme-not-bcrypt", "password-pepper-mismatch"], codes);
    }

    [Fact]
    public void A_configured_scheme_1_that_is_not_bcrypt_is_named()
    {
        var mas = GoodMas with { Passwords = GoodMas.Passwords with { Schemes = [GoodScheme with { Algorithm = "argon2id" }] } };

        var finding = Assert.Single(ConfigurationChecks.Run(GoodSynapse, mas, usersWithPasswords: 10));

        Assert.Equal("password-scheme-not-bcrypt", finding.Code);
        Assert.Contains("`algorithm: argon2id`", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schemes_without_version_1_are_a_missing_scheme_and_nothing_else()
    {
        var mas = GoodMas with { Passwords = GoodMas.Passwords with { Schemes = [GoodScheme with { Version = 2, Secret = null, UnicodeNormalization = false }] } };

        var finding = Assert.Single(ConfigurationChecks.Run(GoodSynapse, mas, usersWithPasswords: 10));

        Assert.Equal("password-scheme-missing", finding.Code);
        Assert.Equal(Severity.Error, finding.Severity);
    }

    [Theory]
    [InlineData(OtherSecret, Pepper)]
    [InlineData(null, Pepper)]
    [InlineData(OtherSecret, null)]
    [InlineData("pepper-7f3a9c-SECRET", Pepper)]
    public void A_scheme_secret_that_is_not_exactly_the_pepper_is_an_error(string? secret, string? pepper)
    {
        var synapse = GoodSynapse with { PasswordConfig = GoodSynapse.PasswordConfig with { Pepper = pepper } };
        var mas = GoodMas with { Passwords = GoodMas.Passwords with { Schemes = [GoodScheme with { Secret = secret }] } };

        var finding = Assert.Single(ConfigurationChecks.Run(synapse, mas, usersWithPasswords: 10));

        Assert.Equal("password-pepper-mismatch", finding.Code);
        Assert.Equal(Severity.Error, finding.Severity);
    }

    [Fact]
    public void No_pepper_and_no_secret_match()
    {
        var synapse = GoodSynapse with { PasswordConfig = GoodSynapse.PasswordConfig with { Pepper = null } };
        var mas = GoodMas with { Passwords = GoodMas.Passwords with { Schemes = [GoodScheme with { Secret = null }] } };

        Assert.Empty(ConfigurationChecks.Run(synapse, mas, usersWithPasswords: 10));
    }

    [Fact]
    public void Bcrypt_without_unicode_normalization_is_a_warning()
    {
        var mas = GoodMas with { Passwords = GoodMas.Passwords with { Schemes = [GoodScheme with { UnicodeNormalization = false }] } };

        var finding = Assert.Single(ConfigurationChecks.Run(GoodSynapse, mas, usersWithPasswords: 10));

        Assert.Equal("password-unicode-normalization-off", finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
    }

    [Fact]
    public void Mas_passwords_disabled_is_a_warning_counting_the_users_with_passwords_instead_of_scheme_errors()
    {
        // The default argon2id scheme and a missing pepper would be errors were passwords on.
        var mas = GoodMas with { Passwords = MasPasswordsConfig.Default with { Enabled = false } };

        var finding = Assert.Single(ConfigurationChecks.Run(GoodSynapse, mas, usersWithPasswords: 42));

        Assert.Equal("mas-passwords-disabled", finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(42, finding.Count);
        Assert.Contains("42 users", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mas_passwords_disabled_with_no_user_having_a_password_is_only_a_note()
    {
        var mas = GoodMas with { Passwords = GoodMas.Passwords with { Enabled = false } };

        var finding = Assert.Single(ConfigurationChecks.Run(GoodSynapse, mas, usersWithPasswords: 0));

        Assert.Equal("mas-passwords-disabled", finding.Code);
        Assert.Equal(Severity.Note, finding.Severity);
    }

    [Theory]
    [InlineData("matrix.example.com")]
    [InlineData("Example.com")]
    [InlineData(null)]
    public void A_mas_homeserver_other_than_the_server_name_is_an_error(string? homeserver)
    {
        var finding = Assert.Single(ConfigurationChecks.Run(GoodSynapse, GoodMas with { MatrixHomeserver = homeserver }, usersWithPasswords: 10));

        Assert.Equal("server-name-mismatch", finding.Code);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("example.com", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void User_consent_without_mas_terms_is_a_warning()
    {
        var finding = Assert.Single(ConfigurationChecks.Run(
            GoodSynapse with { UserConsentConfigured = true }, GoodMas with { BrandingTosUri = null }, usersWithPasswords: 10));

        Assert.Equal("user-consent-enabled", finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
    }

    [Fact]
    public void User_consent_with_mas_terms_is_a_note_that_it_is_covered()
    {
        var finding = Assert.Single(ConfigurationChecks.Run(GoodSynapse with { UserConsentConfigured = true }, GoodMas, usersWithPasswords: 10));

        Assert.Equal("user-consent-enabled", finding.Code);
        Assert.Equal(Severity.Note, finding.Severity);
        Assert.Contains("branding.tos_uri", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registration_captcha_needs_a_mas_captcha()
    {
        var synapse = GoodSynapse with { EnableRegistrationCaptcha = true };

        var finding = Assert.Single(ConfigurationChecks.Run(synapse, GoodMas, usersWithPasswords: 10));
        Assert.Equal("registration-captcha-without-mas-captcha", finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);

        Assert.Empty(ConfigurationChecks.Run(synapse, GoodMas with { CaptchaService = "recaptcha_v2" }, usersWithPasswords: 10));
    }

    [Fact]
    public void Loaded_yaml_triggers_the_checks_as_the_records_do()
    {
        using var folder = new TempFolder();
        var synapsePath = folder.Write("homeserver.yaml", """
            server_name: example.org
            database:
              name: sqlite3
              args:
                database: homeserver.db
            allow_guest_access: true
            enable_registration: true
            user_consent:
              template_dir: res/templates/privacy
            cas_config:
              server_url: https://cas.example.com
            password_config:
              pepper: "pepper-7f3a9c-secret"
            """);
        var masPath = folder.Write("mas.yaml", """
            database:
              uri: "postgresql://mas:db-password-90b1c4@localhost/mas"
            matrix:
              homeserver: example.com
            """);

        var findings = ConfigurationChecks.Run(SynapseConfigLoader.Load([synapsePath]), MasConfigLoader.Load([masPath]), usersWithPasswords: 5);

        Assert.Equal(
            ["cas-enabled", "guest-access-enabled", "password-pepper-mismatch", "password-scheme-not-bcrypt", "registration-enabled", "server-name-mismatch", "user-consent-enabled"],
            findings.Select(finding => finding.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_finding_code_is_in_the_catalog_and_every_message_is_one_line_without_secrets()
    {
        var findings = new List<Finding>();
        foreach (var synapse in SecretHeavySynapseVariants())
        {
            foreach (var mas in SecretHeavyMasVariants())
            {
                findings.AddRange(ConfigurationChecks.Run(synapse, mas, usersWithPasswords: 7));
            }

            findings.AddRange(ConfigurationChecks.Run(synapse, mas: null, usersWithPasswords: 7));
        }

        // Every password and consent code was produced at least once, so the secrets had a chance to leak.
        string[] produced = ["password-pepper-mismatch", "password-scheme-not-bcrypt", "password-scheme-missing", "password-unicode-normalization-off", "mas-passwords-disabled"];
        Assert.All(produced, code => Assert.Contains(findings, finding => finding.Code == code));
        Assert.All(findings, finding =>
        {
            Assert.NotNull(FindingCatalog.Find(finding.Code));
            AssertOneLine(finding);
            foreach (var secret in new[] { Pepper, OtherSecret, DatabasePassword, "pepper-7f3a9c", "41d2e8" })
            {
                Assert.DoesNotContain(secret, finding.Message, StringComparison.OrdinalIgnoreCase);
                Assert.All(finding.Examples, example => Assert.DoesNotContain(secret, example, StringComparison.OrdinalIgnoreCase));
            }
        });
    }

    private static IEnumerable<SynapseConfig> SecretHeavySynapseVariants()
    {
        yield return GoodSynapse;
        yield return GoodSynapse with { PasswordConfig = GoodSynapse.PasswordConfig with { Pepper = null } };
        yield return GoodSynapse with
        {
            AllowGuestAccess = true, Enable3pidChanges = true, LoginViaExistingSessionEnabled = true, EnableRegistration = true,
            UserConsentConfigured = true, EnableRegistrationCaptcha = true, CasEnabled = true, Saml2Enabled = true, JwtEnabled = true,
            Msc3861Enabled = true, PasswordConfig = new SynapsePasswordConfig(Enabled: true, LocalDbEnabled: false, Pepper: Pepper),
        };
    }

    private static IEnumerable<MasConfig> SecretHeavyMasVariants()
    {
        yield return GoodMas;
        yield return GoodMas with { Passwords = GoodMas.Passwords with { Schemes = [GoodScheme with { Secret = OtherSecret, UnicodeNormalization = false }] } };
        yield return GoodMas with { Passwords = GoodMas.Passwords with { Schemes = [GoodScheme with { Algorithm = "pbkdf2", Secret = OtherSecret }] } };
        yield return GoodMas with { Passwords = GoodMas.Passwords with { Schemes = [GoodScheme with { Version = 3 }] } };
        yield return GoodMas with { Passwords = MasPasswordsConfig.Default };
        yield return GoodMas with { Passwords = GoodMas.Passwords with { Enabled = false } };
        yield return GoodMas with { MatrixHomeserver = null, BrandingTosUri = null };
    }

    private static SynapseConfig WithSetting(SynapseConfig synapse, string code) => code switch
    {
        "guest-access-enabled" => synapse with { AllowGuestAccess = true },
        "threepid-changes-enabled" => synapse with { Enable3pidChanges = true },
        "login-via-existing-session-enabled" => synapse with { LoginViaExistingSessionEnabled = true },
        "registration-enabled" => synapse with { EnableRegistration = true },
        "cas-enabled" => synapse with { CasEnabled = true },
        "saml2-enabled" => synapse with { Saml2Enabled = true },
        "jwt-enabled" => synapse with { JwtEnabled = true },
        "custom-password-provider" => synapse with { PasswordConfig = synapse.PasswordConfig with { LocalDbEnabled = false } },
        "msc3861-enabled" => synapse with { Msc3861Enabled = true },
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "no setting for this code"),
    };

    private static void AssertOneLine(Finding finding)
    {
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        Assert.DoesNotContain('\n', finding.Message);
        Assert.DoesNotContain('\r', finding.Message);
    }
}
