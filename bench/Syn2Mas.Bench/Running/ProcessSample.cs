namespace Syn2Mas.Bench.Running;

/// <summary>One child process as the operating system saw it.</summary>
/// <param name="WallSeconds">From starting the process to its exit, .NET start-up included.</param>
/// <param name="PeakResidentBytes">The high-water mark of its resident memory (<c>VmHWM</c>).</param>
/// <param name="UserCpuSeconds">CPU time in the process itself, all threads.</param>
/// <param name="SystemCpuSeconds">CPU time in the kernel on its behalf.</param>
internal sealed record ProcessSample(
    int ExitCode,
    double WallSeconds,
    long PeakResidentBytes,
    double UserCpuSeconds,
    double SystemCpuSeconds)
{
    public double CpuSeconds => UserCpuSeconds + SystemCpuSeconds;
}
