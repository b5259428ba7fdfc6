using System.Text.RegularExpressions;

namespace Syn2Mas.Net.Configuration;

/// <summary>
/// Reads the settings that wire Synapse and MAS together, from the same files and with the same merge
/// rules as <see cref="SynapseConfigLoader"/> and <see cref="MasConfigLoader"/>.
/// </summary>
internal static partial class WiringConfigLoader
{
    private static readonly string[] LifetimeSettings = ["refresh_token_lifetime", "nonrefreshable_access_token_lifetime", "session_lifetime"];

    public static SynapseWiringConfig LoadSynapse(IReadOnlyList<string> paths)
    {
        var files = ConfigurationFiles.Load(paths, "Synapse");
        var masSection = files["matrix_authentication_service"];
        var msc3861 = files["experimental_features"]["msc3861"];
        var legacyOidc = files["oidc_config"];
        var oidcProviders = files["oidc_providers"].AsList().Where(entry => !entry.IsNull).ToList();
        var legacyOidcEnabled = !legacyOidc.IsNull && legacyOidc["enabled"].AsBool(false);
        var oidcClients = oidcProviders
            .Select(entry => new SynapseOidcClient(
                SynapseOidcProvider.IdpIdFromConfigured(entry["idp_id"].AsString()), entry["issuer"].AsString(), entry["client_id"].AsString()))
            .ToList();
        if (legacyOidcEnabled)
        {
            oidcClients.Insert(0, new SynapseOidcClient("oidc", legacyOidc["issuer"].AsString(), legacyOidc["client_id"].AsString()));
        }

        var passwordProviderKeys = new List<string>();
        if (files["password_providers"].AsList().Count > 0)
        {
            passwordProviderKeys.Add("password_providers");
        }

        if (!files["ldap_config"].IsNull && files["ldap_config"]["enabled"].AsBool(false))
        {
            passwordProviderKeys.Add("ldap_config.enabled");
        }

        return new SynapseWiringConfig
        {
            MasSection = masSection.IsNull
                ? null
                : new SynapseMasSection(
                    masSection["enabled"].AsBool(false),
                    masSection["endpoint"].AsString(),
                    WiringSecret.Read(masSection, "secret", "secret_path")),
            Msc3861 = IsEmpty(msc3861)
                ? null
                : new SynapseMsc3861Section(
                    msc3861["enabled"].AsBool(false),
                    msc3861["issuer"].AsString(),
                    msc3861["client_id"].AsString(),
                    msc3861["client_auth_method"].AsString() ?? "client_secret_post",
                    WiringSecret.Read(msc3861, "client_secret", "client_secret_path"),
                    WiringSecret.Read(msc3861, "admin_token", "admin_token_path")),
            PasswordEnabledSetting = files["password_config"]["enabled"].AsString(),
            PasswordProviderKeys = passwordProviderKeys,
            // Synapse only refuses a lifetime that parses to something other than zero.
            LifetimeKeys = LifetimeSettings.Where(key => files[key].AsString() is { } value && !ZeroDuration().IsMatch(value)).ToList(),
            OidcKey = oidcProviders.Count > 0 ? "oidc_providers" : legacyOidcEnabled ? "oidc_config" : null,
            OidcClients = oidcClients,
        };
    }

    public static MasWiringConfig LoadMas(IReadOnlyList<string> paths)
    {
        var files = ConfigurationFiles.Load(paths, "MAS");
        var http = files["http"];
        var matrix = files["matrix"];
        return new MasWiringConfig
        {
            PublicBase = http["public_base"].AsString(),
            Issuer = http["issuer"].AsString(),
            MatrixEndpoint = matrix["endpoint"].AsString(),
            MatrixSecret = WiringSecret.Read(matrix, "secret", "secret_file"),
            Clients = files["clients"].AsList().Select(client => new MasClientEntry(
                client["client_id"].AsString() ?? "",
                client["client_auth_method"].AsString(),
                WiringSecret.Read(client, "client_secret", "client_secret_file"))).ToList(),
            Secrets = ReadSecrets(files["secrets"]),
            Providers = files["upstream_oauth2"]["providers"].AsList().Select(provider => new MasProviderClient(
                provider["id"].AsString() ?? "",
                provider["synapse_idp_id"].AsString(),
                provider["issuer"].AsString(),
                provider["client_id"].AsString())).ToList(),
        };
    }

    private static MasSecretsSection ReadSecrets(ConfigNode section)
    {
        var inline = section["encryption"].AsString();
        var file = section["encryption_file"].AsString();
        return new MasSecretsSection(
            Present: !section.IsNull,
            Encryption: inline is not null ? "encryption" : file is not null ? "encryption_file" : null,
            EncryptionValid: inline is null || HexKey().IsMatch(inline),
            KeyCount: section["keys"].AsList().Count,
            KeysDir: section["keys_dir"].AsString());
    }

    private static bool IsEmpty(ConfigNode node) =>
        node.IsNull || node.Node is YamlDotNet.RepresentationModel.YamlMappingNode { Children.Count: 0 };

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex HexKey();

    [GeneratedRegex(@"^\s*0+\s*[a-z]*\s*$")]
    private static partial Regex ZeroDuration();
}
