using System.Buffers.Text;
using System.Diagnostics;
using System.IO.Enumeration;
using System.Runtime.InteropServices;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Reads a process's resources from the operating system. On Linux it parses <c>/proc/&lt;pid&gt;/stat</c>
/// (one read, no allocation) and counts the entries of <c>/proc/&lt;pid&gt;/fd</c>; elsewhere it asks
/// <see cref="Process"/>.
/// </summary>
internal static partial class ProcessResourceReader
{
    private const int ClockTicksId = 2; // _SC_CLK_TCK
    private const int StatBufferSize = 1024;

    private static readonly long LinuxTicksPerClockTick = ReadLinuxTicksPerClockTick();

    private static readonly EnumerationOptions CountOptions = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Reads the resources of process <paramref name="processId"/>.</summary>
    /// <returns><see langword="false"/> when no such process is running (it exited, or never existed).</returns>
    public static bool TryRead(int processId, out ProcessResourceSample sample) =>
        OperatingSystem.IsLinux() ? TryReadLinux(processId, out sample) : TryReadPortable(processId, out sample);

    private static bool TryReadLinux(int processId, out ProcessResourceSample sample)
    {
        sample = default;
        Span<byte> buffer = stackalloc byte[StatBufferSize];
        int length;
        try
        {
            using var handle = File.OpenHandle($"/proc/{processId}/stat");
            length = RandomAccess.Read(handle, buffer, 0);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return false;
        }

        // The command name (field 2) is in parentheses and may hold spaces or ')': fields are counted
        // from the last ')'. After it come field 3 (state), 4, 5, …
        ReadOnlySpan<byte> text = buffer[..length];
        var close = text.LastIndexOf((byte)')');
        if (close < 0)
        {
            return false;
        }

        var rest = text[(close + 1)..];
        Span<long> fields = stackalloc long[25];
        var field = 3;
        var state = (byte)0;
        foreach (var range in rest.Split((byte)' '))
        {
            var token = rest[range];
            if (token.IsEmpty)
            {
                continue;
            }

            if (field == 3)
            {
                state = token[0];
            }
            else if (field < fields.Length)
            {
                Utf8Parser.TryParse(token, out fields[field], out _);
            }
            else
            {
                break;
            }

            field++;
        }

        // A zombie has exited and only waits for its parent to collect it.
        if (state is (byte)'Z' or (byte)'X' || field < fields.Length)
        {
            return false;
        }

        sample = new ProcessResourceSample(
            ResidentBytes: fields[24] * Environment.SystemPageSize,
            ProcessorTicks: (fields[14] + fields[15]) * LinuxTicksPerClockTick,
            Threads: (int)fields[20],
            OpenHandles: CountLinuxDescriptors(processId),
            StartTime: fields[22]);
        return true;
    }

    private static int? CountLinuxDescriptors(int processId)
    {
        try
        {
            var count = 0;
            var self = processId == Environment.ProcessId;
            var entries = new FileSystemEnumerable<bool>(
                self ? "/proc/self/fd" : $"/proc/{processId}/fd",
                static (ref FileSystemEntry _) => true,
                CountOptions);
            foreach (var unused in entries)
            {
                count++;
            }

            // Listing our own descriptors opens one more: the directory being listed.
            return self ? Math.Max(count - 1, 0) : count;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            // Another user's process: its descriptors are not ours to see.
            return null;
        }
    }

    private static bool TryReadPortable(int processId, out ProcessResourceSample sample)
    {
        sample = default;
        try
        {
            using var process = Process.GetProcessById(processId);
            if (process.HasExited)
            {
                return false;
            }

            sample = new ProcessResourceSample(
                process.WorkingSet64,
                process.TotalProcessorTime.Ticks,
                process.Threads.Count,
                process.HandleCount,
                process.StartTime.Ticks);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;
        }
    }

    private static long ReadLinuxTicksPerClockTick()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        long hertz;
        try
        {
            hertz = sysconf(ClockTicksId);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            hertz = 0;
        }

        // USER_HZ is 100 on every Linux that .NET runs on; the call only confirms it.
        return TimeSpan.TicksPerSecond / (hertz > 0 ? hertz : 100);
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial long sysconf(int name);
}
