using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Syn2Mas.Net.Configuration;

/// <summary>
/// Bounds on what a configuration file may cost to read. A real <c>homeserver.yaml</c> or MAS
/// <c>config.yaml</c> is some kilobytes with a few thousand values nested a dozen levels deep; a file crafted
/// to exhaust the stack (deep nesting), the CPU (aliases that repeat aliases) or the memory (sheer size) is
/// refused before it is turned into objects, with one line that names the file and the limit.
/// </summary>
internal static class ConfigurationLimits
{
    /// <summary>For the configuration files and for every file they name (secrets, certificates, the password file).</summary>
    public const int MaxFileBytes = 1024 * 1024;

    public const int MaxDepth = 64;

    /// <summary>Values in one file, an alias counting as every value it repeats.</summary>
    public const long MaxValues = 100_000;

    /// <summary>
    /// Reads a text file of at most <see cref="MaxFileBytes"/>, without trusting its reported length (a
    /// device or a pipe has none).
    /// </summary>
    /// <exception cref="ConfigurationException">The file is larger.</exception>
    public static string ReadText(string path, string what)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        var buffer = new byte[MaxFileBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        if (length > MaxFileBytes)
        {
            throw new ConfigurationException(
                $"{path}: {what} is larger than {MaxFileBytes / 1024 / 1024} MiB, far more than any real one; refusing to read it. Check that the path names the right file.");
        }

        using var reader = new StreamReader(new MemoryStream(buffer, 0, length), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Walks the YAML's events (no objects are built) and refuses nesting or alias expansion beyond the limits.</summary>
    /// <exception cref="ConfigurationException">A limit is exceeded.</exception>
    /// <exception cref="YamlException">The text is not valid YAML.</exception>
    public static void CheckYaml(string text, string path)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<(long Values, AnchorName Anchor)>();
        var anchors = new Dictionary<AnchorName, long>();
        long total = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case Scalar scalar:
                    Complete(1, scalar.Anchor, scalar);
                    break;
                case AnchorAlias alias:
                    Complete(anchors.GetValueOrDefault(alias.Value, 1), AnchorName.Empty, alias);
                    break;
                case NodeEvent collection and (SequenceStart or MappingStart):
                    if (open.Count >= MaxDepth)
                    {
                        throw Refuse(path, collection, $"nests lists and mappings more than {MaxDepth} levels deep");
                    }

                    open.Push((1, collection.Anchor));
                    break;
                case SequenceEnd or MappingEnd:
                    var (values, anchor) = open.Pop();
                    Complete(values, anchor, parser.Current);
                    break;
                default:
                    break;
            }
        }

        void Complete(long values, AnchorName anchor, ParsingEvent at)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor] = values;
            }

            long sum;
            if (open.Count > 0)
            {
                var (parent, parentAnchor) = open.Pop();
                sum = parent + values;
                open.Push((sum, parentAnchor));
            }
            else
            {
                sum = total += values;
            }

            if (sum > MaxValues)
            {
                throw Refuse(path, at, $"holds more than {MaxValues:N0} values (an alias counts as every value it repeats)");
            }
        }
    }

    private static ConfigurationException Refuse(string path, ParsingEvent at, string problem) =>
        new($"{path}:{at.Start.Line}:{at.Start.Column}: the file {problem}, far beyond any real configuration; refusing to read it.");
}
