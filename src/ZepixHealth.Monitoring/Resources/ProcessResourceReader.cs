using System.Buffers.Text;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Reads a process's resources from the operating system. On Linux it parses <c>/proc/&lt;pid&gt;/stat</c>
/// (one read) and counts the entries of <c>/proc/&lt;pid&gt;/fd</c> with <c>readdir</c> (64-bit only);
/// elsewhere it asks
/// <see cref="Process"/>.
/// </summary>
internal static partial class ProcessResourceReader
{
    private const int ClockTicksId = 2; // _SC_CLK_TCK
    private const int StatBufferSize = 1024;

    /// <summary>Fields of <c>/proc/&lt;pid&gt;/stat</c> read, by number: up to 24 (resident pages).</summary>
    internal const int StatFieldCount = 25;

    private static readonly long LinuxTicksPerClockTick = ReadLinuxTicksPerClockTick();

    // struct dirent on 64-bit Linux (glibc and musl): d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name.
    private const int DirentNameOffset = 19;

    /// <summary>Reads the resources of process <paramref name="processId"/>.</summary>
    /// <returns><see langword="false"/> when no such process is running (it exited, or never existed).</returns>
    public static bool TryRead(int processId, out ProcessResourceSample sample) =>
        OperatingSystem.IsLinux() && IntPtr.Size == 8 ? TryReadLinux(processId, out sample) : TryReadPortable(processId, out sample);

    private static bool TryReadLinux(int processId, out ProcessResourceSample sample)
    {
        sample = default;
        Span<byte> buffer = stackalloc byte[StatBufferSize];
        Span<long> fields = stackalloc long[StatFieldCount];
        if (!TryReadStatFile(processId, buffer, out var length) || !TryParseStat(buffer[..length], fields))
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

    private static bool TryReadStatFile(int processId, Span<byte> buffer, out int length)
    {
        try
        {
            using var handle = File.OpenHandle($"/proc/{processId}/stat");
            length = RandomAccess.Read(handle, buffer, 0);
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>
    /// Parses the numeric fields 4 to <see cref="StatFieldCount"/> − 1 of a <c>stat</c> line into
    /// <paramref name="fields"/> (indexed by field number); <see langword="false"/> when the line is cut
    /// short or the process is a zombie.
    /// </summary>
    internal static bool TryParseStat(ReadOnlySpan<byte> text, Span<long> fields)
    {
        // The command name (field 2) is in parentheses and may hold spaces or ')': fields are counted
        // from the last ')'. After it come field 3 (state), 4, 5, …
        var close = text.LastIndexOf((byte)')');
        if (close < 0)
        {
            return false;
        }

        var rest = text[(close + 1)..];
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
        return state is not ((byte)'Z' or (byte)'X') && field >= fields.Length;
    }

    private static int? CountLinuxDescriptors(int processId)
    {
        var self = processId == Environment.ProcessId;
        var directory = opendir(self ? "/proc/self/fd" : $"/proc/{processId}/fd");
        if (directory == IntPtr.Zero)
        {
            // Another user's process: its descriptors are not ours to see.
            return null;
        }

        var count = 0;
        try
        {
            // readdir, not Directory.Enumerate*: the latter stats every entry (each is a symbolic link),
            // which costs more than the rest of the sample together. Only the name's first byte is read:
            // descriptors are numbers, "." and ".." are skipped.
            IntPtr entry;
            while ((entry = readdir(directory)) != IntPtr.Zero)
            {
                if (Marshal.ReadByte(entry, DirentNameOffset) != (byte)'.')
                {
                    count++;
                }
            }
        }
        finally
        {
            _ = closedir(directory);
        }

        // Listing our own descriptors opens one more: the directory being listed.
        return self ? Math.Max(count - 1, 0) : count;
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

    [LibraryImport("libc", EntryPoint = "opendir", StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial IntPtr opendir(string path);

    [LibraryImport("libc", EntryPoint = "readdir")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial IntPtr readdir(IntPtr directory);

    [LibraryImport("libc", EntryPoint = "closedir")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int closedir(IntPtr directory);

    [LibraryImport("libc", EntryPoint = "sysconf")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial long sysconf(int name);
}
