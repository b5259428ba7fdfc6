using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;
using Syn2Mas.Net.Tests.Migration;

namespace Syn2Mas.Net.Tests.Tls;

/// <summary>
/// Every way a root certificate reaches the tool (Synapse's <c>sslrootcert</c>, <c>sslrootcert=</c> in either
/// URI option, MAS's <c>ssl_ca_file</c> and inline <c>ssl_ca</c>) makes <c>sslmode=require</c> check the
/// server's certificate, as psql does: through the real command line, exit 1 and one line with the reason.
/// </summary>
[Collection(TlsPostgresGroup.Name)]
public sealed class TlsRouteTests(TlsPostgresServer server) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Synapse_sslrootcert_of_another_authority_is_refused()
    {
        var config = WriteSynapseConfig("homeserver.yaml", server.WrongCaFile);

        var run = await CliRun.RunAsync("advisor", "--synapse-config", config);

        AssertRefused(run, "Synapse's PostgreSQL database");
    }

    [Fact]
    public async Task Sslrootcert_in_the_synapse_database_uri_is_honoured()
    {
        var config = _folder.Write("homeserver.yaml", "server_name: example.com\n");

        var run = await CliRun.RunAsync(
            "advisor", "--synapse-config", config, "--synapse-database-uri", server.MainUri($"sslmode=require&sslrootcert={server.WrongCaFile}"));

        AssertRefused(run, "Synapse's PostgreSQL database");
    }

    [Fact]
    public async Task Sslrootcert_in_the_mas_database_uri_is_honoured()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite");

        var run = await CliRun.RunAsync(
            "advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath,
            "--mas-database-uri", server.MainUri($"sslmode=require&sslrootcert={server.WrongCaFile}"));

        AssertRefused(run, "MAS's PostgreSQL database");
    }

    [Theory]
    [InlineData("ssl_ca_file")]
    [InlineData("ssl_ca")]
    public async Task Mas_ssl_ca_of_another_authority_is_refused_and_the_right_one_connects(string key)
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite");

        var wrong = await CliRun.RunAsync(
            "advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", WriteMasConfig(key, server.WrongCaFile));
        var right = await CliRun.RunAsync(
            "advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", WriteMasConfig(key, server.CaFile));

        AssertRefused(wrong, "MAS's PostgreSQL database");

        // Connected: the server's `postgres` database is no MAS database, which the checks then report.
        Assert.Equal(10, right.ExitCode);
        Assert.Contains("mas-not-a-mas-database", right.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Password, right.Stdout + right.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Libpqs_default_root_certificate_in_home_is_used_when_none_is_given()
    {
        var home = Directory.CreateDirectory(_folder.File("home")).FullName;
        Directory.CreateDirectory(Path.Combine(home, ".postgresql"));
        File.Copy(server.WrongCaFile, Path.Combine(home, ".postgresql", "root.crt"));
        var config = _folder.Write("homeserver.yaml", "server_name: example.com\n");
        var environment = new Dictionary<string, string> { ["HOME"] = home, ["PGPASSWORD"] = server.Password };

        await using var process = CliProcess.Start(
            environment, "advisor", "--synapse-config", config, "--synapse-database-uri", server.MainUri("sslmode=require"));
        var (exitCode, _, stderr) = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("certificate verify failed", line, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(home, ".postgresql", "root.crt"), line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_garbage_pem_is_one_line_naming_the_setting_for_every_route()
    {
        var garbage = _folder.Write("garbage.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
        var synapseConfig = WriteSynapseConfig("homeserver.yaml", garbage);
        var plainSynapse = _folder.Write("plain.yaml", "server_name: example.com\n");
        var masInline = _folder.Write("mas-inline.yaml", "database:\n  host: 127.0.0.1\n  ssl_mode: require\n  ssl_ca: \"-----BEGIN CERTIFICATE-----\\ngarbage\\n-----END CERTIFICATE-----\"\n");
        var masFile = _folder.Write("mas-file.yaml", $"database:\n  host: 127.0.0.1\n  ssl_mode: require\n  ssl_ca_file: {garbage}\n");

        var runs = new (CliRun Run, string Setting)[]
        {
            (await CliRun.RunAsync("advisor", "--synapse-config", synapseConfig), "database.args.sslrootcert"),
            (await CliRun.RunAsync("advisor", "--synapse-config", plainSynapse, "--synapse-database-uri", server.MainUri($"sslrootcert={garbage}")),
                "--synapse-database-uri"),
            (await CliRun.RunAsync("advisor", "--synapse-config", plainSynapse, "--mas-config", masInline), "database.ssl_ca"),
            (await CliRun.RunAsync("advisor", "--synapse-config", plainSynapse, "--mas-config", masFile), "database.ssl_ca_file"),
        };

        foreach (var (run, setting) in runs)
        {
            Assert.Equal(2, run.ExitCode);
            var line = Assert.Single(run.StderrLines);
            Assert.Contains(setting, line, StringComparison.Ordinal);
            Assert.Contains("holds no valid PEM certificate", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Cryptographic", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Verify_full_without_any_root_certificate_is_exit_2_before_any_database_is_opened()
    {
        var home = Directory.CreateDirectory(_folder.File("empty-home")).FullName;
        var config = _folder.Write("homeserver.yaml", "server_name: example.com\n");

        await using var process = CliProcess.Start(
            new Dictionary<string, string> { ["HOME"] = home }, "advisor", "--synapse-config", config,
            "--synapse-database-uri", server.MainUri("sslmode=verify-full"));
        var (exitCode, stdout, stderr) = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("sslmode verify-full needs a root certificate", line, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Theory]
    [InlineData("PGSSLMODE", "verify-ca", 2, "sslmode verify-ca needs a root certificate")]
    [InlineData("PGSSLROOTCERT", "wrong", 1, "certificate verify failed")]
    public async Task Libpqs_environment_variables_for_tls_apply_when_the_uri_sets_nothing(string variable, string value, int exitCode, string expected)
    {
        var home = Directory.CreateDirectory(_folder.File("empty-home")).FullName;
        var config = _folder.Write("homeserver.yaml", "server_name: example.com\n");
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["PGPASSWORD"] = server.Password,
            [variable] = value == "wrong" ? server.WrongCaFile : value,
        };
        if (variable == "PGSSLROOTCERT")
        {
            environment["PGSSLMODE"] = "require";
        }

        await using var process = CliProcess.Start(
            environment, "advisor", "--synapse-config", config, "--synapse-database-uri", server.MainUri("application_name=x"));
        var (actualExitCode, _, stderr) = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(exitCode, actualExitCode);
        Assert.Contains(expected, Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_certificate_that_is_not_pem_is_one_line_naming_the_setting()
    {
        var garbage = _folder.Write("client.pem", "not a certificate\n");
        var synapse = _folder.Write("client.yaml",
            $"server_name: example.com\ndatabase:\n  name: psycopg2\n  args:\n    host: db\n    sslcert: {garbage}\n    sslkey: {garbage}\n");
        var mas = _folder.Write("mas-client.yaml", "database:\n  host: db\n  ssl_certificate: \"garbage\"\n  ssl_key: \"garbage\"\n");

        var fromSynapse = Assert.Throws<Syn2Mas.Net.Configuration.ConfigurationException>(() => Syn2Mas.Net.Configuration.SynapseConfigLoader.Load([synapse]));
        var fromMas = Assert.Throws<Syn2Mas.Net.Configuration.ConfigurationException>(() => Syn2Mas.Net.Configuration.MasConfigLoader.Load([mas]));

        Assert.Contains("`database.args.sslcert`", fromSynapse.Message, StringComparison.Ordinal);
        Assert.Contains("`database.ssl_certificate`", fromMas.Message, StringComparison.Ordinal);
        Assert.All([fromSynapse.Message, fromMas.Message], message => Assert.Contains("holds no valid PEM", message, StringComparison.Ordinal));
    }

    private string WriteSynapseConfig(string name, string rootCertificate) => _folder.Write(name, $"""
        server_name: example.com
        database:
          name: psycopg2
          args:
            host: 127.0.0.1
            port: {server.MainPort}
            user: postgres
            password: {server.Password}
            dbname: postgres
            sslmode: require
            sslrootcert: {rootCertificate}
        """);

    private string WriteMasConfig(string key, string caFile)
    {
        var ca = key == "ssl_ca"
            ? "ssl_ca: |\n" + string.Join('\n', File.ReadAllText(caFile).Trim().Split('\n').Select(line => "    " + line))
            : $"ssl_ca_file: {caFile}";
        return _folder.Write($"mas-{key}-{Path.GetFileNameWithoutExtension(caFile)}.yaml", $"""
            database:
              host: 127.0.0.1
              port: {server.MainPort}
              username: postgres
              password: {server.Password}
              database: postgres
              ssl_mode: require
              {ca}
            """);
    }

    private void AssertRefused(CliRun run, string database)
    {
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.StderrLines, line => !line.StartsWith("warning: ", StringComparison.Ordinal));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(database, line, StringComparison.Ordinal);
        Assert.Contains("TLS handshake failed: certificate verify failed", line, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Password, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
