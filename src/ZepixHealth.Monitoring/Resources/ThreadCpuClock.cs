using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The CPU time the calling thread has used, from the operating system: Linux and macOS
/// <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, Windows <c>GetThreadTimes</c>. Elsewhere (or when
/// the call fails) it is unsupported and <see cref="ReadTicks"/> returns <see cref="Unsupported"/>.
/// </summary>
internal static partial class ThreadCpuClock
{
    /// <summary>What <see cref="ReadTicks"/> returns where the thread's CPU clock cannot be read.</summary>
    public const long Unsupported = -1;

    private const int LinuxThreadCpuClockId = 3;
    private const int MacThreadCpuClockId = 16;
    private const long NanosecondsPerTick = 100;

    private static readonly int ClockId = OperatingSystem.IsMacOS() ? MacThreadCpuClockId : LinuxThreadCpuClockId;

    /// <summary>Gets whether this platform's thread CPU clock can be read (probed once).</summary>
    public static bool IsSupported { get; } = Probe();

    /// <summary>Returns the calling thread's CPU time (user and kernel) in 100 ns ticks, or <see cref="Unsupported"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ReadTicks() => IsSupported ? ReadTicksCore() : Unsupported;

    private static long ReadTicksCore()
    {
        if (OperatingSystem.IsWindows())
        {
            return GetThreadTimes(GetCurrentThread(), out _, out _, out var kernel, out var user) ? kernel + user : Unsupported;
        }

        return clock_gettime(ClockId, out var time) == 0 ? ((time.Seconds * 1_000_000_000L) + time.Nanoseconds) / NanosecondsPerTick : Unsupported;
    }

    private static bool Probe()
    {
        // The timespec layout below is the 64-bit one.
        if (!OperatingSystem.IsWindows() && (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) || IntPtr.Size != 8))
        {
            return false;
        }

        try
        {
            return ReadTicksCore() >= 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // struct timespec on 64-bit Unix: two longs.
    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int clock_gettime(int clockId, out Timespec time);

    [LibraryImport("kernel32.dll")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static partial IntPtr GetCurrentThread();

    [LibraryImport("kernel32.dll", SetLastError = false)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetThreadTimes(IntPtr thread, out long creationTime, out long exitTime, out long kernelTime, out long userTime);
}
