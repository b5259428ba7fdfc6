using System.Globalization;
using System.Runtime.InteropServices;

namespace Syn2Mas.Bench.Running;

/// <summary>The machine the numbers come from, read from <c>/proc</c>, and how busy it was.</summary>
/// <param name="LoadAverage">The 1, 5 and 15 minute load averages when the benchmark started: other work on a shared machine shows here.</param>
internal sealed record MachineInfo(
    int Processors,
    long MemoryMiB,
    string CpuModel,
    string Kernel,
    string Runtime,
    string LoadAverage)
{
    public static MachineInfo Read() => new(
        Environment.ProcessorCount,
        ReadMemoryMiB(),
        ReadCpuModel(),
        ReadFirstLine("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.VersionString,
        RuntimeInformation.FrameworkDescription,
        ReadLoadAverage());

    public static string ReadLoadAverage() =>
        string.Join(' ', (ReadFirstLine("/proc/loadavg") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));

    private static long ReadMemoryMiB()
    {
        foreach (var line in ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                var kibibytes = line["MemTotal:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim();
                return long.Parse(kibibytes, CultureInfo.InvariantCulture) / 1024;
            }
        }

        return 0;
    }

    private static string ReadCpuModel()
    {
        foreach (var line in ReadLines("/proc/cpuinfo"))
        {
            if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string? ReadFirstLine(string path) => ReadLines(path).FirstOrDefault()?.Trim();

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
