using Npgsql;
using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>
/// PostgreSQL URIs as libpq reads them (the <c>--synapse-database-uri</c> and <c>--mas-database-uri</c>
/// options and MAS's <c>database.uri</c>), the Npgsql keyword form, and the secret-free text form.
/// </summary>
public sealed class PostgresConnectionSettingsTests
{
    private const string Password = "uri-password-never-shown-7e21";

    [Fact]
    public void A_full_uri_is_percent_decoded_and_reads_port_database_and_ssl_parameters()
    {
        var settings = PostgresConnectionSettings.FromUri("postgresql://user:pa%40ss@db.example:6543/synapse?sslmode=require&sslrootcert=/ca.pem");

        Assert.Equal("user", settings.Username);
        Assert.Equal("pa@ss", settings.Password);
        Assert.Equal("db.example", settings.Host);
        Assert.Equal(6543, settings.Port);
        Assert.Equal("synapse", settings.Database);
        Assert.Equal(SslMode.Require, settings.SslMode);
        Assert.Equal("/ca.pem", settings.RootCertificateFile);
        Assert.False(settings.IsUnixSocket);
    }

    [Fact]
    public void Every_ssl_query_parameter_is_read()
    {
        var settings = PostgresConnectionSettings.FromUri(
            "postgresql://db.example/mas?sslmode=verify-full&sslrootcert=/r.pem&sslcert=/c.pem&sslkey=/k.pem&sslpassword=key%20pass");

        Assert.Equal(SslMode.VerifyFull, settings.SslMode);
        Assert.Equal("/r.pem", settings.RootCertificateFile);
        Assert.Equal("/c.pem", settings.ClientCertificateFile);
        Assert.Equal("/k.pem", settings.ClientKeyFile);
        Assert.Equal("key pass", settings.SslPassword);
    }

    [Fact]
    public void The_postgres_scheme_is_accepted_too()
    {
        var settings = PostgresConnectionSettings.FromUri("postgres://synapse@db.example:5433/synapse");

        Assert.Equal("synapse", settings.Username);
        Assert.Equal("db.example", settings.Host);
        Assert.Equal(5433, settings.Port);
        Assert.Equal("synapse", settings.Database);
        Assert.Null(settings.Password);
    }

    [Fact]
    public void Without_a_port_the_port_is_5432_and_without_a_host_the_host_is_localhost()
    {
        var withHost = PostgresConnectionSettings.FromUri("postgresql://db.example/mas");
        var withoutHost = PostgresConnectionSettings.FromUri("postgresql:///mas");

        Assert.Equal(5432, withHost.Port);
        Assert.Equal("db.example", withHost.Host);
        Assert.Equal("localhost", withoutHost.Host);
        Assert.Equal(5432, withoutHost.Port);
        Assert.Equal("mas", withoutHost.Database);
    }

    [Fact]
    public void A_host_query_parameter_can_name_a_socket_folder()
    {
        var settings = PostgresConnectionSettings.FromUri("postgresql:///mas?host=/var/run/postgresql");

        Assert.Equal("/var/run/postgresql", settings.Host);
        Assert.True(settings.IsUnixSocket);
        Assert.Equal("mas", settings.Database);
    }

    [Fact]
    public void A_percent_encoded_host_is_a_socket_folder()
    {
        var settings = PostgresConnectionSettings.FromUri("postgresql://%2Fvar%2Frun%2Fpostgresql/mas");

        Assert.Equal("/var/run/postgresql", settings.Host);
        Assert.True(settings.IsUnixSocket);
        Assert.Equal("mas", settings.Database);
    }

    [Fact]
    public void A_bracketed_ipv6_host_keeps_its_port()
    {
        var settings = PostgresConnectionSettings.FromUri("postgresql://[::1]:5433/x");

        Assert.Equal("::1", settings.Host);
        Assert.Equal(5433, settings.Port);
        Assert.Equal("x", settings.Database);
        Assert.False(settings.IsUnixSocket);
        Assert.Equal("[::1]:5433/x", settings.ToString());
    }

