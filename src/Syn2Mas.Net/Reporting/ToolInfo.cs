using System.Reflection;

namespace Syn2Mas.Net.Reporting;

/// <summary>The tool's name, version and the commit it was built from, stamped on every report.</summary>
/// <param name="Commit">The git commit of the build, or <c>unknown</c> when it was built outside a git checkout.</param>
public sealed record ToolInfo(string Name, string Version, string Commit)
{
    public const string UnknownCommit = "unknown";

    public static ToolInfo Current { get; } =
        FromInformationalVersion(typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    /// <summary>
    /// Reads <c>VERSION+COMMIT</c>, as the SDK writes it when it knows the source revision (from the git
    /// checkout it builds, or from <c>-p:SourceRevisionId=…</c>); without <c>+</c> the commit is unknown.
    /// </summary>
    public static ToolInfo FromInformationalVersion(string? informationalVersion)
    {
        var parts = (informationalVersion ?? "0.0.0").Split('+', 2);
        var commit = parts.Length == 2 && parts[1].Length > 0 ? parts[1] : UnknownCommit;
        return new ToolInfo("syn2mas-net", parts[0], commit);
    }

    /// <summary>What <c>--version</c> prints.</summary>
    public override string ToString() => $"{Name} {Version} (commit {Commit})";
}
