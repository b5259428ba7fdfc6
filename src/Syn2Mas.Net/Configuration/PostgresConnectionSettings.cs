using System.Security.Cryptography.X509Certificates;
using Npgsql;

namespace Syn2Mas.Net.Configuration;

/// <summary>
/// Where and how to reach a PostgreSQL database, from a Synapse <c>database</c> section, a MAS
/// <c>database</c> section or a URI. <see cref="ToString"/> names host, port, database and user only:
/// the password and key material never leave this object except into the driver.
/// </summary>
public sealed class PostgresConnectionSettings
{
    public const int DefaultPort = 5432;

    /// <summary>A host name or address, or the folder of a Unix socket (an absolute path).</summary>
    public required string Host { get; init; }

    public int Port { get; init; } = DefaultPort;

    public string? Database { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public SslMode? SslMode { get; init; }

    public string? RootCertificateFile { get; init; }

    public string? ClientCertificateFile { get; init; }

    public string? ClientKeyFile { get; init; }

    public string? SslPassword { get; init; }

    /// <summary>PEM text given inline (MAS <c>ssl_ca</c>).</summary>
    public string? RootCertificatePem { get; init; }

    /// <summary>PEM text given inline (MAS <c>ssl_certificate</c>).</summary>
    public string? ClientCertificatePem { get; init; }

    /// <summary>PEM text given inline (MAS <c>ssl_key</c>).</summary>
    public string? ClientKeyPem { get; init; }

    public bool IsUnixSocket => Host.StartsWith('/');

    /// <summary>Parses a <c>postgres://</c> or <c>postgresql://</c> URI as libpq reads it.</summary>
    public static PostgresConnectionSettings FromUri(string uri) => PostgresUri.Parse(uri);

    public static bool IsPostgresUri(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Accepts a URI or an Npgsql keyword connection string (<c>Host=…;Port=…</c>).</summary>
    public static PostgresConnectionSettings Parse(string value)
    {
        if (IsPostgresUri(value))
        {
            return FromUri(value);
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException)
        {
            throw new ConfigurationException("The PostgreSQL connection is neither a postgresql:// URI nor a Host=…;Database=… connection string.");
        }

        return new PostgresConnectionSettings
        {
            Host = builder.Host ?? "localhost",
            Port = builder.Port,
            Database = builder.Database,
            Username = builder.Username,
            Password = builder.Password,
            SslMode = builder.SslMode,
            RootCertificateFile = builder.RootCertificate,
            ClientCertificateFile = builder.SslCertificate,
            ClientKeyFile = builder.SslKey,
            SslPassword = builder.SslPassword,
        };
    }

    /// <summary><see cref="Parse"/> for a command-line option: a problem names the option.</summary>
    internal static PostgresConnectionSettings ParseOption(string value, string option)
    {
        try
        {
            return Parse(value);
        }
        catch (ConfigurationException exception)
        {
            throw new ConfigurationException($"{option}: {exception.Message}", exception);
        }
    }

    public PostgresConnectionSettings WithDatabase(string database) => Copy(database, Password);

    public PostgresConnectionSettings WithPassword(string? password) => Copy(Database, password);

    private PostgresConnectionSettings Copy(string? database, string? password) => new()
    {
        Host = Host,
        Port = Port,
        Database = database,
        Username = Username,
        Password = password,
        SslMode = SslMode,
        RootCertificateFile = RootCertificateFile,
        ClientCertificateFile = ClientCertificateFile,
        ClientKeyFile = ClientKeyFile,
        SslPassword = SslPassword,
        RootCertificatePem = RootCertificatePem,
        ClientCertificatePem = ClientCertificatePem,
        ClientKeyPem = ClientKeyPem,
    };

    public NpgsqlConnectionStringBuilder ToConnectionStringBuilder(string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = Database,
            Username = Username,
            Password = Password,
            ApplicationName = applicationName,
            RootCertificate = RootCertificateFile,
            SslCertificate = ClientCertificateFile,
            SslKey = ClientKeyFile,
            SslPassword = SslPassword,
        };
        if (SslMode is { } sslMode)
        {
            builder.SslMode = sslMode;
        }

        return builder;
    }

    /// <param name="applicationName">The name the server shows for the connections (<c>pg_stat_activity</c>).</param>
    /// <param name="commandTimeout">
    /// How long one statement may run before the client gives up on it; <see cref="TimeSpan.Zero"/> for no
    /// limit. By default Npgsql's 30 seconds.
    /// </param>
    /// <exception cref="ConfigurationException">The TLS settings cannot be used (see <see cref="PostgresTls"/>).</exception>
    public NpgsqlDataSource CreateDataSource(string applicationName, TimeSpan? commandTimeout = null)
    {
        var tls = PostgresTls.For(this);
        var connectionString = ToConnectionStringBuilder(applicationName);
        connectionString.SslMode = tls.DriverMode;
        connectionString.RootCertificate = null;
        if (Password is null && !OperatingSystem.IsWindows())
        {
            // PGPASSWORD and the password file were already consulted by libpq's rules (PostgresPassword);
            // Npgsql's own look-up would also read a file that libpq ignores for its permissions.
            connectionString.Passfile = "/dev/null";
        }

        var builder = new NpgsqlDataSourceBuilder(connectionString.ConnectionString);
        if (commandTimeout is { } timeout)
        {
            builder.ConnectionStringBuilder.CommandTimeout = (int)Math.Ceiling(timeout.TotalSeconds);
        }

        X509Certificate2? clientCertificate = null;
        if (ClientCertificatePem is not null)
        {
            clientCertificate = ClientKeyPem is null
                ? X509Certificate2.CreateFromPem(ClientCertificatePem)
                : X509Certificate2.CreateFromPem(ClientCertificatePem, ClientKeyPem);
        }

        builder.UseSslClientAuthenticationOptionsCallback(options =>
        {
            // Accepting an unchecked certificate is libpq's require/prefer/allow without a root certificate;
            // every other case is checked, and refused by an exception that carries the reason.
#pragma warning disable CA5359
            options.RemoteCertificateValidationCallback = tls.Validate;
#pragma warning restore CA5359
            if (clientCertificate is not null)
            {
                options.ClientCertificates = [clientCertificate];
            }
        });
        return builder.Build();
    }

    /// <summary>Names the database without any secret, for messages: <c>user@host:port/database</c>.</summary>
    public override string ToString()
    {
        var user = Username is null ? "" : Username + "@";
        var host = IsUnixSocket ? $"{Host} (Unix socket)" : Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        return $"{user}{host}:{Port}/{Database ?? Username ?? ""}";
    }
}
