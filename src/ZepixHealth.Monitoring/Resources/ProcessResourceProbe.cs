using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Samples one process (the host's own, or a plugin's) and turns two consecutive samples into
/// <see cref="PluginResourceMetrics"/>: resident memory, managed heap (own process only), CPU, threads,
/// open file handles and the memory limit.
/// </summary>
/// <remarks>
/// <para>
/// <b>CPU</b> is the processor time (user plus kernel, all threads) the process used between two
/// samples divided by the wall time between them, in percent of one core, as <c>top</c> and psutil
/// report it: a process keeping two cores busy shows 200 %. Wall time comes from the
/// <see cref="TimeProvider"/>. The first sample has nothing to compare with, so the probe takes one
/// when it is created.
/// </para>
/// <para>
/// A process that has exited (or never existed) gives no figures but a reason. So does a process id
/// that now belongs to another process (its start time changed). Not thread-safe: the monitor calls
/// it from its cycle only.
/// </para>
/// </remarks>
internal sealed class ProcessResourceProbe
{
    private const double BytesPerMb = 1024 * 1024;

    private readonly TimeProvider _timeProvider;
    private readonly double? _memoryLimitMb;
    private readonly bool _isCurrentProcess;
    private ProcessResourceSample? _previous;
    private long _previousTimestamp;
    private long? _startTime;

    /// <summary>Creates a probe of process <paramref name="processId"/> and takes its first sample.</summary>
    /// <param name="processId">The process to sample.</param>
    /// <param name="timeProvider">The clock the wall time between samples is measured with.</param>
    /// <param name="memoryLimitMb">The configured memory limit; null to report the limit the runtime sees (own process only).</param>
    public ProcessResourceProbe(int processId, TimeProvider timeProvider, double? memoryLimitMb = null)
    {
        ProcessId = processId;
        _timeProvider = timeProvider;
        _memoryLimitMb = memoryLimitMb;
        _isCurrentProcess = processId == Environment.ProcessId;
        if (ProcessResourceReader.TryRead(processId, out var first))
        {
            _previous = first;
            _previousTimestamp = timeProvider.GetTimestamp();
            _startTime = first.StartTime;
        }
    }

    /// <summary>Gets the id of the process sampled.</summary>
    public int ProcessId { get; }

    /// <summary>Creates a probe of the current (host) process.</summary>
    public static ProcessResourceProbe ForCurrentProcess(TimeProvider timeProvider, double? memoryLimitMb) =>
        new(Environment.ProcessId, timeProvider, memoryLimitMb);

    /// <summary>Samples the process and returns its figures, or why it has none.</summary>
    public ProcessProbeResult Sample()
    {
        if (!ProcessResourceReader.TryRead(ProcessId, out var sample))
        {
            _previous = null;
            return new ProcessProbeResult(null, string.Create(
                CultureInfo.InvariantCulture,
                $"Process {ProcessId} is not running: it has exited{(_startTime is null ? " or never existed" : string.Empty)}."));
        }

        if (_startTime is { } started && started != sample.StartTime)
        {
            _previous = null;
            return new ProcessProbeResult(null, string.Create(
                CultureInfo.InvariantCulture,
                $"Process {ProcessId} has exited; its id now belongs to another process."));
        }

        _startTime = sample.StartTime;
        var now = _timeProvider.GetTimestamp();
        double? cpu = null;
        if (_previous is { } previous)
        {
            var wallTicks = _timeProvider.GetElapsedTime(_previousTimestamp, now).Ticks;
            var cpuTicks = sample.ProcessorTicks - previous.ProcessorTicks;

            // A clock that did not move (a fake one) gives no rate rather than a division by zero.
            if (wallTicks > 0 && cpuTicks >= 0)
            {
                cpu = 100.0 * cpuTicks / wallTicks;
            }
        }

        _previous = sample;
        _previousTimestamp = now;

        return new ProcessProbeResult(
            new PluginResourceMetrics
            {
                MemoryUsageMb = sample.ResidentBytes / BytesPerMb,
                MemoryLimitMb = _memoryLimitMb ?? (_isCurrentProcess ? RuntimeMemoryLimitMb() : null),
                ManagedHeapMb = _isCurrentProcess ? GC.GetTotalMemory(forceFullCollection: false) / BytesPerMb : null,
                CpuUsagePct = cpu,
                Threads = sample.Threads,
                OpenFileHandles = sample.OpenHandles,
            },
            null);
    }

    /// <summary>
    /// The memory the runtime may use: the container (cgroup) limit or a configured GC heap hard limit
    /// when there is one, the machine's physical memory otherwise.
    /// </summary>
    private static double? RuntimeMemoryLimitMb()
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return available > 0 ? available / BytesPerMb : null;
    }
}
