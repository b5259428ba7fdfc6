using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>
/// behaviour.md "MAS configuration": <c>matrix.homeserver</c>, <c>branding.tos_uri</c>, <c>captcha.service</c>,
/// and several files merged like Synapse's.
/// </summary>
public sealed class MasConfigTests : IDisposable
{
    private const string Secret = "mas-secret-never-shown-aa51";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Matrix_homeserver_branding_tos_uri_and_captcha_service_are_read()
    {
        var file = _folder.Write("mas.yaml", $"""
            matrix:
              kind: synapse
              homeserver: example.com
              secret: "{Secret}"
              endpoint: http://localhost:8008/
            branding:
              service_name: Example
              tos_uri: https://example.com/terms
            captcha:
              service: recaptcha_v2
              site_key: site
              secret_key: "{Secret}"
            """);

        var config = MasConfigLoader.Load([file]);

        Assert.Equal("example.com", config.MatrixHomeserver);
        Assert.Equal("https://example.com/terms", config.BrandingTosUri);
        Assert.Equal("recaptcha_v2", config.CaptchaService);
    }

    [Fact]
    public void Absent_sections_read_as_not_set()
    {
        var config = MasConfigLoader.Load([_folder.Write("mas.yaml", "http:\n  public_base: https://account.example.com/\n")]);

        Assert.Null(config.MatrixHomeserver);
        Assert.Null(config.BrandingTosUri);
        Assert.Null(config.CaptchaService);
        Assert.Empty(config.UpstreamProviders);
        Assert.Equal("localhost", config.Database.Host);
    }

    [Theory]
    [InlineData("matrix:\nbranding:\ncaptcha:\ndatabase:\npasswords:\nupstream_oauth2:\n")]
    [InlineData("matrix: ~\nbranding: ~\ncaptcha: ~\ndatabase: ~\npasswords: ~\nupstream_oauth2: ~\n")]
    public void Empty_sections_mean_their_defaults(string yaml)
    {
        var config = MasConfigLoader.Load([_folder.Write("mas.yaml", yaml)]);

        Assert.Null(config.MatrixHomeserver);
        Assert.Null(config.BrandingTosUri);
        Assert.Null(config.CaptchaService);
        Assert.Equal(MasPasswordsConfig.Default.Enabled, config.Passwords.Enabled);
        Assert.False(config.Passwords.SchemesConfigured);
        Assert.Empty(config.UpstreamProviders);
    }

    [Fact]
    public void Several_files_merge_with_a_later_file_replacing_a_whole_top_level_key()
    {
        var first = _folder.Write("a/mas.yaml", """
            matrix:
              homeserver: first.example
            branding:
              tos_uri: https://first.example/terms
            captcha:
              service: hcaptcha
            """);
        var second = _folder.Write("b/mas.yaml", """
            branding:
              service_name: Second
            matrix:
              homeserver: second.example
            """);

        var config = MasConfigLoader.Load([first, second]);

        Assert.Equal("second.example", config.MatrixHomeserver);
        Assert.Null(config.BrandingTosUri);
        Assert.Equal("hcaptcha", config.CaptchaService);
    }

    [Fact]
    public void A_missing_mas_file_is_named()
    {
        var missing = _folder.File("mas.yaml");

        var exception = ConfigurationAssert.Throws(() => MasConfigLoader.Load([missing]));

        ConfigurationAssert.Names(exception, missing, key: null);
        Assert.Contains("MAS", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_syntax_error_in_a_mas_file_names_file_line_and_column_but_not_the_secret()
    {
        var file = _folder.Write("mas.yaml", $"""
            matrix:
              homeserver: example.com
              secret: '{Secret}
            """);

        var exception = ConfigurationAssert.Throws(() => MasConfigLoader.Load([file]));

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 3, 11), key: null, Secret);
    }

    [Fact]
    public void A_mapping_where_matrix_homeserver_belongs_names_the_key_and_position()
    {
        var file = _folder.Write("mas.yaml", """
            matrix:
              homeserver:
                name: example.com
            """);

        var exception = ConfigurationAssert.Throws(() => MasConfigLoader.Load([file]));

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 3, 5), "`matrix.homeserver`");
    }
}
