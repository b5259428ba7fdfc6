using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Net.Tests.Infrastructure;

/// <summary>
/// Two throw-away PostgreSQL 15 clusters with TLS on, started from the Debian binaries for the TLS and
/// password tests and deleted afterwards: <see cref="Main"/> presents a certificate for 127.0.0.1 and accepts
/// connections with and without TLS; <see cref="OtherName"/> presents a certificate for <c>other.test</c> and
/// accepts TLS connections only. Both certificates are signed by <see cref="CaFile"/>; <see cref="WrongCaFile"/>
/// is a second authority that signed neither. The superuser <c>postgres</c> logs in with <see cref="Password"/>
/// (SCRAM) on 127.0.0.1, and without one on the Unix socket in <see cref="SocketFolder"/>.
/// </summary>
/// <remarks>
/// The server refuses to run as root, so when the tests run as root (as on CI) initdb and pg_ctl run as the
/// <c>postgres</c> OS user that the postgresql-15 package creates.
/// </remarks>
public sealed class TlsPostgresServer : IAsyncLifetime, IDisposable
{
    private const string BinFolder = "/usr/lib/postgresql/15/bin";

    private readonly TempFolder _folder = new();
    private readonly List<string> _started = [];

    public string Password { get; } = Guid.NewGuid().ToString("N");

    public string CaFile => _folder.File("ca.pem");

    public string WrongCaFile => _folder.File("wrong-ca.pem");

    public string CaPem => File.ReadAllText(CaFile);

    public string WrongCaPem => File.ReadAllText(WrongCaFile);

    /// <summary>The Unix socket folder of <see cref="Main"/>.</summary>
    public string SocketFolder => Path.Combine(_folder.Path, "pg", "main");

    public int MainPort { get; private set; }

    public int OtherNamePort { get; private set; }

    /// <summary>The main server on 127.0.0.1, database <c>postgres</c>, with the password; TLS as the caller sets.</summary>
    public PostgresConnectionSettings Main => new() { Host = "127.0.0.1", Port = MainPort, Database = "postgres", Username = "postgres", Password = Password };

    public PostgresConnectionSettings OtherName => new() { Host = "127.0.0.1", Port = OtherNamePort, Database = "postgres", Username = "postgres", Password = Password };

    /// <summary>A <c>postgresql://</c> URI of the main server without its password.</summary>
    public string MainUri(string query) => $"postgresql://postgres@127.0.0.1:{MainPort}/postgres?{query}";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(BinFolder, "initdb")))
        {
            throw new InvalidOperationException($"{BinFolder}/initdb is missing: the TLS tests start their own PostgreSQL 15; install postgresql-15.");
        }

        using (var authority = TestCertificateAuthority.Create("syn2mas-net test CA"))
        using (var wrong = TestCertificateAuthority.Create("syn2mas-net other CA"))
        {
            File.WriteAllText(CaFile, authority.CertificatePem);
            File.WriteAllText(WrongCaFile, wrong.CertificatePem);
            var pg = Directory.CreateDirectory(Path.Combine(_folder.Path, "pg")).FullName;
            WriteServerCertificate(pg, "main", authority.Issue("127.0.0.1", ["localhost"], [IPAddress.Loopback]));
            WriteServerCertificate(pg, "other", authority.Issue("other.test", ["other.test"], []));
            File.WriteAllText(Path.Combine(pg, "pwfile"), Password + "\n");
            Directory.CreateDirectory(Path.Combine(pg, "main"));
            Directory.CreateDirectory(Path.Combine(pg, "other"));
        }

        var folder = Path.Combine(_folder.Path, "pg");
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", folder], asPostgres: false);
        }

        await RunAsync(Path.Combine(BinFolder, "initdb"),
            ["-D", Path.Combine(folder, "data-main"), "-U", "postgres", $"--pwfile={Path.Combine(folder, "pwfile")}", "--auth-local=trust",
             "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"]);
        await RunAsync("cp", ["-a", Path.Combine(folder, "data-main"), Path.Combine(folder, "data-other")]);

        // The second server takes TLS connections only, so that allow's retry with TLS is exercised.
        await RunAsync("sh", ["-c", $"printf 'local all all trust\\nhostssl all all 127.0.0.1/32 scram-sha-256\\n' > '{Path.Combine(folder, "data-other", "pg_hba.conf")}'"]);

        MainPort = await StartAsync(folder, "main");
        OtherNamePort = await StartAsync(folder, "other");
    }

    public async Task DisposeAsync()
    {
        foreach (var data in _started)
        {
            try
            {
                await RunAsync(Path.Combine(BinFolder, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Deleting the folder below is what matters; a server that is gone already is fine.
            }
        }

        Dispose();
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Whether the server saw the current connection over TLS.</summary>
    public static async Task<bool> IsEncryptedAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void WriteServerCertificate(string folder, string name, (string CertificatePem, string KeyPem) issued)
    {
        File.WriteAllText(Path.Combine(folder, $"{name}.crt"), issued.CertificatePem);
        var key = Path.Combine(folder, $"{name}.key");
        File.WriteAllText(key, issued.KeyPem);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private async Task<int> StartAsync(string folder, string name)
    {
        var data = Path.Combine(folder, $"data-{name}");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var options = string.Join(' ',
                "-c listen_addresses=127.0.0.1", $"-p {port.ToString(CultureInfo.InvariantCulture)}", $"-c unix_socket_directories={Path.Combine(folder, name)}",
                "-c ssl=on", $"-c ssl_cert_file={Path.Combine(folder, $"{name}.crt")}", $"-c ssl_key_file={Path.Combine(folder, $"{name}.key")}",
                "-c fsync=off", "-c synchronous_commit=off", "-c shared_buffers=16MB", "-c max_connections=30");
            try
            {
                await RunAsync(Path.Combine(BinFolder, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, $"{name}.log"), "-w", "-t", "60", "-o", options, "start"]);
                _started.Add(data);
                return port;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between the probe and the start.
            }
        }
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres = true)
    {
        var start = new ProcessStartInfo(asPostgres && IsRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder.Path,
        };
        if (asPostgres && IsRoot)
        {
            foreach (var argument in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output} {await error}");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
