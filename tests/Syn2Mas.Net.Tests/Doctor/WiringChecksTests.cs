using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Doctor;

namespace Syn2Mas.Net.Tests.Doctor;

/// <summary>
/// <c>doctor</c>'s offline checks on configuration pairs written for them: each finding fires on the pair
/// that has its problem and stays silent on the pair that is wired right, and no message holds a secret.
/// </summary>
public sealed class WiringChecksTests
{
    private const string Msc3861Mas = DoctorPair.Msc3861Clients;

    [Fact]
    public void A_pair_wired_through_the_stable_section_has_no_finding()
    {
        using var pair = new DoctorPair();

        Assert.Empty(pair.Check());
        Assert.Equal(DoctorStage.After, Stage(pair));
    }

    [Fact]
    public void Before_the_switch_the_only_finding_is_a_note_with_the_section_to_add_and_no_secret()
    {
        using var pair = new DoctorPair("matrix_authentication_service:");

        var finding = Assert.Single(pair.Check());

        Assert.Equal(DoctorStage.Before, Stage(pair));
        Assert.Equal(("delegation-missing", Severity.Note), (finding.Code, finding.Severity));
        Assert.Contains("`enabled: true`", finding.Message, StringComparison.Ordinal);
        Assert.Contains("`endpoint:` MAS's address on the private network", finding.Message, StringComparison.Ordinal);
        Assert.Contains("same value as MAS's `matrix.secret`", finding.Message, StringComparison.Ordinal);
        DoctorPair.AssertNoSecrets(finding.Message);
    }

