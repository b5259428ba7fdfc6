using System.Runtime.InteropServices;

namespace Syn2Mas.Bench.Running;

/// <summary>The one C library call the runner needs: the resources used by the child processes it has waited for.</summary>
internal static partial class NativeMethods
{
    /// <summary><c>RUSAGE_CHILDREN</c>: every terminated and waited-for child, summed (CPU) or maximised (RSS).</summary>
    public const int ResourceUsageChildren = -1;

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    public static partial int GetResourceUsage(int who, out ResourceUsage usage);
}
