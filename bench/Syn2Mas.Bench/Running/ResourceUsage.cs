using System.Runtime.InteropServices;

namespace Syn2Mas.Bench.Running;

/// <summary>
/// Linux's <c>struct rusage</c> on 64-bit targets: two <c>struct timeval</c> and fourteen <c>long</c>
/// counters. Only the times and the peak resident size are read; the rest keeps the layout.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ResourceUsage
{
    public long UserSeconds;
    public long UserMicroseconds;
    public long SystemSeconds;
    public long SystemMicroseconds;

    /// <summary>
    /// In kibibytes. Not used: for children it includes the forked copy of the parent before
    /// <c>exec</c> (see <see cref="MeasuredProcess"/>).
    /// </summary>
    public long MaxResidentKibibytes;

    public long SharedText;
    public long UnsharedData;
    public long UnsharedStack;
    public long MinorFaults;
    public long MajorFaults;
    public long Swaps;
    public long BlockInputs;
    public long BlockOutputs;
    public long MessagesSent;
    public long MessagesReceived;
    public long Signals;
    public long VoluntarySwitches;
    public long InvoluntarySwitches;
}
