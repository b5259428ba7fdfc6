namespace Syn2Mas.Cli;

/// <summary>
/// Rewrites the earlier TypeScript tool's spelling (<c>--command migrate --synapseConfigFile F --dryRun true</c>)
/// into ours, so that existing shell aliases and scripts keep working unchanged.
/// </summary>
public static class LegacyArguments
{
    private static readonly Dictionary<string, string> RenamedOptions = new(StringComparer.Ordinal)
    {
        ["--synapseConfigFile"] = "--synapse-config",
        ["--masConfigFile"] = "--mas-config",
        ["--upstreamProviderMapping"] = "--upstream-provider-mapping",
    };

    public static string[] Normalize(IReadOnlyList<string> args)
    {
        var result = new List<string>(args.Count);
        string? command = null;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = SplitInlineValue(args[i]);
            if (name == "--command")
            {
                command = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
                if (command is null)
                {
                    result.Add("--command");
                }
            }
            else if (name == "--dryRun")
            {
                var value = inlineValue;
                if (value is null && i + 1 < args.Count && IsBooleanWord(args[i + 1]))
                {
                    value = args[++i];
                }

                if (value is null || !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
                {
                    result.Add("--dry-run");
                }
            }
            else if (RenamedOptions.TryGetValue(name, out var renamed))
            {
                result.Add(inlineValue is null ? renamed : $"{renamed}={inlineValue}");
            }
            else
            {
                result.Add(args[i]);
            }
        }

        if (command is not null)
        {
            result.Insert(0, command);
        }

        return [.. result];
    }

    private static (string Name, string? InlineValue) SplitInlineValue(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static bool IsBooleanWord(string value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
}
