using System.Reflection;

namespace Syn2Mas.Net.Reporting;

/// <summary>The tool's name and version, stamped on every report.</summary>
public sealed record ToolInfo(string Name, string Version)
{
    public static ToolInfo Current { get; } = new(
        "syn2mas-net",
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");
}
