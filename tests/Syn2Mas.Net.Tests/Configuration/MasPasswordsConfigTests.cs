using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>
/// behaviour.md "MAS configuration", <c>passwords.enabled</c> and <c>passwords.schemes[]</c>; with no
/// <c>schemes</c> MAS uses a single version 1 argon2id scheme ("Checks").
/// </summary>
public sealed class MasPasswordsConfigTests : IDisposable
{
    private const string Secret = "scheme-secret-never-shown-0b7e";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private MasPasswordsConfig Load(string yaml) => MasConfigLoader.Load([_folder.Write("mas.yaml", yaml)]).Passwords;

    [Theory]
    [InlineData("matrix:\n  homeserver: example.com\n")]
    [InlineData("passwords:\n")]
    [InlineData("passwords:\n  enabled: true\n")]
    public void Without_schemes_passwords_are_enabled_with_one_version_1_argon2id_scheme(string yaml)
    {
        var passwords = Load(yaml);

        Assert.True(passwords.Enabled);
        Assert.False(passwords.SchemesConfigured);
        var scheme = Assert.Single(passwords.Schemes);
        Assert.Equal(1, scheme.Version);
        Assert.Equal("argon2id", scheme.Algorithm);
        Assert.Null(scheme.Cost);
        Assert.Null(scheme.Secret);
        Assert.False(scheme.UnicodeNormalization);
    }

    [Fact]
    public void Passwords_enabled_false_is_read_and_keeps_the_default_scheme()
    {
        var passwords = Load("""
            passwords:
              enabled: false
            """);

        Assert.False(passwords.Enabled);
        Assert.False(passwords.SchemesConfigured);
        Assert.Equal("argon2id", Assert.Single(passwords.Schemes).Algorithm);
    }

    [Fact]
    public void Every_scheme_field_is_read_in_order()
    {
        var passwords = Load($"""
            passwords:
              enabled: true
              schemes:
                - version: 1
                  algorithm: bcrypt
                  cost: 12
                  secret: "{Secret}"
                  unicode_normalization: true
                - version: 2
                  algorithm: argon2id
            """);

        Assert.True(passwords.Enabled);
        Assert.True(passwords.SchemesConfigured);
        Assert.Collection(
            passwords.Schemes,
            first =>
            {
                Assert.Equal(1, first.Version);
                Assert.Equal("bcrypt", first.Algorithm);
                Assert.Equal(12, first.Cost);
                Assert.Equal(Secret, first.Secret);
                Assert.True(first.UnicodeNormalization);
            },
            second =>
            {
                Assert.Equal(2, second.Version);
                Assert.Equal("argon2id", second.Algorithm);
                Assert.Null(second.Cost);
                Assert.Null(second.Secret);
                Assert.False(second.UnicodeNormalization);
            });
        Assert.Equal("bcrypt", passwords.SchemeVersion(1)?.Algorithm);
        Assert.Null(passwords.SchemeVersion(3));
    }

    [Fact]
    public void A_secret_file_is_read_as_it_is_trailing_newline_included()
    {
        var secretFile = _folder.Write("secrets/pepper", Secret + "\n");

        var passwords = Load($"""
            passwords:
              schemes:
                - version: 1
                  algorithm: bcrypt
                  secret_file: {secretFile}
            """);

        Assert.Equal(Secret + "\n", Assert.Single(passwords.Schemes).Secret);
    }

    [Fact]
    public void The_scheme_text_form_never_shows_the_secret()
    {
        var passwords = Load($"""
            passwords:
              schemes:
                - version: 1
                  algorithm: bcrypt
                  secret: "{Secret}"
            """);

        Assert.DoesNotContain(Secret, Assert.Single(passwords.Schemes).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, passwords.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Both_secret_and_secret_file_are_an_error_naming_the_keys_and_position_but_not_the_secret()
    {
        var secretFile = _folder.Write("secrets/pepper", Secret);
        var file = _folder.Write("mas.yaml", $"""
            passwords:
              schemes:
                - version: 1
                  algorithm: bcrypt
                  secret: "{Secret}"
                  secret_file: {secretFile}
            """);

        var exception = ConfigurationAssert.Throws(() => MasConfigLoader.Load([file]));

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 6, 20), "`passwords.schemes[0].secret_file`", Secret);
        Assert.Contains("`passwords.schemes[0].secret`", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scheme_without_a_version_is_an_error_naming_the_key()
    {
        var file = _folder.Write("mas.yaml", $"""
            passwords:
              schemes:
                - version: 1
                  algorithm: bcrypt
                - algorithm: argon2id
                  secret: "{Secret}"
            """);

        var exception = ConfigurationAssert.Throws(() => MasConfigLoader.Load([file]));

        ConfigurationAssert.Names(exception, file, "`passwords.schemes[1].version`", Secret);
    }

    [Fact]
    public void A_version_that_is_not_a_number_names_the_key_and_position()
    {
        var file = _folder.Write("mas.yaml", """
            passwords:
              schemes:
                - version: one
                  algorithm: bcrypt
            """);

        var exception = ConfigurationAssert.Throws(() => MasConfigLoader.Load([file]));

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 3, 16), "`passwords.schemes[0].version`");
    }
}