    [Fact]
    public void Unknown_query_parameters_are_ignored_and_known_ones_still_apply()
    {
        var settings = PostgresConnectionSettings.FromUri(
            "postgresql://db.example/mas?application_name=mas&connect_timeout=10&options=-c%20search_path%3Dpublic&sslmode=disable&target_session_attrs=any");

        Assert.Equal("db.example", settings.Host);
        Assert.Equal("mas", settings.Database);
        Assert.Equal(SslMode.Disable, settings.SslMode);
    }

    [Fact]
    public void Query_parameters_may_give_user_password_port_and_dbname()
    {
        var settings = PostgresConnectionSettings.FromUri("postgresql://db.example?user=mas&password=p%26w&port=6000&dbname=mas_db");

        Assert.Equal("mas", settings.Username);
        Assert.Equal("p&w", settings.Password);
        Assert.Equal(6000, settings.Port);
        Assert.Equal("mas_db", settings.Database);
    }

    [Theory]
    [InlineData("postgresql://user:" + Password + "@db.example:notaport/synapse")]
    [InlineData("postgresql://user:" + Password + "@db.example:70000/synapse")]
    [InlineData("postgresql://user:" + Password + "@db.example:0/synapse")]
    [InlineData("postgresql://user:" + Password + "@db.example/synapse?port=abc")]
    [InlineData("postgresql://user:" + Password + "@[::1:5432/synapse")]
    [InlineData("postgresql://user:" + Password + "@db.example/synapse?sslmode=sometimes")]
    public void A_bad_uri_is_a_configuration_error_without_the_password(string uri)
    {
        var exception = ConfigurationAssert.Throws(() => PostgresConnectionSettings.FromUri(uri));

        ConfigurationAssert.IsOneLine(exception.Message);
        ConfigurationAssert.LeaksNothing(exception.Message, Password);
    }

    [Theory]
    [InlineData("postgresql://user:" + Password + "@db.example:6543/synapse")]
    [InlineData("postgresql://user:" + Password + "@%2Fvar%2Frun%2Fpostgresql/synapse")]
    [InlineData("postgresql://user:" + Password + "@[::1]/synapse")]
    [InlineData("postgresql://db.example/synapse?password=" + Password)]
    [InlineData("postgresql://:" + Password + "@db.example")]
    public void The_text_form_never_contains_the_password(string uri)
    {
        var settings = PostgresConnectionSettings.FromUri(uri);

        Assert.Equal(Password, settings.Password);
        ConfigurationAssert.LeaksNothing(settings.ToString(), Password);
    }

    [Fact]
    public void The_text_form_names_user_host_port_and_database()
    {
        var tcp = PostgresConnectionSettings.FromUri($"postgresql://synapse:{Password}@db.example:6543/synapse_db");
        var socket = PostgresConnectionSettings.FromUri("postgresql://mas@%2Fvar%2Frun%2Fpostgresql/mas");

        Assert.Equal("synapse@db.example:6543/synapse_db", tcp.ToString());
        Assert.Equal("mas@/var/run/postgresql (Unix socket):5432/mas", socket.ToString());
    }

