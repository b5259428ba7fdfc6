using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Syn2Mas.Bench.Running;

/// <summary>
/// What the kernel has charged to this process's finished children so far. The runner starts one child
/// at a time, so the difference across one child's life is exactly that child's CPU time, counted to its
/// last instruction (polling <c>/proc</c> would miss the final moments).
/// </summary>
internal readonly record struct ChildUsage(double UserSeconds, double SystemSeconds)
{
    public static ChildUsage Read()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new GeneratorException("The runner measures memory and CPU through Linux's /proc and getrusage: run it on Linux.");
        }

        if (NativeMethods.GetResourceUsage(NativeMethods.ResourceUsageChildren, out var usage) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "getrusage(RUSAGE_CHILDREN) failed");
        }

        return new ChildUsage(
            usage.UserSeconds + (usage.UserMicroseconds / 1e6),
            usage.SystemSeconds + (usage.SystemMicroseconds / 1e6));
    }
}
