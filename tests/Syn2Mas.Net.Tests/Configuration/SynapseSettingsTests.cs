using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>
/// behaviour.md "Synapse configuration": <c>password_config</c>, the feature switches the advisor checks, and
/// "a section given as an empty value means the section's defaults, never a crash".
/// </summary>
public sealed class SynapseSettingsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private SynapseConfig Load(string yaml) =>
        SynapseConfigLoader.Load([_folder.Write("homeserver.yaml", "server_name: example.com\n" + yaml)]);

    [Fact]
    public void Everything_is_off_and_password_config_has_its_defaults_when_no_key_is_set()
    {
        var config = Load("");

        Assert.Equal(SynapsePasswordConfig.Default, config.PasswordConfig);
        Assert.True(config.PasswordConfig.Enabled);
        Assert.True(config.PasswordConfig.LocalDbEnabled);
        Assert.Null(config.PasswordConfig.Pepper);
        Assert.False(config.UsesCustomPasswordProvider);
        Assert.False(config.AllowGuestAccess);
        Assert.False(config.EnableRegistration);
        Assert.False(config.EnableRegistrationCaptcha);
        Assert.False(config.Enable3pidChanges);
        Assert.False(config.UserConsentConfigured);
        Assert.False(config.LoginViaExistingSessionEnabled);
        Assert.False(config.CasEnabled);
        Assert.False(config.Saml2Enabled);
        Assert.False(config.JwtEnabled);
        Assert.Empty(config.OidcProviders);
        Assert.Null(config.PublicBaseUrl);
        Assert.False(config.Msc3861Enabled);
    }

    [Fact]
    public void Every_feature_switch_is_read_when_turned_on()
    {
        var config = Load("""
            allow_guest_access: true
            enable_registration: true
            enable_registration_captcha: true
            enable_3pid_changes: true
            user_consent:
              version: "1.0"
              template_dir: res/templates/privacy
            login_via_existing_session:
              enabled: true
            cas_config:
              server_url: https://cas.example.com/cas
            saml2_config:
              enabled: true
            jwt_config:
              enabled: true
              secret: jwt-secret-value
              algorithm: HS256
            public_baseurl: https://matrix.example.com/
            experimental_features:
              msc3861:
                enabled: true
            """);

        Assert.True(config.AllowGuestAccess);
        Assert.True(config.EnableRegistration);
        Assert.True(config.EnableRegistrationCaptcha);
        Assert.True(config.Enable3pidChanges);
        Assert.True(config.UserConsentConfigured);
        Assert.True(config.LoginViaExistingSessionEnabled);
        Assert.True(config.CasEnabled);
        Assert.True(config.Saml2Enabled);
        Assert.True(config.JwtEnabled);
        Assert.Equal("https://matrix.example.com/", config.PublicBaseUrl);
        Assert.True(config.Msc3861Enabled);
    }

    [Fact]
    public void Feature_switches_set_to_false_read_as_off()
    {
        var config = Load("""
            allow_guest_access: false
            enable_registration: no
            enable_registration_captcha: false
            enable_3pid_changes: false
            login_via_existing_session:
              enabled: false
            jwt_config:
              enabled: false
            experimental_features:
              msc3861:
                enabled: false
            """);

        Assert.False(config.AllowGuestAccess);
        Assert.False(config.EnableRegistration);
        Assert.False(config.EnableRegistrationCaptcha);
        Assert.False(config.Enable3pidChanges);
        Assert.False(config.LoginViaExistingSessionEnabled);
        Assert.False(config.JwtEnabled);
        Assert.False(config.Msc3861Enabled);
    }

    [Fact]
    public void Password_config_enabled_false_turns_password_login_off()
    {
        var config = Load("""
            password_config:
              enabled: false
            """);

        Assert.False(config.PasswordConfig.Enabled);
        Assert.True(config.PasswordConfig.LocalDbEnabled);
        Assert.False(config.UsesCustomPasswordProvider);
    }

    [Fact]
    public void Password_config_enabled_only_for_reauth_counts_as_enabled()
    {
        var config = Load("""
            password_config:
              enabled: only_for_reauth
            """);

        Assert.True(config.PasswordConfig.Enabled);
    }

    [Fact]
    public void Password_config_pepper_is_read()
    {
        var config = Load("""
            password_config:
              pepper: "pepper-value-31"
            """);

        Assert.Equal("pepper-value-31", config.PasswordConfig.Pepper);
        Assert.True(config.PasswordConfig.Enabled);
        Assert.True(config.PasswordConfig.LocalDbEnabled);
    }

    [Fact]
    public void The_password_config_text_form_never_shows_the_pepper()
    {
        var config = Load("""
            password_config:
              pepper: "pepper-value-31"
            """);

        Assert.DoesNotContain("pepper-value-31", config.PasswordConfig.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pepper-value-31", config.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Localdb_disabled_with_passwords_enabled_means_a_custom_password_provider()
    {
        var config = Load("""
            password_config:
              localdb_enabled: false
            """);

        Assert.True(config.PasswordConfig.Enabled);
        Assert.False(config.PasswordConfig.LocalDbEnabled);
        Assert.True(config.UsesCustomPasswordProvider);
    }

    [Fact]
    public void Localdb_disabled_with_passwords_disabled_is_no_custom_password_provider()
    {
        var config = Load("""
            password_config:
              enabled: false
              localdb_enabled: false
            """);

        Assert.False(config.UsesCustomPasswordProvider);
    }

    [Fact]
    public void User_consent_given_as_a_map_is_set()
    {
        var config = Load("""
            user_consent:
              version: "1.0"
              server_notice_content:
                msgtype: m.text
                body: Please accept the terms
            """);

        Assert.True(config.UserConsentConfigured);
    }

    [Theory]
    [InlineData("")]
    [InlineData("user_consent:\n")]
    [InlineData("user_consent: ~\n")]
    public void User_consent_absent_or_empty_is_not_set(string yaml)
    {
        Assert.False(Load(yaml).UserConsentConfigured);
    }

    [Fact]
    public void A_cas_config_section_with_no_enabled_key_turns_cas_on()
    {
        var config = Load("""
            cas_config:
              server_url: https://cas.example.com/cas
            """);

        Assert.True(config.CasEnabled);
    }

    [Fact]
    public void A_cas_config_section_with_enabled_false_leaves_cas_off()
    {
        var config = Load("""
            cas_config:
              enabled: false
              server_url: https://cas.example.com/cas
            """);

        Assert.False(config.CasEnabled);
    }

    [Fact]
    public void An_empty_cas_config_mapping_leaves_cas_off_as_synapse_reads_it()
    {
        // "A section given as an empty value means the section's defaults": `{}` is empty too.
        Assert.False(Load("cas_config: {}\n").CasEnabled);
    }

    [Fact]
    public void An_empty_saml2_config_mapping_leaves_saml_off()
    {
        Assert.False(Load("saml2_config: {}\n").Saml2Enabled);
    }

    [Fact]
    public void A_saml2_config_with_an_sp_config_and_no_enabled_key_turns_saml_on()
    {
        var config = Load("""
            saml2_config:
              sp_config:
                metadata:
                  remote:
                    - url: https://idp.example.com/metadata.xml
            """);

        Assert.True(config.Saml2Enabled);
    }

    [Fact]
    public void A_saml2_config_with_enabled_false_leaves_saml_off_even_with_an_sp_config()
    {
        var config = Load("""
            saml2_config:
              enabled: false
              sp_config:
                metadata:
                  remote:
                    - url: https://idp.example.com/metadata.xml
            """);

        Assert.False(config.Saml2Enabled);
    }

    [Fact]
    public void A_saml2_config_with_neither_enabled_nor_sp_config_leaves_saml_off()
    {
        var config = Load("""
            saml2_config:
              user_mapping_provider:
                config:
                  mxid_source_attribute: uid
            """);

        Assert.False(config.Saml2Enabled);
    }

    [Fact]
    public void Empty_sections_mean_their_defaults_and_do_not_crash()
    {
        var config = Load("""
            cas_config:
            saml2_config:
            password_config:
            oidc_providers:
            experimental_features:
            login_via_existing_session:
            jwt_config:
            user_consent:
            oidc_config:
            """);

        Assert.False(config.CasEnabled);
        Assert.False(config.Saml2Enabled);
        Assert.Equal(SynapsePasswordConfig.Default, config.PasswordConfig);
        Assert.Empty(config.OidcProviders);
        Assert.False(config.Msc3861Enabled);
        Assert.False(config.LoginViaExistingSessionEnabled);
        Assert.False(config.JwtEnabled);
        Assert.False(config.UserConsentConfigured);
    }

    [Theory]
    [InlineData("cas_config")]
    [InlineData("saml2_config")]
    [InlineData("password_config")]
    [InlineData("oidc_providers")]
    [InlineData("experimental_features")]
    [InlineData("login_via_existing_session")]
    public void Each_section_given_alone_as_an_empty_value_loads_with_defaults(string section)
    {
        var config = Load(section + ":\n");

        Assert.Equal(SynapsePasswordConfig.Default, config.PasswordConfig);
        Assert.False(config.CasEnabled);
        Assert.False(config.Saml2Enabled);
        Assert.Empty(config.OidcProviders);
        Assert.False(config.Msc3861Enabled);
        Assert.False(config.LoginViaExistingSessionEnabled);
    }

    [Fact]
    public void An_experimental_features_section_without_msc3861_leaves_it_off()
    {
        var config = Load("""
            experimental_features:
              msc3575_enabled: true
              msc3861:
            """);

        Assert.False(config.Msc3861Enabled);
    }

    [Fact]
    public void App_service_config_files_are_read_as_full_paths_relative_to_the_file_listing_them()
    {
        var config = Load("app_service_config_files:\n  - bridges/irc.yaml\n  - /etc/matrix/telegram.yaml\n");

        Assert.Equal([Path.Combine(_folder.Path, "bridges", "irc.yaml"), "/etc/matrix/telegram.yaml"], config.AppServiceConfigFiles);
        Assert.Empty(Load("").AppServiceConfigFiles);
    }
}
