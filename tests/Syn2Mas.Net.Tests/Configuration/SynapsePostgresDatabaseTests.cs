using Npgsql;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>
/// behaviour.md "Synapse configuration", <c>database</c> with <c>name: psycopg2</c>: the args Synapse passes to
/// psycopg2, unknown ones ignored, and <c>--synapse-database-uri</c> overriding the whole section.
/// </summary>
public sealed class SynapsePostgresDatabaseTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private PostgresConnectionSettings LoadPostgres(string args, string? databaseUriOverride = null)
    {
        var indented = string.Join('\n', args.Split('\n').Select(line => "    " + line));
        var file = _folder.Write("homeserver.yaml", $"server_name: example.com\ndatabase:\n  name: psycopg2\n  args:\n{indented}\n");
        var database = SynapseConfigLoader.Load([file], databaseUriOverride).Database;
        return Assert.IsType<SynapsePostgresDatabase>(database).Connection;
    }

    [Fact]
    public void Every_psycopg2_arg_is_read_and_unknown_args_are_ignored()
    {
        var connection = LoadPostgres("""
            user: synapse_user
            password: "hunter2-synapse-db"
            dbname: synapse_db
            host: db.example.org
            port: 6432
            sslmode: verify-full
            sslrootcert: /etc/ssl/root.pem
            sslcert: /etc/ssl/client.pem
            sslkey: /etc/ssl/client.key
            sslpassword: "key-passphrase-77"
            cp_min: 5
            cp_max: 10
            keepalives_idle: 10
            application_name: synapse
            """);

        Assert.Equal("db.example.org", connection.Host);
        Assert.False(connection.IsUnixSocket);
        Assert.Equal(6432, connection.Port);
        Assert.Equal("synapse_db", connection.Database);
        Assert.Equal("synapse_user", connection.Username);
        Assert.Equal("hunter2-synapse-db", connection.Password);
        Assert.Equal(SslMode.VerifyFull, connection.SslMode);
        Assert.Equal("/etc/ssl/root.pem", connection.RootCertificateFile);
        Assert.Equal("/etc/ssl/client.pem", connection.ClientCertificateFile);
        Assert.Equal("/etc/ssl/client.key", connection.ClientKeyFile);
        Assert.Equal("key-passphrase-77", connection.SslPassword);
    }

    [Fact]
    public void The_database_name_may_be_given_as_database_instead_of_dbname()
    {
        var connection = LoadPostgres("""
            user: synapse
            database: synapse_via_database
            """);

        Assert.Equal("synapse_via_database", connection.Database);
    }

    [Fact]
    public void A_port_written_as_a_string_is_read_as_a_number()
    {
        var connection = LoadPostgres("""
            dbname: synapse
            port: "6433"
            """);

        Assert.Equal(6433, connection.Port);
    }

    [Fact]
    public void Host_and_port_default_to_localhost_and_5432()
    {
        var connection = LoadPostgres("dbname: synapse");

        Assert.Equal("localhost", connection.Host);
        Assert.Equal(5432, connection.Port);
        Assert.Null(connection.SslMode);
        Assert.Null(connection.Password);
    }

    [Fact]
    public void A_host_that_is_a_folder_path_is_a_unix_socket_folder()
    {
        var connection = LoadPostgres("""
            dbname: synapse
            host: /var/run/postgresql
            """);

        Assert.Equal("/var/run/postgresql", connection.Host);
        Assert.True(connection.IsUnixSocket);
    }

    [Theory]
    [InlineData("disable", SslMode.Disable)]
    [InlineData("allow", SslMode.Allow)]
    [InlineData("prefer", SslMode.Prefer)]
    [InlineData("require", SslMode.Require)]
    [InlineData("verify-ca", SslMode.VerifyCA)]
    [InlineData("verify-full", SslMode.VerifyFull)]
    public void Every_libpq_sslmode_is_understood(string sslmode, SslMode expected)
    {
        var connection = LoadPostgres($"dbname: synapse\nsslmode: {sslmode}");

        Assert.Equal(expected, connection.SslMode);
    }

    [Fact]
    public void A_postgresql_synapse_database_uri_replaces_the_configured_section()
    {
        var connection = LoadPostgres("""
            user: from_file
            password: file-password
            dbname: from_file
            host: file.example
            port: 5000
            sslmode: disable
            """,
            "postgresql://override_user:override%20pw@override.example:6543/override_db?sslmode=require");

        Assert.Equal("override.example", connection.Host);
        Assert.Equal(6543, connection.Port);
        Assert.Equal("override_db", connection.Database);
        Assert.Equal("override_user", connection.Username);
        Assert.Equal("override pw", connection.Password);
        Assert.Equal(SslMode.Require, connection.SslMode);
    }

    [Fact]
    public void A_synapse_database_uri_override_replaces_even_a_section_that_could_not_be_read()
    {
        var file = _folder.Write("homeserver.yaml", """
            server_name: example.com
            database:
              name: mysql
            """);

        var database = SynapseConfigLoader.Load([file], "postgres://synapse@db.example/synapse").Database;

        var connection = Assert.IsType<SynapsePostgresDatabase>(database).Connection;
        Assert.Equal("db.example", connection.Host);
        Assert.Equal("synapse", connection.Database);
    }
}
