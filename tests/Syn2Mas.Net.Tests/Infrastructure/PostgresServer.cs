using System.Net;
using System.Net.Sockets;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Npgsql;

namespace Syn2Mas.Net.Tests.Infrastructure;

/// <summary>
/// The one PostgreSQL server of a test run. <c>SYN2MAS_TEST_PG</c> names an existing server; otherwise
/// Testcontainers starts one container for the whole run (the vfs storage driver copies the image per
/// container, so one per test would be slow). Tests never share a database: each asks for its own.
/// </summary>
/// <remarks>
/// <c>SYN2MAS_TEST_PG_IMAGE</c> picks the image (default: the official <c>postgres:15</c>, which an
/// ordinary developer machine pulls); <c>SYN2MAS_TEST_DOCKER_NETWORK=host</c> runs it on the host network
/// on a free loopback port, for engines without a bridge. <c>scripts/test-env.sh</c> sets both.
/// </remarks>
public sealed class PostgresServer
{
    public const string ExistingServerVariable = "SYN2MAS_TEST_PG";
    public const string ImageVariable = "SYN2MAS_TEST_PG_IMAGE";
    public const string NetworkVariable = "SYN2MAS_TEST_DOCKER_NETWORK";
    public const string ContainerLabel = "syn2mas-net.test";

    /// <summary>The collation Synapse requires of its PostgreSQL database (it refuses to start on another).</summary>
    public const string SynapseCollation = "TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'";

    private const string DefaultImage = "postgres:15";

    private static readonly Lazy<Task<PostgresServer>> LazyInstance = new(StartAsync);

    private PostgresServer(NpgsqlConnectionStringBuilder admin, string description)
    {
        Admin = admin;
        Description = description;
    }

    /// <summary>A superuser connection to the server's <c>postgres</c> database.</summary>
    public NpgsqlConnectionStringBuilder Admin { get; }

    /// <summary>Which server this is, for test output.</summary>
    public string Description { get; }

    public static Task<PostgresServer> Instance => LazyInstance.Value;

    /// <param name="createOptions">
    /// Appended to <c>CREATE DATABASE</c>, e.g. <see cref="SynapseCollation"/>; by default the server's
    /// locale applies.
    /// </param>
    public static async Task<TestDatabase> CreateDatabaseAsync(string? schemaFile = null, string? createOptions = null)
    {
        var server = await Instance;
        var database = await TestDatabase.CreateAsync(server, createOptions);
        if (schemaFile is not null)
        {
            await database.ExecuteFileAsync(schemaFile);
        }

        return database;
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var existing = Environment.GetEnvironmentVariable(ExistingServerVariable);
        if (!string.IsNullOrWhiteSpace(existing))
        {
            var builder = new NpgsqlConnectionStringBuilder(Syn2Mas.Net.Configuration.PostgresConnectionSettings.Parse(existing)
                .ToConnectionStringBuilder("syn2mas-net-tests").ConnectionString) { Database = "postgres" };
            await WaitUntilReadyAsync(builder, TimeSpan.FromSeconds(10), $"the server named by {ExistingServerVariable}");
            return Announce(new PostgresServer(builder, $"existing server {builder.Host}:{builder.Port} ({ExistingServerVariable})"));
        }

        try
        {
            return Announce(await StartContainerAsync());
        }
        catch (Exception exception) when (exception is not InvalidOperationException)
        {
            throw new InvalidOperationException(
                "The integration tests need PostgreSQL and none could be started through Testcontainers "
                + $"({exception.GetType().Name}: {exception.Message.Split('\n')[0]}). Provide one of: a running Docker engine "
                + $"(on Debian, `bash scripts/test.sh` installs and starts one and builds the local image), or "
                + $"{ExistingServerVariable}='Host=127.0.0.1;Port=5432;Username=postgres;Password=…' naming a server where the tests may create and drop databases.",
                exception);
        }
    }

    private static async Task<PostgresServer> StartContainerAsync()
    {
        var image = Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } configured ? configured : DefaultImage;
        var hostNetwork = Environment.GetEnvironmentVariable(NetworkVariable) == "host";
        var password = Guid.NewGuid().ToString("N");
        var builder = new ContainerBuilder(image)
            .WithLabel(ContainerLabel, "true")
            .WithEnvironment("POSTGRES_PASSWORD", password)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("database system is ready to accept connections"));
        var port = 5432;
        if (hostNetwork)
        {
            // On the host network the server must listen on loopback only, on a port nobody else holds.
            port = FreeLoopbackPort();
            builder = builder
                .WithEnvironment("PGPORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithCreateParameterModifier(parameters => parameters.HostConfig!.NetworkMode = "host");
        }
        else
        {
            builder = builder.WithPortBinding(5432, assignRandomHostPort: true);
        }

        var container = builder.Build();
        await container.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(container);

        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = hostNetwork ? "127.0.0.1" : container.Hostname,
            Port = hostNetwork ? port : container.GetMappedPublicPort(5432),
            Username = "postgres",
            Password = password,
            Database = "postgres",
            ApplicationName = "syn2mas-net-tests",
        };

        // The official image logs "ready" once for its init-time server before the real one starts.
        await WaitUntilReadyAsync(admin, TimeSpan.FromSeconds(60), $"the container from {image}");
        return new PostgresServer(admin, $"Testcontainers container {container.Id[..12]} from image {image} on {admin.Host}:{admin.Port}{(hostNetwork ? " (host network)" : "")}");
    }

    private static void Stop(IContainer container)
    {
        try
        {
            container.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(20));
        }
        catch (AggregateException)
        {
            // The run is over; scripts/test-env.sh removes labelled leftovers.
        }
    }

    private static async Task WaitUntilReadyAsync(NpgsqlConnectionStringBuilder admin, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(admin.ConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync();
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL for the tests ({what}, {admin.Host}:{admin.Port}) did not accept connections within {timeout.TotalSeconds:0} s: {exception.Message}. "
                    + $"Check the server, or unset {ExistingServerVariable} to let Testcontainers start one.",
                    exception);
            }
        }
    }

    private static PostgresServer Announce(PostgresServer server)
    {
        // Shown in the test run's output, so a reader sees which server the integration tests ran against.
        Console.Error.WriteLine($"PostgreSQL for tests: {server.Description}");
        var log = Path.Combine(RepoPaths.Root, "TestResults", "postgres-for-tests.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        File.WriteAllText(log, server.Description + Environment.NewLine);
        return server;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
