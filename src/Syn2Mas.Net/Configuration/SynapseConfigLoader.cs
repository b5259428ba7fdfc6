namespace Syn2Mas.Net.Configuration;

/// <summary>Reads Synapse's configuration files as behaviour.md "Synapse configuration" describes.</summary>
internal static class SynapseConfigLoader
{
    private const string DefaultSqliteFile = "homeserver.db";

    /// <param name="paths">The files, in order; a later file replaces an earlier file's top-level keys.</param>
    /// <param name="databaseUriOverride"><c>--synapse-database-uri</c>: a PostgreSQL URI or a SQLite file path.</param>
    public static SynapseConfig Load(IReadOnlyList<string> paths, string? databaseUriOverride = null)
    {
        var files = ConfigurationFiles.Load(paths, "Synapse");
        var passwordConfig = files["password_config"];
        return new SynapseConfig
        {
            ServerName = files["server_name"].IsNull
                ? throw new ConfigurationException($"{files.LastFile}: `server_name` is missing; Synapse's configuration must set it.")
                : ReadServerName(files["server_name"]),
            Database = string.IsNullOrEmpty(databaseUriOverride) ? ReadDatabase(files) : DatabaseFromOption(databaseUriOverride),
            PasswordConfig = new SynapsePasswordConfig(
                Enabled: ReadPasswordEnabled(passwordConfig["enabled"]),
                LocalDbEnabled: passwordConfig["localdb_enabled"].AsBool(true),
                Pepper: passwordConfig["pepper"].AsString()),
            AllowGuestAccess = files["allow_guest_access"].AsBool(false),
            EnableRegistration = files["enable_registration"].AsBool(false),
            EnableRegistrationCaptcha = files["enable_registration_captcha"].AsBool(false),
            Enable3pidChanges = files["enable_3pid_changes"].AsBool(false),
            UserConsentConfigured = IsSet(files["user_consent"]),
            LoginViaExistingSessionEnabled = files["login_via_existing_session"]["enabled"].AsBool(false),
            CasEnabled = IsEnabledSection(files["cas_config"], enabledByDefault: true),
            Saml2Enabled = IsSaml2Enabled(files["saml2_config"]),
            JwtEnabled = files["jwt_config"]["enabled"].AsBool(false),
            OidcProviders = ReadOidcProviders(files),
            PublicBaseUrl = files["public_baseurl"].AsString(),
            Msc3861Enabled = files["experimental_features"]["msc3861"]["enabled"].AsBool(false),
            AppServiceConfigFiles = files["app_service_config_files"].AsList()
                .Select(node => Path.GetFullPath(node.AsRequiredString(), Path.GetDirectoryName(node.File) ?? Directory.GetCurrentDirectory()))
                .ToList(),
        };
    }

    private static string ReadServerName(ConfigNode node)
    {
        var value = node.AsRequiredString();
        return MatrixServerName.IsValid(value)
            ? value
            : throw node.Error(
                $"is `{Reporting.PrintableText.Escape(value)}`, which is not a Matrix server name (a host name, an IPv4 address or an [IPv6] address, optionally followed by :port); "
                + "user ids end in it, so it must be the one Synapse runs with");
    }

    /// <summary>Turns <c>--synapse-database-uri</c> into a database: a PostgreSQL URI, else a SQLite file path.</summary>
    public static SynapseDatabase DatabaseFromUri(string value) =>
        PostgresConnectionSettings.IsPostgresUri(value)
            ? new SynapsePostgresDatabase(PostgresConnectionSettings.FromUri(value))
            : new SynapseSqliteDatabase(Path.GetFullPath(value.StartsWith("sqlite://", StringComparison.OrdinalIgnoreCase) ? value["sqlite://".Length..] : value));

    private static SynapseDatabase DatabaseFromOption(string value)
    {
        try
        {
            return DatabaseFromUri(value);
        }
        catch (ConfigurationException exception)
        {
            throw new ConfigurationException($"--synapse-database-uri: {exception.Message}", exception);
        }
    }

    private static SynapseDatabase ReadDatabase(ConfigurationFiles files)
    {
        var section = files["database"];
        var folder = Path.GetDirectoryName(section.File) ?? Directory.GetCurrentDirectory();
        if (section.IsNull)
        {
            return new SynapseSqliteDatabase(Path.GetFullPath(DefaultSqliteFile, folder));
        }

        var args = section["args"];
        var driver = section["name"].AsString();
        switch (driver)
        {
            case "sqlite3":
                var path = args["database"].AsString();
                return new SynapseSqliteDatabase(Path.GetFullPath(string.IsNullOrEmpty(path) ? DefaultSqliteFile : path, folder));
            case "psycopg2":
                return new SynapsePostgresDatabase(ReadPostgresArgs(args));
            case null:
                throw section["name"].Error("is missing; it must be sqlite3 or psycopg2");
            default:
                throw section["name"].Error("names an unknown database driver; Synapse supports sqlite3 and psycopg2");
        }
    }

