using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Cli;

/// <summary>
/// A whole advisor setup for one test: a Synapse database (SQLite file or PostgreSQL database) from a
/// schema fixture plus rows, a MAS database from its fixture with the sample providers, and the two
/// configuration files pointing at them, written as an admin would.
/// </summary>
internal sealed class AdvisorScenario : IAsyncDisposable
{
    public const string Pepper = "pepper-5b1e0c-do-not-print";
    public const string PasswordHash = "$2b$12$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZa";
    public const string AccessToken = "syt_YWxpY2U_secrettoken_1x2y3z";
    public const string RefreshToken = "syr_YWxpY2U_secretrefresh_4u5v6w";

    /// <summary>Rows both dialects accept: one ordinary user with a password, an email, a device and tokens.</summary>
    public const string HealthyRows = $"""
        INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, deactivated) VALUES
            ('@alice:example.com', '{PasswordHash}', 1600000000, 0, 0, 0);
        INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES
            ('@alice:example.com', 'email', 'alice@example.com', 1600000000000, 1600000000000);
        INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES ('oidc-authelia', 'alice-sub', '@alice:example.com');
        INSERT INTO devices (user_id, device_id, display_name, last_seen, ip, user_agent, hidden) VALUES
            ('@alice:example.com', 'ALICEPHONE', 'Element X', 1700000000000, '192.0.2.10', 'Element X/1.0', FALSE);
        INSERT INTO refresh_tokens (id, user_id, device_id, token) VALUES (1, '@alice:example.com', 'ALICEPHONE', '{RefreshToken}');
        INSERT INTO access_tokens (id, user_id, device_id, token, last_validated, refresh_token_id) VALUES
            (1, '@alice:example.com', 'ALICEPHONE', '{AccessToken}', 1700000000000, 1);
        """;

    private readonly TempFolder _folder = new();
    private readonly SqliteTestDatabase? _sqlite;
    private readonly TestDatabase? _synapsePostgres;
    private readonly TestDatabase _mas;

    private AdvisorScenario(SqliteTestDatabase? sqlite, TestDatabase? synapsePostgres, TestDatabase mas)
    {
        _sqlite = sqlite;
        _synapsePostgres = synapsePostgres;
        _mas = mas;
    }

    public string SynapseConfigPath => _folder.File("homeserver.yaml");

    public string MasConfigPath => _folder.File("mas.yaml");

    public string Folder => _folder.Path;

    public TestDatabase Mas => _mas;

    public SqliteTestDatabase? Sqlite => _sqlite;

    public TestDatabase? SynapsePostgres => _synapsePostgres;

    public string MasPassword => new Npgsql.NpgsqlConnectionStringBuilder(_mas.ConnectionString).Password!;

    public static async Task<AdvisorScenario> CreateAsync(
        string dialect,
        string rows = HealthyRows,
        int synapseSchema = 94,
        string masSchema = "schema-1.22.sql",
        string extraSynapseYaml = "")
    {
        SqliteTestDatabase? sqlite = null;
        TestDatabase? postgres = null;
        if (dialect == "sqlite")
        {
            sqlite = SqliteTestDatabase.Create(RepoPaths.Fixture("synapse", "sqlite", $"schema-{synapseSchema}.sql"));
            sqlite.Execute(rows);
        }
        else
        {
            postgres = await PostgresServer.CreateDatabaseAsync(RepoPaths.Fixture("synapse", "postgres", $"schema-{synapseSchema}.sql"));
            await using var connection = await postgres.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(rows, connection);
            await command.ExecuteNonQueryAsync();
        }

        var mas = await PostgresServer.CreateDatabaseAsync(RepoPaths.Fixture("mas", masSchema));
        await mas.ExecuteFileAsync(RepoPaths.Fixture("mas", "providers.sql"));
        var scenario = new AdvisorScenario(sqlite, postgres, mas);
        scenario.WriteConfigs(extraSynapseYaml);
        return scenario;
    }

    public void WriteConfigs(string extraSynapseYaml = "")
    {
        var database = _sqlite is not null
            ? $"""
              database:
                name: sqlite3
                args:
                  database: {_sqlite.Path}
              """
            : $"""
              database:
                name: psycopg2
                args:
                  host: {Builder(_synapsePostgres!).Host}
                  port: {Builder(_synapsePostgres!).Port}
                  user: {Builder(_synapsePostgres!).Username}
                  password: "{Builder(_synapsePostgres!).Password}"
                  dbname: {_synapsePostgres!.Name}
                  cp_min: 5
              """;
        _folder.Write("homeserver.yaml", $"""
            server_name: example.com
            public_baseurl: https://matrix.example.com/
            {database}
            password_config:
              pepper: "{Pepper}"
            oidc_providers:
              - idp_id: authelia
                idp_name: Authelia
                issuer: https://auth.example.com
                client_id: synapse
                client_secret: "synapse-oidc-secret-3c9d"
            {extraSynapseYaml}
            """);
        _folder.Write("mas.yaml", $"""
            database:
              uri: "{_mas.Uri}"
            matrix:
              homeserver: example.com
              secret: "mas-matrix-secret-77aa"
            passwords:
              enabled: true
              schemes:
                - version: 1
                  algorithm: bcrypt
                  unicode_normalization: true
                  secret: "{Pepper}"
                - version: 2
                  algorithm: argon2id
            upstream_oauth2:
              providers:
                - id: 01JMS9TZPSM6XR8TB3HCN5FVEA
                  synapse_idp_id: oidc-authelia
                  issuer: https://auth.example.com
                  client_id: mas
                  client_secret: "mas-upstream-secret-91ef"
            branding:
              tos_uri: https://example.com/terms
            """);
    }

    /// <summary>Every secret the scenario planted; none may reach any output.</summary>
    public IEnumerable<string> Secrets => new[]
    {
        Pepper, PasswordHash, AccessToken, RefreshToken, MasPassword, "synapse-oidc-secret-3c9d", "mas-matrix-secret-77aa", "mas-upstream-secret-91ef",
    }.Concat(_synapsePostgres is null ? [] : [Builder(_synapsePostgres).Password!]);

    public async ValueTask DisposeAsync()
    {
        _sqlite?.Dispose();
        if (_synapsePostgres is not null)
        {
            await _synapsePostgres.DisposeAsync();
        }

        await _mas.DisposeAsync();
        _folder.Dispose();
    }

    private static Npgsql.NpgsqlConnectionStringBuilder Builder(TestDatabase database) => new(database.ConnectionString);
}
