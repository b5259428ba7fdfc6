using Npgsql;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>
/// behaviour.md "MAS configuration", <c>database</c>: either <c>uri</c> or separate fields, the <c>*_file</c>
/// variants, and <c>--mas-database-uri</c> overriding the section.
/// </summary>
public sealed class MasDatabaseConfigTests : IDisposable
{
    private const string Password = "mas-db-password-never-shown-61ab";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string yaml) => _folder.Write("mas.yaml", yaml);

    private static PostgresConnectionSettings Load(string file, string? databaseUriOverride = null) =>
        MasConfigLoader.Load([file], databaseUriOverride).Database;

    [Fact]
    public void The_database_uri_is_read()
    {
        var database = Load(Write($"""
            database:
              uri: "postgresql://mas_user:{Password}@db.example:6543/mas_db?sslmode=verify-ca"
            """));

        Assert.Equal("db.example", database.Host);
        Assert.Equal(6543, database.Port);
        Assert.Equal("mas_db", database.Database);
        Assert.Equal("mas_user", database.Username);
        Assert.Equal(Password, database.Password);
        Assert.Equal(SslMode.VerifyCA, database.SslMode);
    }

    [Fact]
    public void Separate_fields_are_read_with_inline_pem_material()
    {
        using var authority = TestCertificateAuthority.Create("mas test CA");
        var (certificate, key) = authority.Issue("mas-client", ["mas-client"], []);
        var database = Load(Write($"""
            database:
              host: db.example
              port: 6544
              username: mas_user
              password: "{Password}"
              database: mas_db
              ssl_mode: require
              ssl_ca: |
            {Indent(authority.CertificatePem)}
              ssl_certificate: |
            {Indent(certificate)}
              ssl_key: |
            {Indent(key)}
              max_connections: 10
              connect_timeout: 30
            """));

        Assert.Equal("db.example", database.Host);
        Assert.False(database.IsUnixSocket);
        Assert.Equal(6544, database.Port);
        Assert.Equal("mas_user", database.Username);
        Assert.Equal(Password, database.Password);
        Assert.Equal("mas_db", database.Database);
        Assert.Equal(SslMode.Require, database.SslMode);
        Assert.Equal(authority.CertificatePem.Trim(), database.RootCertificatePem?.Trim());
        Assert.Equal(certificate.Trim(), database.ClientCertificatePem?.Trim());
        Assert.Equal(key.Trim(), database.ClientKeyPem?.Trim());
        Assert.Null(database.RootCertificateFile);
        Assert.Null(database.ClientCertificateFile);
        Assert.Null(database.ClientKeyFile);
    }

    private static string Indent(string pem) =>
        string.Join('\n', pem.Trim().Split('\n').Select(line => "    " + line));

    [Fact]
    public void Ssl_file_fields_are_read_as_file_paths()
    {
        var database = Load(Write("""
            database:
              host: db.example
              database: mas
              ssl_mode: verify-full
              ssl_ca_file: /etc/mas/ca.pem
              ssl_certificate_file: /etc/mas/client.pem
              ssl_key_file: /etc/mas/client.key
            """));

        Assert.Equal(SslMode.VerifyFull, database.SslMode);
        Assert.Equal("/etc/mas/ca.pem", database.RootCertificateFile);
        Assert.Equal("/etc/mas/client.pem", database.ClientCertificateFile);
        Assert.Equal("/etc/mas/client.key", database.ClientKeyFile);
        Assert.Null(database.RootCertificatePem);
        Assert.Null(database.ClientCertificatePem);
        Assert.Null(database.ClientKeyPem);
    }

    [Fact]
    public void A_socket_wins_over_host_as_the_host()
    {
        var database = Load(Write("""
            database:
              host: db.example
              socket: /var/run/postgresql
              database: mas
            """));

        Assert.Equal("/var/run/postgresql", database.Host);
        Assert.True(database.IsUnixSocket);
    }

    [Fact]
    public void Host_and_port_default_to_localhost_and_5432_and_a_string_port_is_read()
    {
        var defaults = Load(Write("database:\n  database: mas\n"));
        var stringPort = Load(_folder.Write("string-port.yaml", "database:\n  port: \"6600\"\n"));

        Assert.Equal("localhost", defaults.Host);
        Assert.Equal(5432, defaults.Port);
        Assert.Equal(6600, stringPort.Port);
    }

    [Fact]
    public void A_password_file_is_read_and_its_contents_are_the_password()
    {
        var secretFile = _folder.Write("secrets/db-password", Password);
        var database = Load(Write($"""
            database:
              host: db.example
              username: mas
              password_file: {secretFile}
            """));

        Assert.Equal(Password, database.Password);
    }

    [Fact]
    public void The_mas_database_uri_override_replaces_the_configured_section()
    {
        var file = Write($"""
            database:
              host: file.example
              port: 5000
              username: file_user
              password: "{Password}"
              database: file_db
            """);

        var database = Load(file, "postgresql://override_user@override.example:6545/override_db");

        Assert.Equal("override.example", database.Host);
        Assert.Equal(6545, database.Port);
        Assert.Equal("override_user", database.Username);
        Assert.Equal("override_db", database.Database);
        Assert.Null(database.Password);
    }

    [Fact]
    public void The_mas_database_uri_override_replaces_even_a_section_that_could_not_be_read()
    {
        var file = Write("""
            database:
              uri: "postgresql://mas@db.example:notaport/mas"
            """);

        var database = Load(file, "postgresql://mas@other.example/mas");

        Assert.Equal("other.example", database.Host);
    }

    [Fact]
    public void A_missing_password_file_names_the_key_and_position_and_does_not_leak_other_secrets()
    {
        var missing = _folder.File("secrets/absent");
        var file = Write($"""
            database:
              username: mas
              password_file: {missing}
            passwords:
              schemes:
                - version: 1
                  algorithm: bcrypt
                  secret: "{Password}"
            """);

        var exception = ConfigurationAssert.Throws(() => Load(file));

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 3, 18), "`database.password_file`", Password);
    }

    [Fact]
    public void A_password_file_that_is_a_folder_names_the_key_and_says_it_is_a_folder()
    {
        var folder = Path.Combine(_folder.Path, "secrets");
        Directory.CreateDirectory(folder);
        var file = Write($"""
            database:
              password_file: {folder}
            """);

        var exception = ConfigurationAssert.Throws(() => Load(file));

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 2, 18), "`database.password_file`");
        Assert.Contains("folder", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Password_and_password_file_together_are_an_error_that_does_not_leak_the_password()
    {
        var secretFile = _folder.Write("secrets/db-password", "from-file-" + Password);
        var file = Write($"""
            database:
              password: "{Password}"
              password_file: {secretFile}
            """);

        var exception = ConfigurationAssert.Throws(() => Load(file));

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 3, 18), "`database.password_file`", Password);
        Assert.Contains("`database.password`", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_uri_names_the_key_and_position_without_the_password()
    {
        var file = Write($"""
            database:
              uri: "postgresql://mas:{Password}@db.example:notaport/mas"
            """);

        var exception = ConfigurationAssert.Throws(() => Load(file));

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 2, 8), "`database.uri`", Password);
    }

    [Fact]
    public void An_invalid_ssl_mode_names_the_key_and_position()
    {
        var file = Write($"""
            database:
              password: "{Password}"
              ssl_mode: sometimes
            """);

        var exception = ConfigurationAssert.Throws(() => Load(file));

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 3, 13), "`database.ssl_mode`", Password);
    }

    [Fact]
    public void A_port_that_is_not_a_number_names_the_key_and_position()
    {
        var file = Write($"""
            database:
              password: "{Password}"
              port: abc
            """);

        var exception = ConfigurationAssert.Throws(() => Load(file));

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 3, 9), "`database.port`", Password);
    }
}
