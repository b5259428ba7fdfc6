using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Syn2Mas.Net.Configuration;

/// <summary>
/// A YAML node together with the file and key path it was read from. Every typed read either succeeds or
/// throws a <see cref="ConfigurationException"/> naming the file, line, column and key; values are never
/// quoted back, because any of them may be a secret.
/// </summary>
internal sealed class ConfigNode
{
    private static readonly string[] NullSpellings = ["", "~", "null", "Null", "NULL"];
    private static readonly string[] TrueSpellings = ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"];
    private static readonly string[] FalseSpellings = ["false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"];

    private ConfigNode(YamlNode? node, string file, string path)
    {
        Node = node;
        File = file;
        Path = path;
    }

    public YamlNode? Node { get; }

    /// <summary>The configuration file this node was read from.</summary>
    public string File { get; }

    /// <summary>The dotted key path, e.g. <c>database.args.port</c>.</summary>
    public string Path { get; }

    /// <summary>Absent, or given with no value (<c>key:</c>, <c>~</c>, <c>null</c>): the key's default applies.</summary>
    public bool IsNull => Node is null || Node is YamlScalarNode { Style: ScalarStyle.Plain } scalar && NullSpellings.Contains(scalar.Value ?? "");

    public bool IsPresent => Node is not null;

    public static ConfigNode Root(YamlNode? node, string file, string path) => new(node, file, path);

    public ConfigNode this[string key]
    {
        get
        {
            var childPath = Path.Length == 0 ? key : $"{Path}.{key}";
            if (IsNull)
            {
                return new ConfigNode(null, File, childPath);
            }

            if (Node is not YamlMappingNode mapping)
            {
                throw Error("must be a mapping of keys to values");
            }

            return mapping.Children.TryGetValue(new YamlScalarNode(key), out var child)
                ? new ConfigNode(child, File, childPath)
                : new ConfigNode(null, File, childPath);
        }
    }

    public IReadOnlyList<ConfigNode> AsList()
    {
        if (IsNull)
        {
            return [];
        }

        if (Node is not YamlSequenceNode sequence)
        {
            throw Error("must be a list");
        }

        return sequence.Children.Select((item, index) => new ConfigNode(item, File, $"{Path}[{index}]")).ToList();
    }

    public string? AsString()
    {
        if (IsNull)
        {
            return null;
        }

        return Node is YamlScalarNode scalar ? scalar.Value ?? "" : throw Error("must be a single value, not a list or a mapping");
    }

    public string AsRequiredString()
    {
        var value = AsString();
        return string.IsNullOrEmpty(value) ? throw Error("is required") : value;
    }

    public bool? AsBool()
    {
        var value = AsString();
        if (value is null)
        {
            return null;
        }

        if (TrueSpellings.Contains(value))
        {
            return true;
        }

        return FalseSpellings.Contains(value) ? false : throw Error("must be true or false");
    }

    public bool AsBool(bool defaultValue) => AsBool() ?? defaultValue;

    public long? AsInteger()
    {
        var value = AsString();
        if (value is null)
        {
            return null;
        }

        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Error("must be a whole number");
    }

    /// <summary>A TCP port, written as a number or as a string holding one.</summary>
    public int? AsPort()
    {
        var value = AsString();
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw Error("must be a port number between 1 and 65535");
    }

    /// <summary>
    /// A secret given inline (<c>key</c>) or as a file to read (<c>key_file</c>). The file is read as it is,
    /// trailing newline included, because the service that owns the setting reads it the same way.
    /// </summary>
    public string? ReadSecret(string key)
    {
        var inline = this[key];
        var file = this[key + "_file"];
        if (!inline.IsNull && !file.IsNull)
        {
            throw file.Error($"and `{inline.Path}` are both set; give only one of them");
        }

        if (!inline.IsNull)
        {
            return inline.AsString();
        }

        var path = file.AsString();
        if (path is null)
        {
            return null;
        }

        try
        {
            return ConfigurationLimits.ReadText(System.IO.Path.GetFullPath(path), $"the file named by `{file.Path}`");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw file.Error($"names a file that cannot be read ({path}): {ConfigurationFiles.Describe(exception, path)}");
        }
    }

    public ConfigurationException Error(string problem)
    {
        var where = Node is null ? File : $"{File}:{Node.Start.Line}:{Node.Start.Column}";
        return new ConfigurationException($"{where}: `{Path}` {problem}.");
    }
}
