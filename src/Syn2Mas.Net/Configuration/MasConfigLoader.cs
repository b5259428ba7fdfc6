namespace Syn2Mas.Net.Configuration;

/// <summary>Reads MAS's configuration files as behaviour.md "MAS configuration" describes.</summary>
internal static class MasConfigLoader
{
    /// <param name="paths">The files, in order; a later file replaces an earlier file's top-level keys.</param>
    /// <param name="databaseUriOverride"><c>--mas-database-uri</c>, which replaces the <c>database</c> section.</param>
    public static MasConfig Load(IReadOnlyList<string> paths, string? databaseUriOverride = null)
    {
        var files = ConfigurationFiles.Load(paths, "MAS");
        return new MasConfig
        {
            Database = string.IsNullOrEmpty(databaseUriOverride)
                ? ReadDatabase(files["database"])
                : PostgresConnectionSettings.ParseOption(databaseUriOverride, "--mas-database-uri"),
            MatrixHomeserver = files["matrix"]["homeserver"].AsString(),
            Passwords = ReadPasswords(files["passwords"]),
            UpstreamProviders = files["upstream_oauth2"]["providers"].AsList().Select(ReadProvider).ToList(),
            BrandingTosUri = files["branding"]["tos_uri"].AsString(),
            CaptchaService = files["captcha"]["service"].AsString(),
        };
    }

    private static PostgresConnectionSettings ReadDatabase(ConfigNode section)
    {
        var uri = section["uri"].AsString();
        if (uri is not null)
        {
            try
            {
                return PostgresConnectionSettings.FromUri(uri);
            }
            catch (ConfigurationException exception)
            {
                throw section["uri"].Error(exception.Message.TrimEnd('.').Replace("The PostgreSQL URI", "", StringComparison.Ordinal).Trim());
            }
        }

        var sslMode = section["ssl_mode"].AsString();
        CheckCertificates(section);
        return new PostgresConnectionSettings
        {
            Host = section["socket"].AsString() ?? section["host"].AsString() ?? "localhost",
            Port = section["port"].AsPort() ?? PostgresConnectionSettings.DefaultPort,
            Database = section["database"].AsString(),
            Username = section["username"].AsString(),
            Password = section.ReadSecret("password"),
            SslMode = sslMode is null ? null : SynapseConfigLoader.ParseSslMode(section["ssl_mode"], sslMode),
            RootCertificatePem = section["ssl_ca"].AsString(),
            RootCertificateFile = section["ssl_ca_file"].AsString(),
            ClientCertificatePem = section["ssl_certificate"].AsString(),
            ClientCertificateFile = section["ssl_certificate_file"].AsString(),
            ClientKeyPem = section["ssl_key"].AsString(),
            ClientKeyFile = section["ssl_key_file"].AsString(),
        };
    }

    /// <summary>
    /// Certificates that cannot be used are reported here, naming the key, rather than at the handshake; a file
    /// that does not exist is reported when connecting (PostgresTls).
    /// </summary>
    private static void CheckCertificates(ConfigNode section)
    {
        var caFile = section["ssl_ca_file"].AsString();
        var caPem = section["ssl_ca"].AsString();
        if ((caPem is not null || File.Exists(caFile)) && PostgresTls.CertificateProblem(caFile, caPem) is { } caProblem)
        {
            throw (caPem is null ? section["ssl_ca_file"] : section["ssl_ca"]).Error(caPem is null ? $"names {caFile}, which {caProblem}" : $"{caProblem}");
        }

        var certificateFile = section["ssl_certificate_file"].AsString();
        var certificatePem = section["ssl_certificate"].AsString();
        if ((certificatePem is not null || File.Exists(certificateFile))
            && PostgresTls.ClientCertificateProblem(certificateFile, certificatePem, section["ssl_key_file"].AsString(), section["ssl_key"].AsString()) is { } problem)
        {
            var node = certificatePem is null ? section["ssl_certificate_file"] : section["ssl_certificate"];
            throw node.Error($"with its key cannot be used as a client certificate: it {problem}");
        }
    }

    private static MasPasswordsConfig ReadPasswords(ConfigNode section)
    {
        var enabled = section["enabled"].AsBool(true);
        var schemesNode = section["schemes"];
        if (schemesNode.IsNull)
        {
            return MasPasswordsConfig.Default with { Enabled = enabled };
        }

        var schemes = schemesNode.AsList().Select(scheme => new MasPasswordScheme(
            Version: (int)(scheme["version"].AsInteger() ?? throw scheme["version"].Error("is required")),
            Algorithm: scheme["algorithm"].AsRequiredString(),
            Cost: (int?)scheme["cost"].AsInteger(),
            Secret: scheme.ReadSecret("secret"),
            UnicodeNormalization: scheme["unicode_normalization"].AsBool(false))).ToList();
        return new MasPasswordsConfig(enabled, schemes, SchemesConfigured: true);
    }

    private static MasUpstreamProvider ReadProvider(ConfigNode provider)
    {
        var idNode = provider["id"];
        var id = idNode.AsRequiredString();
        if (!Identifiers.UlidUuid.TryParseUlid(id, out var ulid))
        {
            throw idNode.Error(
                "must be a ULID: 26 characters of Crockford base32 (digits and letters other than I, L, O, U), "
                + "starting with 0 to 7, such as 01JB6ZQ3X9R2T8VN4K7MPD5EWA");
        }

        return new MasUpstreamProvider(
            ulid,
            provider["synapse_idp_id"].AsString(),
            provider["issuer"].AsString(),
            provider["human_name"].AsString());
    }
}
