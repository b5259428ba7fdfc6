using System.Runtime.InteropServices;

namespace Syn2Mas.Net.Synapse;

/// <summary>
/// A file's device and inode, the key the kernel's lock table (<c>/proc/locks</c>) names files by. .NET
/// has no API for them; <c>statx</c> is used because its layout, unlike <c>struct stat</c>'s, is the same
/// on every Linux architecture.
/// </summary>
internal readonly record struct FileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode)
{
    private const int AtFdCwd = -100;
    private const uint StatxIno = 0x100;
    private const int StatxSize = 256;

    /// <summary>The identity of <paramref name="path"/>, or null where it does not exist or the call is unavailable.</summary>
    public static FileIdentity? Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        try
        {
            if (NativeMethods.Statx(AtFdCwd, path, 0, StatxIno, buffer) != 0)
            {
                return null;
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        // The struct is in the machine's own byte order.
        return new FileIdentity(
            MemoryMarshal.Read<uint>(buffer.AsSpan(136)), MemoryMarshal.Read<uint>(buffer.AsSpan(140)), MemoryMarshal.Read<ulong>(buffer.AsSpan(32)));
    }

    /// <summary>The spelling of <c>/proc/locks</c>: <c>major:minor:inode</c>, the device numbers in hex.</summary>
    public string ProcLocksKey => FormattableString.Invariant($"{DeviceMajor:x2}:{DeviceMinor:x2}:{Inode}");

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        public static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
    }
}
