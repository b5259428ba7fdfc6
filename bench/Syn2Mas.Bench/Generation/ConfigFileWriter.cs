using System.Globalization;
using Syn2Mas.Net.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Syn2Mas.Bench.Generation;

/// <summary>
/// Writes homeserver.yaml and mas.yaml next to a generated database: the fixtures' configurations (same
/// server name, password pepper and identity providers) with the <c>database</c> section pointing at
/// the generated databases. The fixtures are edited as YAML trees, so every other key stays as it is.
/// </summary>
internal static class ConfigFileWriter
{
    public const string HomeserverFile = "homeserver.yaml";
    public const string MasFile = "mas.yaml";

    public static Task WriteHomeserverForSqliteAsync(DirectoryInfo folder, string databaseFile, CancellationToken cancellationToken) =>
        WriteHomeserverAsync(folder, new YamlMappingNode
        {
            { "name", "sqlite3" },
            { "args", new YamlMappingNode { { "database", Quoted(databaseFile) } } },
        }, cancellationToken);

    public static Task WriteHomeserverForPostgresAsync(DirectoryInfo folder, PostgresConnectionSettings database, CancellationToken cancellationToken)
    {
        var args = new YamlMappingNode();
        if (database.Username is not null)
        {
            args.Add("user", Quoted(database.Username));
        }

        if (database.Password is not null)
        {
            args.Add("password", Quoted(database.Password));
        }

        args.Add("dbname", Quoted(database.Database ?? database.Username ?? "synapse"));
        args.Add("host", Quoted(database.Host));
        args.Add("port", new YamlScalarNode(database.Port.ToString(CultureInfo.InvariantCulture)));
        args.Add("cp_min", "5");
        args.Add("cp_max", "10");
        return WriteHomeserverAsync(folder, new YamlMappingNode { { "name", "psycopg2" }, { "args", args } }, cancellationToken);
    }

    public static async Task WriteMasAsync(DirectoryInfo folder, PostgresConnectionSettings database, CancellationToken cancellationToken)
    {
        var document = await LoadAsync(RepositoryPaths.Fixture("config", "mas.yaml"), cancellationToken);
        document.Children[new YamlScalarNode("database")] = new YamlMappingNode { { "uri", Quoted(ToUri(database)) } };
        await SaveAsync(
            document,
            Path.Combine(folder.FullName, MasFile),
            "# MAS configuration for a generated example.com (bench/README.md): fixtures/config/mas.yaml with its database pointed at the generated MAS database.",
            cancellationToken);
    }

    /// <summary>A libpq URI as MAS reads it; a socket folder goes into the <c>host</c> parameter.</summary>
    public static string ToUri(PostgresConnectionSettings database)
    {
        var user = database.Username is null ? "" : Uri.EscapeDataString(database.Username);
        var password = database.Password is null ? "" : ":" + Uri.EscapeDataString(database.Password);
        var credentials = user.Length + password.Length == 0 ? "" : $"{user}{password}@";
        var name = Uri.EscapeDataString(database.Database ?? "");
        var port = database.Port.ToString(CultureInfo.InvariantCulture);
        if (database.IsUnixSocket)
        {
            return $"postgresql://{credentials}/{name}?host={Uri.EscapeDataString(database.Host)}&port={port}";
        }

        var host = database.Host.Contains(':', StringComparison.Ordinal) ? $"[{database.Host}]" : database.Host;
        return $"postgresql://{credentials}{host}:{port}/{name}";
    }

    private static async Task WriteHomeserverAsync(DirectoryInfo folder, YamlMappingNode databaseSection, CancellationToken cancellationToken)
    {
        var document = await LoadAsync(RepositoryPaths.Fixture("config", "homeserver.sqlite.yaml"), cancellationToken);
        document.Children[new YamlScalarNode("database")] = databaseSection;
        await SaveAsync(
            document,
            Path.Combine(folder.FullName, HomeserverFile),
            "# Synapse configuration for a generated example.com (bench/README.md): fixtures/config/homeserver.sqlite.yaml with its database pointed at the generated one.",
            cancellationToken);
    }

    private static YamlScalarNode Quoted(string value) => new(value) { Style = ScalarStyle.DoubleQuoted };

    private static async Task<YamlMappingNode> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(await File.ReadAllTextAsync(path, cancellationToken)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static async Task SaveAsync(YamlMappingNode root, string path, string header, CancellationToken cancellationToken)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var yaml = writer.ToString().TrimEnd();
        if (yaml.EndsWith("...", StringComparison.Ordinal))
        {
            yaml = yaml[..^3].TrimEnd();
        }

        await File.WriteAllTextAsync(path, $"{header}\n{yaml}\n", cancellationToken);
    }
}
