using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Doctor;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Doctor;

/// <summary>
/// A Synapse and a MAS configuration written for the doctor tests: a base pair that is wired right
/// (Synapse delegates through <c>matrix_authentication_service</c>), and override files whose top-level
/// keys replace the base's, as a second <c>--synapse-config</c>/<c>--mas-config</c> file would.
/// </summary>
internal sealed class DoctorPair : IDisposable
{
    public const string SharedSecret = "shared-secret-5e1f0c9a";
    public const string ClientSecret = "client-secret-77ab20d4";
    public const string Pepper = "pepper-c3d91e0b";
    public const string DatabasePassword = "mas-db-password-41c8";
    public const string EncryptionKey = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    public const string SigningKey = "signing-key-body-0f3e9a";
    public const string UpstreamSecret = "upstream-client-secret-a19c";

    /// <summary>Every secret the fixtures hold: none may appear in an output or a report.</summary>
    public static readonly string[] Secrets = [SharedSecret, ClientSecret, Pepper, DatabasePassword, EncryptionKey, SigningKey, UpstreamSecret];

    public const string SynapseBase = $"""
        server_name: example.test
        public_baseurl: https://matrix.example.test/
        database:
          name: sqlite3
          args:
            database: homeserver.db
        password_config:
          pepper: {Pepper}
        matrix_authentication_service:
          enabled: true
          endpoint: http://mas:8080/
          secret: {SharedSecret}
        """;

    public const string MasBase = $"""
        http:
          public_base: https://auth.example.test/
        database:
          uri: postgresql://mas:{DatabasePassword}@localhost/mas
        matrix:
          homeserver: example.test
          secret: {SharedSecret}
          endpoint: http://synapse:8008/
        passwords:
          enabled: true
          schemes:
            - version: 1
              algorithm: bcrypt
              unicode_normalization: true
              secret: {Pepper}
            - version: 2
              algorithm: argon2id
        secrets:
          encryption: {EncryptionKey}
          keys:
            - kid: key1
              key: {SigningKey}
        """;

    /// <summary>The user story's Synapse side: the older msc3861 section, with a client in MAS's <c>clients</c>.</summary>
    public const string Msc3861Synapse = $"""
        matrix_authentication_service:
        experimental_features:
          msc3575_enabled: true
          msc3861:
            enabled: true
            issuer: https://auth.example.test/
            client_id: 0000000000000000000SYNAPSE
            client_auth_method: client_secret_basic
            client_secret: {ClientSecret}
            admin_token: {SharedSecret}
        """;

    public const string Msc3861Clients = $"""
        clients:
          - client_id: 0000000000000000000SYNAPSE
            client_auth_method: client_secret_basic
            client_secret: {ClientSecret}
        """;

    /// <summary>Before the switch: Synapse logs users in itself, through an OIDC provider too.</summary>
    public const string BeforeSwitchSynapse = $"""
        matrix_authentication_service:
        oidc_providers:
          - idp_id: authelia
            idp_name: Authelia
            issuer: https://idp.example.test/
            client_id: synapse
            client_secret: {UpstreamSecret}
        """;

    public const string BeforeSwitchMas = $"""
        upstream_oauth2:
          providers:
            - id: 01JB6ZQ3X9R2T8VN4K7MPD5EWA
              synapse_idp_id: oidc-authelia
              issuer: https://idp.example.test
              client_id: synapse
              client_secret: {UpstreamSecret}
        """;

    private readonly TempFolder _folder = new();

    public DoctorPair(string synapseOverride = "", string masOverride = "")
    {
        SynapseFiles = Files("homeserver", SynapseBase, synapseOverride);
        MasFiles = Files("mas", MasBase, masOverride);
    }

    public string Folder => _folder.Path;

    public IReadOnlyList<string> SynapseFiles { get; }

    public IReadOnlyList<string> MasFiles { get; }

    public string Write(string name, string contents) => _folder.Write(name, contents);

    public DoctorConfiguration Load() => DoctorConfiguration.Load(SynapseFiles, MasFiles);

    public IReadOnlyList<Finding> Check(DoctorStage? stage = null)
    {
        var configuration = Load();
        return WiringChecks.Run(configuration, stage ?? (configuration.SynapseWiring.DelegationEnabled ? DoctorStage.After : DoctorStage.Before));
    }

    /// <summary>The command-line arguments naming the files.</summary>
    public string[] Arguments() =>
        [.. SynapseFiles.SelectMany(file => new[] { "--synapse-config", file }), .. MasFiles.SelectMany(file => new[] { "--mas-config", file })];

    public static void AssertNoSecrets(params string[] texts)
    {
        foreach (var text in texts)
        {
            foreach (var secret in Secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    public void Dispose() => _folder.Dispose();

    private List<string> Files(string name, string baseYaml, string overrideYaml)
    {
        var files = new List<string> { _folder.Write($"{name}.yaml", baseYaml) };
        if (overrideYaml.Length > 0)
        {
            files.Add(_folder.Write($"{name}.override.yaml", overrideYaml));
        }

        return files;
    }
}