    [Fact]
    public void The_text_form_of_a_synapse_postgres_database_never_contains_the_password()
    {
        var database = new SynapsePostgresDatabase(PostgresConnectionSettings.FromUri($"postgresql://synapse:{Password}@db.example/synapse"));

        ConfigurationAssert.LeaksNothing(database.ToString(), Password);
        Assert.Contains("db.example", database.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reads_the_npgsql_keyword_form()
    {
        var settings = PostgresConnectionSettings.Parse(
            $"Host=db.example;Port=6543;Database=mas;Username=mas_user;Password={Password};SSL Mode=VerifyFull;Root Certificate=/r.pem;SSL Certificate=/c.pem;SSL Key=/k.pem;SSL Password=kp");

        Assert.Equal("db.example", settings.Host);
        Assert.Equal(6543, settings.Port);
        Assert.Equal("mas", settings.Database);
        Assert.Equal("mas_user", settings.Username);
        Assert.Equal(Password, settings.Password);
        Assert.Equal(SslMode.VerifyFull, settings.SslMode);
        Assert.Equal("/r.pem", settings.RootCertificateFile);
        Assert.Equal("/c.pem", settings.ClientCertificateFile);
        Assert.Equal("/k.pem", settings.ClientKeyFile);
        Assert.Equal("kp", settings.SslPassword);
    }

    [Fact]
    public void Parse_reads_a_uri_the_same_way_as_FromUri()
    {
        var settings = PostgresConnectionSettings.Parse("postgres://mas@db.example:6001/mas");

        Assert.Equal("db.example", settings.Host);
        Assert.Equal(6001, settings.Port);
        Assert.Equal("mas", settings.Username);
    }

    [Theory]
    [InlineData("not a connection string")]
    [InlineData("Bogus Keyword=" + Password)]
    public void Parse_rejects_something_that_is_neither_form_without_echoing_it(string value)
    {
        var exception = ConfigurationAssert.Throws(() => PostgresConnectionSettings.Parse(value));

        ConfigurationAssert.IsOneLine(exception.Message);
        ConfigurationAssert.LeaksNothing(exception.Message, Password);
    }

    [Theory]
    [InlineData("postgresql://db/x", true)]
    [InlineData("postgres://db/x", true)]
    [InlineData("POSTGRESQL://db/x", true)]
    [InlineData("/var/lib/synapse/homeserver.db", false)]
    [InlineData("Host=db;Database=x", false)]
    [InlineData("mysql://db/x", false)]
    public void IsPostgresUri_recognises_both_schemes(string value, bool expected)
    {
        Assert.Equal(expected, PostgresConnectionSettings.IsPostgresUri(value));
    }

    [Fact]
    public void ToConnectionStringBuilder_carries_every_field()
    {
        var settings = new PostgresConnectionSettings
        {
            Host = "db.example",
            Port = 6543,
            Database = "mas",
            Username = "mas_user",
            Password = Password,
            SslMode = SslMode.VerifyCA,
            RootCertificateFile = "/r.pem",
            ClientCertificateFile = "/c.pem",
            ClientKeyFile = "/k.pem",
            SslPassword = "kp",
        };

        var builder = settings.ToConnectionStringBuilder("syn2mas-net-tests");

        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("mas", builder.Database);
        Assert.Equal("mas_user", builder.Username);
        Assert.Equal(Password, builder.Password);
        Assert.Equal(SslMode.VerifyCA, builder.SslMode);
        Assert.Equal("/r.pem", builder.RootCertificate);
        Assert.Equal("/c.pem", builder.SslCertificate);
        Assert.Equal("/k.pem", builder.SslKey);
        Assert.Equal("kp", builder.SslPassword);
        Assert.Equal("syn2mas-net-tests", builder.ApplicationName);
    }

    [Fact]
    public void ToConnectionStringBuilder_leaves_the_driver_default_ssl_mode_when_none_is_given()
    {
        var builder = new PostgresConnectionSettings { Host = "/var/run/postgresql" }.ToConnectionStringBuilder("tests");

        Assert.Equal(new NpgsqlConnectionStringBuilder().SslMode, builder.SslMode);
        Assert.Equal("/var/run/postgresql", builder.Host);
        Assert.Equal(5432, builder.Port);
    }

    [Fact]
    public void WithDatabase_changes_only_the_database()
    {
        var settings = PostgresConnectionSettings.FromUri($"postgresql://mas:{Password}@db.example:6543/mas?sslmode=require&sslrootcert=/r.pem");

        var other = settings.WithDatabase("postgres");

        Assert.Equal("postgres", other.Database);
        Assert.Equal("mas", settings.Database);
        Assert.Equal(settings.Host, other.Host);
        Assert.Equal(settings.Port, other.Port);
        Assert.Equal(settings.Username, other.Username);
        Assert.Equal(settings.Password, other.Password);
        Assert.Equal(settings.SslMode, other.SslMode);
        Assert.Equal(settings.RootCertificateFile, other.RootCertificateFile);
    }
}
