using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Syn2Mas.Net.Configuration;

/// <summary>
/// One or more YAML files merged the way Synapse and MAS merge theirs: a later file replaces an earlier
/// file's top-level key as a whole. Each top-level key remembers the file that set it, so relative paths
/// resolve against the right folder and errors name the right file.
/// </summary>
internal sealed partial class ConfigurationFiles
{
    private readonly Dictionary<string, ConfigNode> _topLevel;

    private ConfigurationFiles(Dictionary<string, ConfigNode> topLevel, IReadOnlyList<string> files)
    {
        _topLevel = topLevel;
        Files = files;
    }

    public IReadOnlyList<string> Files { get; }

    /// <summary>The last file given: where a key that no file sets is reported as missing.</summary>
    public string LastFile => Files[^1];

    public ConfigNode this[string key] =>
        _topLevel.TryGetValue(key, out var node) ? node : ConfigNode.Root(null, LastFile, key);

    public static ConfigurationFiles Load(IReadOnlyList<string> paths, string what)
    {
        if (paths.Count == 0)
        {
            throw new ConfigurationException($"No {what} configuration file was given.");
        }

        var topLevel = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
        var files = new List<string>();
        foreach (var path in paths)
        {
            var fullPath = Path.GetFullPath(path);
            files.Add(fullPath);
            var root = Parse(fullPath, what);
            foreach (var (key, value) in root.Children)
            {
                if (key is not YamlScalarNode { Value: { } name })
                {
                    throw new ConfigurationException($"{fullPath}:{key.Start.Line}:{key.Start.Column}: a top-level key must be a plain name.");
                }

                topLevel[name] = ConfigNode.Root(value, fullPath, name);
            }
        }

        return new ConfigurationFiles(topLevel, files);
    }

    private static YamlMappingNode Parse(string path, string what)
    {
        string text;
        try
        {
            text = ConfigurationLimits.ReadText(path, $"the {what} configuration file");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path}: cannot read the {what} configuration file: {Describe(exception, path)}.", exception);
        }

        var stream = new YamlStream();
        try
        {
            ConfigurationLimits.CheckYaml(text, path);
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            throw new ConfigurationException(
                $"{path}:{exception.Start.Line}:{exception.Start.Column}: YAML syntax error: {Problem(exception)}. Fix the file and try again.",
                exception);
        }

        if (stream.Documents.Count == 0)
        {
            return new YamlMappingNode();
        }

        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" })
        {
            return new YamlMappingNode();
        }

        return root as YamlMappingNode
            ?? throw new ConfigurationException($"{path}:{root.Start.Line}:{root.Start.Column}: a {what} configuration file must be a mapping of keys to values.");
    }

    /// <summary>
    /// YamlDotNet prefixes its messages with the positions, which we already print; what remains describes
    /// the syntax (never the scalar that failed), so it is safe to show.
    /// </summary>
    private static string Problem(YamlException exception)
    {
        var message = PositionPrefix().Replace(exception.Message, "").Trim().TrimEnd('.');
        return message.Length == 0 ? "the file is not valid YAML" : char.ToLowerInvariant(message[0]) + message[1..];
    }

    /// <summary>Why <paramref name="path"/> could not be read. .NET reports a folder as access denied, which misleads.</summary>
    internal static string Describe(Exception exception, string path) => exception switch
    {
        _ when Directory.Exists(path) => "it is a folder, not a file",
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied (let the user syn2mas-net runs as read it; in a container, pass --user with the file's owner or group, e.g. --user 991:991)",
        _ => exception.Message.TrimEnd('.'),
    };

    [GeneratedRegex(@"^(\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*)")]
    private static partial Regex PositionPrefix();
}
