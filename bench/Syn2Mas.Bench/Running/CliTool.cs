namespace Syn2Mas.Bench.Running;

/// <summary>The command line of the real tool: <c>dotnet syn2mas-net.dll …</c>, always as a separate process.</summary>
internal sealed class CliTool(string host, string assembly)
{
    public string Host { get; } = host;

    public string Assembly { get; } = assembly;

    public static CliTool Find(FileInfo assembly)
    {
        if (!assembly.Exists)
        {
            throw new GeneratorException(
                $"{assembly.FullName} is missing: build it with `dotnet build -c Release src/Syn2Mas.Cli` (or run the benchmark through `dotnet run -c Release --project bench/Syn2Mas.Bench`, which builds it).");
        }

        return new CliTool(FindHost(), assembly.FullName);
    }

    public IReadOnlyList<string> Arguments(params string[] arguments) => [Assembly, .. arguments];

    public string Display(params string[] arguments) => string.Join(' ', new[] { Host }.Concat(Arguments(arguments)).Select(Quote));

    /// <summary>The <c>dotnet</c> the SDK runs under when it says so, else the first one on PATH.</summary>
    private static string FindHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromSdk && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, "dotnet");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new GeneratorException("No dotnet on PATH to run syn2mas-net.dll with.");
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