    private static PostgresConnectionSettings ReadPostgresArgs(ConfigNode args)
    {
        var database = args["database"];
        var dbname = args["dbname"];
        if (!database.IsNull && !dbname.IsNull)
        {
            throw dbname.Error($"and `{database.Path}` are both set; give only one of them");
        }

        var sslMode = args["sslmode"].AsString();
        CheckCertificates(args);
        return new PostgresConnectionSettings
        {
            Host = args["host"].AsString() is { Length: > 0 } host ? host : "localhost",
            Port = args["port"].AsPort() ?? PostgresConnectionSettings.DefaultPort,
            Database = database.AsString() ?? dbname.AsString(),
            Username = args["user"].AsString(),
            Password = args["password"].AsString(),
            SslMode = sslMode is null ? null : ParseSslMode(args["sslmode"], sslMode),
            RootCertificateFile = args["sslrootcert"].AsString(),
            ClientCertificateFile = args["sslcert"].AsString(),
            ClientKeyFile = args["sslkey"].AsString(),
            SslPassword = args["sslpassword"].AsString(),
        };
    }

    /// <summary>
    /// Certificates that cannot be used are reported here, naming the key, rather than at the handshake; a file
    /// that does not exist is reported when connecting (PostgresTls).
    /// </summary>
    private static void CheckCertificates(ConfigNode args)
    {
        if (args["sslrootcert"].AsString() is { Length: > 0 } root && root != PostgresTls.SystemRoots && File.Exists(root)
            && PostgresTls.CertificateProblem(root, null) is { } rootProblem)
        {
            throw args["sslrootcert"].Error($"names {root}, which {rootProblem}");
        }

        if (args["sslcert"].AsString() is { Length: > 0 } certificate && File.Exists(certificate)
            && PostgresTls.ClientCertificateProblem(certificate, null, args["sslkey"].AsString(), null, args["sslpassword"].AsString()) is { } problem)
        {
            throw args["sslcert"].Error($"and `{args["sslkey"].Path}` name a client certificate and key that cannot be used: the file {problem}");
        }
    }

    internal static Npgsql.SslMode ParseSslMode(ConfigNode node, string value)
    {
        try
        {
            return PostgresUri.ParseSslMode(value, node.Path);
        }
        catch (ConfigurationException)
        {
            throw node.Error("must be one of disable, allow, prefer, require, verify-ca, verify-full");
        }
    }

    private static bool ReadPasswordEnabled(ConfigNode node) =>
        node.AsString() == "only_for_reauth" || node.AsBool(true);

    private static bool IsSet(ConfigNode node) => !node.IsNull && !(node.Node is YamlDotNet.RepresentationModel.YamlScalarNode && node.AsBool() == false);

    /// <summary>
    /// A section that switches a feature on by being there, unless it says <c>enabled: false</c>. An empty
    /// mapping (<c>cas_config: {}</c>) is an empty section, which Synapse reads as off.
    /// </summary>
    private static bool IsEnabledSection(ConfigNode section, bool enabledByDefault) =>
        !section.IsNull
        && section.Node is not YamlDotNet.RepresentationModel.YamlMappingNode { Children.Count: 0 }
        && section["enabled"].AsBool(enabledByDefault);

    private static bool IsSaml2Enabled(ConfigNode section)
    {
        if (section.IsNull)
        {
            return false;
        }

        var enabled = section["enabled"].AsBool();
        return enabled ?? !section["sp_config"].IsNull;
    }

    private static List<SynapseOidcProvider> ReadOidcProviders(ConfigurationFiles files)
    {
        var providers = new List<SynapseOidcProvider>();
        var legacy = files["oidc_config"];
        if (!legacy.IsNull && legacy["enabled"].AsBool(false))
        {
            providers.Add(new SynapseOidcProvider("oidc", legacy["issuer"].AsString(), legacy["idp_name"].AsString()));
        }

        foreach (var entry in files["oidc_providers"].AsList())
        {
            if (entry.IsNull)
            {
                continue;
            }

            providers.Add(new SynapseOidcProvider(
                SynapseOidcProvider.IdpIdFromConfigured(entry["idp_id"].AsString()),
                entry["issuer"].AsString(),
                entry["idp_name"].AsString()));
        }

        return providers;
    }
}