    [Fact]
    public void Delegation_missing_after_the_switch_is_an_error_and_names_a_secret_file_by_path()
    {
        using var pair = new DoctorPair("matrix_authentication_service:\n  enabled: false", "matrix:\n  homeserver: example.test\n  endpoint: https://matrix.example.test/\n  secret_file: /run/secrets/mas_shared");

        var finding = Single(pair.Check(DoctorStage.After), "delegation-missing");

        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("`matrix_authentication_service.enabled` not set to true", finding.Message, StringComparison.Ordinal);
        Assert.Contains("`endpoint: https://auth.example.test/`", finding.Message, StringComparison.Ordinal);
        Assert.Contains("`secret_path: /run/secrets/mas_shared`", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_user_storys_msc3861_variant_is_a_warning_to_move_to_the_stable_section_and_otherwise_wired()
    {
        using var pair = new DoctorPair(DoctorPair.Msc3861Synapse, Msc3861Mas);

        var finding = Assert.Single(pair.Check());

        Assert.Equal(("delegation-msc3861", Severity.Warning), (finding.Code, finding.Severity));
        Assert.Contains("1.157", finding.Message, StringComparison.Ordinal);
        Assert.Equal(DoctorStage.After, Stage(pair));
    }

    [Fact]
    public void Both_sections_are_an_error()
    {
        using var pair = new DoctorPair(DoctorPair.Msc3861Synapse.Replace("matrix_authentication_service:\n", "", StringComparison.Ordinal), Msc3861Mas);

        var codes = Codes(pair.Check());

        Assert.Contains("delegation-both-sections", codes);
        Assert.DoesNotContain("delegation-msc3861", codes);
    }

    [Fact]
    public void A_user_story_issuer_that_is_not_mass_issuer_is_an_error_and_a_trailing_slash_is_no_difference()
    {
        using var wrong = new DoctorPair(DoctorPair.Msc3861Synapse.Replace("https://auth.example.test/", "http://matrix-mas:8080/", StringComparison.Ordinal), Msc3861Mas);
        using var noSlash = new DoctorPair(DoctorPair.Msc3861Synapse.Replace("https://auth.example.test/", "https://auth.example.test", StringComparison.Ordinal), Msc3861Mas);

        var finding = Single(wrong.Check(), "msc3861-issuer-mismatch");

        Assert.Contains("http://matrix-mas:8080/", finding.Message, StringComparison.Ordinal);
        Assert.Contains("https://auth.example.test/", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("msc3861-issuer-mismatch", Codes(noSlash.Check()));
    }

    [Fact]
    public void A_mas_issuer_that_differs_from_public_base_is_explained_with_the_discovery_url()
    {
        using var pair = new DoctorPair(masOverride: "http:\n  public_base: https://auth.example.test/\n  issuer: https://example.test/");

        var finding = Single(pair.Check(), "mas-issuer-differs");

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("https://example.test/.well-known/openid-configuration", finding.Message, StringComparison.Ordinal);
        Assert.Contains("remove `http.issuer`", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_issuer_equal_to_public_base_but_for_the_slash_is_silent()
    {
        using var pair = new DoctorPair(masOverride: "http:\n  public_base: https://auth.example.test/\n  issuer: https://auth.example.test");

        Assert.Empty(pair.Check());
    }

    [Theory]
    [InlineData("http:\n  public_base: http://auth.example.test/", "`http.public_base` is plain http")]
    [InlineData("http:\n  public_base: https://auth.example.test/\n  issuer: http://auth.example.test/", "`http.issuer` is plain http")]
    public void Plain_http_urls_for_mas_are_warnings(string masOverride, string expected)
    {
        using var pair = new DoctorPair(masOverride: masOverride);

        var finding = Single(pair.Check(), "mas-url-not-https");

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http:\n  trusted_proxies: []")]
    [InlineData("http:\n  public_base: auth.example.test")]
    public void A_missing_or_relative_public_base_is_an_error(string masOverride)
    {
        using var pair = new DoctorPair(masOverride: masOverride);

        Assert.Contains("mas-public-base-missing", Codes(pair.Check()));
    }

    [Fact]
    public void Mismatched_shared_secrets_are_an_error_that_names_the_keys_not_the_values()
    {
        using var pair = new DoctorPair(masOverride: "matrix:\n  homeserver: example.test\n  endpoint: http://synapse:8008/\n  secret: another-secret-0b7e");

        var finding = Single(pair.Check(), "shared-secret-mismatch");

        Assert.Contains("`matrix_authentication_service.secret`", finding.Message, StringComparison.Ordinal);
        Assert.Contains("`matrix.secret`", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("another-secret-0b7e", finding.Message, StringComparison.Ordinal);
        DoctorPair.AssertNoSecrets(finding.Message);
    }

    [Fact]
    public void A_secret_file_with_a_trailing_newline_matches_the_inline_secret_as_synapse_and_mas_strip_it()
    {
        using var pair = new DoctorPair();
        var file = pair.Write("shared_secret", DoctorPair.SharedSecret + "\n");
        using var withFile = new DoctorPair($"matrix_authentication_service:\n  enabled: true\n  endpoint: http://mas:8080/\n  secret_path: {file}");

        Assert.Empty(withFile.Check());
    }

    [Fact]
    public void An_admin_token_that_differs_from_the_mas_secret_is_an_error()
    {
        using var pair = new DoctorPair(DoctorPair.Msc3861Synapse.Replace($"admin_token: {DoctorPair.SharedSecret}", "admin_token: wrong-token-1", StringComparison.Ordinal), Msc3861Mas);

        var finding = Single(pair.Check(), "shared-secret-mismatch");

        Assert.Contains("`experimental_features.msc3861.admin_token`", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token-1", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("matrix_authentication_service:\n  enabled: true\n  endpoint: http://mas:8080/", "", "Synapse refuses to start")]
    [InlineData("", "matrix:\n  homeserver: example.test\n  endpoint: http://synapse:8008/", "MAS refuses to start")]
    public void A_missing_shared_secret_is_an_error(string synapseOverride, string masOverride, string expected)
    {
        using var pair = new DoctorPair(synapseOverride, masOverride);

        var finding = Single(pair.Check(), "shared-secret-missing");

        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_file_that_cannot_be_read_here_is_a_note_naming_its_path()
    {
        using var pair = new DoctorPair("matrix_authentication_service:\n  enabled: true\n  endpoint: http://mas:8080/\n  secret_path: /nonexistent/doctor/secret");

        var finding = Assert.Single(pair.Check());

        Assert.Equal(("secret-not-compared", Severity.Note), (finding.Code, finding.Severity));
        Assert.Contains("/nonexistent/doctor/secret", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_msc3861_client_id_missing_from_mas_clients_is_an_error()
    {
        using var pair = new DoctorPair(DoctorPair.Msc3861Synapse);

        var finding = Single(pair.Check(), "msc3861-client-missing");

        Assert.Contains("0000000000000000000SYNAPSE", finding.Message, StringComparison.Ordinal);
        Assert.Contains("`client_auth_method: client_secret_basic`", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("client_auth_method: client_secret_basic", "client_auth_method: client_secret_post", "`client_auth_method: client_secret_post`")]
    [InlineData("client_secret: " + DoctorPair.ClientSecret, "client_secret: other-client-secret-9", "differs from the `clients[0].client_secret`")]
    public void A_mas_client_with_another_auth_method_or_secret_is_an_error(string from, string to, string expected)
    {
        using var pair = new DoctorPair(DoctorPair.Msc3861Synapse, Msc3861Mas.Replace(from, to, StringComparison.Ordinal));

        var finding = Single(pair.Check(), "msc3861-client-mismatch");

        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("other-client-secret-9", finding.Message, StringComparison.Ordinal);
        DoctorPair.AssertNoSecrets(finding.Message);
    }

    [Fact]
    public void A_secret_auth_method_with_no_secret_on_the_mas_client_is_an_error()
    {
        using var pair = new DoctorPair(DoctorPair.Msc3861Synapse, Msc3861Mas.Replace($"\n    client_secret: {DoctorPair.ClientSecret}", "", StringComparison.Ordinal));

        var finding = Single(pair.Check(), "msc3861-client-mismatch");

        Assert.Contains("needs a client secret, but MAS's client 0000000000000000000SYNAPSE has none", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_name_mismatch_is_the_advisors_finding()
    {
        using var pair = new DoctorPair(masOverride: $"matrix:\n  homeserver: other.test\n  endpoint: http://synapse:8008/\n  secret: {DoctorPair.SharedSecret}");

        Assert.Equal(Severity.Error, Single(pair.Check(), "server-name-mismatch").Severity);
    }

    [Theory]
    [InlineData("", $"matrix:\n  homeserver: example.test\n  secret: {DoctorPair.SharedSecret}", "MAS's `matrix.endpoint` is not set")]
    [InlineData("matrix_authentication_service:\n  enabled: true\n  secret: " + DoctorPair.SharedSecret, "", "Synapse's `matrix_authentication_service.endpoint` is not set")]
    public void An_endpoint_left_to_its_localhost_default_is_a_warning(string synapseOverride, string masOverride, string expected)
    {
        using var pair = new DoctorPair(synapseOverride, masOverride);

        var finding = Single(pair.Check(), "endpoint-not-set");

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.StartsWith(expected, finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", $"matrix:\n  homeserver: example.test\n  endpoint: synapse:8008\n  secret: {DoctorPair.SharedSecret}")]
    [InlineData("matrix_authentication_service:\n  enabled: true\n  endpoint: ftp://mas/\n  secret: " + DoctorPair.SharedSecret, "")]
    public void An_endpoint_that_is_not_an_absolute_http_url_is_an_error(string synapseOverride, string masOverride)
    {
        using var pair = new DoctorPair(synapseOverride, masOverride);

        Assert.Equal(Severity.Error, Single(pair.Check(), "endpoint-invalid").Severity);
    }

    [Theory]
    [InlineData("", $"matrix:\n  homeserver: example.test\n  endpoint: https://matrix.example.test\n  secret: {DoctorPair.SharedSecret}", "MAS's `matrix.endpoint`")]
    [InlineData("matrix_authentication_service:\n  enabled: true\n  endpoint: https://auth.example.test/\n  secret: " + DoctorPair.SharedSecret, "", "Synapse's `matrix_authentication_service.endpoint`")]
    public void Reaching_the_other_side_through_its_public_url_while_running_side_by_side_is_a_warning(string synapseOverride, string masOverride, string expected)
    {
        using var pair = new DoctorPair(synapseOverride, masOverride);

        var finding = Single(pair.Check(), "endpoint-through-public-url");

        Assert.StartsWith(expected, finding.Message, StringComparison.Ordinal);
        Assert.Contains("side by side", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_sides_on_public_urls_is_not_side_by_side_and_is_silent()
    {
        using var pair = new DoctorPair(
            $"matrix_authentication_service:\n  enabled: true\n  endpoint: https://auth.example.test/\n  secret: {DoctorPair.SharedSecret}",
            $"matrix:\n  homeserver: example.test\n  endpoint: https://matrix.example.test/\n  secret: {DoctorPair.SharedSecret}");

        Assert.Empty(pair.Check());
    }

    public static TheoryData<string, string> ConflictingSettings => new()
    {
        { "password_config:\n  enabled: true", "password_config.enabled" },
        { "password_config:\n  enabled: only_for_reauth", "password_config.enabled" },
        { "enable_registration: true", "enable_registration" },
        { "enable_registration_captcha: true", "enable_registration_captcha" },
        { "user_consent:\n  version: '1.0'\n  template_dir: res/templates/privacy", "user_consent" },
        { "oidc_providers:\n  - idp_id: authelia\n    issuer: https://idp.example.test/", "oidc_providers" },
        { "oidc_config:\n  enabled: true\n  issuer: https://idp.example.test/", "oidc_config" },
        { "saml2_config:\n  sp_config: {}", "saml2_config" },
        { "cas_config:\n  enabled: true\n  server_url: https://cas.example.test", "cas_config" },
        { "jwt_config:\n  enabled: true", "jwt_config.enabled" },
        { "password_providers:\n  - module: ldap_auth_provider.LdapAuthProvider\n    config: {}", "password_providers" },
        { "ldap_config:\n  enabled: true", "ldap_config.enabled" },
        { "login_via_existing_session:\n  enabled: true", "login_via_existing_session.enabled" },
        { "refresh_token_lifetime: 24h", "refresh_token_lifetime" },
        { "nonrefreshable_access_token_lifetime: 1h", "nonrefreshable_access_token_lifetime" },
        { "session_lifetime: 30d", "session_lifetime" },
        { "enable_3pid_changes: true", "enable_3pid_changes" },
    };

    [Theory]
    [MemberData(nameof(ConflictingSettings))]
    public void A_setting_synapse_refuses_while_delegating_is_an_error_that_says_synapse_will_not_start(string yaml, string key)
    {
        using var pair = new DoctorPair(yaml);

        var finding = Assert.Single(pair.Check(), finding => finding.Code == "delegation-conflicting-setting");

        Assert.Equal(Severity.Error, finding.Severity);
        Assert.StartsWith($"Synapse will not start: homeserver.yaml sets `{key}`", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ConflictingSettings))]
    public void Before_the_switch_the_same_setting_is_a_note_saying_to_turn_it_off_at_the_switch(string yaml, string key)
    {
        using var pair = new DoctorPair("matrix_authentication_service:\n" + yaml);

        var finding = Assert.Single(pair.Check(), finding => finding.Code == "delegation-conflicting-setting");

        Assert.Equal(Severity.Note, finding.Severity);
        Assert.Contains($"`{key}`", finding.Message, StringComparison.Ordinal);
        Assert.Contains("at the switch", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password_config:\n  enabled: false\n  pepper: " + DoctorPair.Pepper)]
    [InlineData("session_lifetime: 0")]
    [InlineData("enable_registration: false\nenable_3pid_changes: false")]
    [InlineData("oidc_config:\n  enabled: false\n  issuer: https://idp.example.test/")]
    [InlineData("cas_config: {}")]
    public void Settings_that_are_off_are_silent(string yaml)
    {
        using var pair = new DoctorPair(yaml);

        Assert.Empty(pair.Check());
    }

    [Fact]
    public void Guest_access_after_the_switch_is_a_warning_because_synapse_still_starts()
    {
        using var pair = new DoctorPair("allow_guest_access: true");

        var finding = Assert.Single(pair.Check());

        Assert.Equal(("guest-access-enabled", Severity.Warning), (finding.Code, finding.Severity));
        Assert.Contains("still starts", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("passwords:\n  enabled: true", "password-scheme-not-bcrypt")]
    [InlineData("passwords:\n  schemes:\n    - version: 1\n      algorithm: bcrypt\n      unicode_normalization: true", "password-pepper-mismatch")]
    [InlineData("passwords:\n  schemes:\n    - version: 1\n      algorithm: bcrypt\n      secret: " + DoctorPair.Pepper, "password-unicode-normalization-off")]
    [InlineData("passwords:\n  schemes:\n    - version: 2\n      algorithm: argon2id", "password-scheme-missing")]
    public void Mas_password_schemes_are_checked_as_the_advisor_checks_them(string masOverride, string code)
    {
        using var pair = new DoctorPair(masOverride: masOverride);

        var findings = pair.Check();

        Assert.Contains(code, Codes(findings));
        Assert.All(findings, finding => Assert.StartsWith("password-", finding.Code, StringComparison.Ordinal));
        DoctorPair.AssertNoSecrets([.. findings.Select(finding => finding.Message)]);
    }

    [Fact]
    public void Mas_passwords_disabled_skips_the_scheme_checks()
    {
        using var pair = new DoctorPair(masOverride: "passwords:\n  enabled: false");

        Assert.Empty(pair.Check());
    }

    [Fact]
    public void Upstream_providers_that_match_before_the_switch_are_silent()
    {
        using var pair = new DoctorPair(DoctorPair.BeforeSwitchSynapse, DoctorPair.BeforeSwitchMas);

        var findings = pair.Check();

        Assert.DoesNotContain(findings, finding => finding.Code.StartsWith("upstream-provider", StringComparison.Ordinal));
        Assert.Equal(["delegation-missing", "delegation-conflicting-setting"], Codes(findings));
    }

    [Fact]
    public void A_synapse_provider_without_a_mas_provider_naming_it_is_a_warning_that_points_at_the_one_with_its_issuer()
    {
        using var pair = new DoctorPair(DoctorPair.BeforeSwitchSynapse, DoctorPair.BeforeSwitchMas.Replace("synapse_idp_id: oidc-authelia", "synapse_idp_id: oidc-other", StringComparison.Ordinal));

        var finding = Single(pair.Check(), "upstream-provider-unlinked");

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("add `synapse_idp_id: oidc-authelia` to it", finding.Message, StringComparison.Ordinal);
        Assert.Contains("01JB6ZQ3X9R2T8VN4K7MPD5EWA", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mas_provider_with_another_issuer_is_an_error_and_another_client_id_a_warning()
    {
        using var pair = new DoctorPair(
            DoctorPair.BeforeSwitchSynapse,
            DoctorPair.BeforeSwitchMas.Replace("issuer: https://idp.example.test", "issuer: https://sso.example.test", StringComparison.Ordinal)
                .Replace("client_id: synapse", "client_id: mas", StringComparison.Ordinal));

        var findings = pair.Check();

        Assert.Equal(Severity.Error, Single(findings, "upstream-provider-issuer-mismatch").Severity);
        Assert.Equal(Severity.Warning, Single(findings, "upstream-provider-client-mismatch").Severity);
        DoctorPair.AssertNoSecrets([.. findings.Select(finding => finding.Message)]);
    }

    [Theory]
    [InlineData("secrets:", "no `secrets` section")]
    [InlineData("secrets:\n  keys:\n    - kid: a\n      key: x", "neither `encryption` nor `encryption_file`")]
    [InlineData("secrets:\n  encryption: 0123\n  keys_dir: /keys", "not 64 hex digits")]
    [InlineData("secrets:\n  encryption_file: /secrets/encryption", "no signing key")]
    public void Missing_or_malformed_mas_secrets_are_an_error_that_never_quotes_them(string masOverride, string expected)
    {
        using var pair = new DoctorPair(masOverride: masOverride);

        var finding = Assert.Single(pair.Check());

        Assert.Equal(("mas-secrets-missing", Severity.Error), (finding.Code, finding.Severity));
        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0123", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mas_client_id_that_is_not_a_ulid_is_an_error()
    {
        using var pair = new DoctorPair(masOverride: "clients:\n  - client_id: synapse-client\n    client_auth_method: none");

        var finding = Assert.Single(pair.Check());

        Assert.Equal("mas-client-id-invalid", finding.Code);
        Assert.Contains("`clients[0].client_id` (synapse-client)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_given_inline_and_as_a_file_is_a_configuration_error_naming_both_keys()
    {
        using var pair = new DoctorPair($"matrix_authentication_service:\n  enabled: true\n  secret: {DoctorPair.SharedSecret}\n  secret_path: /x");

        var exception = Assert.Throws<ConfigurationException>(pair.Load);

        Assert.Contains("`matrix_authentication_service.secret_path` and `matrix_authentication_service.secret`", exception.Message, StringComparison.Ordinal);
        DoctorPair.AssertNoSecrets(exception.Message);
    }

    [Fact]
    public void Secrets_are_never_part_of_the_settings_text()
    {
        using var pair = new DoctorPair(DoctorPair.Msc3861Synapse, Msc3861Mas);

        var configuration = pair.Load();

        DoctorPair.AssertNoSecrets(configuration.SynapseWiring.ToString(), configuration.MasWiring.ToString());
    }

    private static DoctorStage Stage(DoctorPair pair) => pair.Load().SynapseWiring.DelegationEnabled ? DoctorStage.After : DoctorStage.Before;

    private static List<string> Codes(IEnumerable<Finding> findings) => findings.Select(finding => finding.Code).ToList();

    private static Finding Single(IEnumerable<Finding> findings, string code) => Assert.Single(findings, finding => finding.Code == code);
}
