using System.Runtime.InteropServices;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Measures one execution from <see cref="PluginTelemetry.MeasureExecution"/> to <see cref="Dispose"/>
/// and records it with <see cref="PluginTelemetry.RecordExecution"/>. A struct, so that measuring
/// allocates nothing: use it with <c>using var _ = telemetry.MeasureExecution();</c>.
/// </summary>
/// <remarks>
/// With <see cref="PluginTelemetryOptions.TrackCpu"/> on, the scope also measures the thread CPU time
/// and the bytes allocated between its start and its end, provided it ends on the thread it began on
/// (otherwise only its latency counts: the CPU clock and the allocation counter are per thread).
/// Disposing it a second time records nothing. Copies share the start time but not the "already
/// recorded" mark, so do not copy it; <see langword="default"/> records nothing.
/// </remarks>
[StructLayout(LayoutKind.Auto)]
public struct ExecutionScope : IDisposable, IEquatable<ExecutionScope>
{
    private readonly long _startTimestamp;

    // Zero unless CPU tracking is on: then the managed thread the scope began on, its CPU clock and its allocation count.
    private readonly int _threadId;
    private readonly long _startCpuTicks;
    private readonly long _startAllocatedBytes;
    private PluginTelemetry? _telemetry;

    internal ExecutionScope(PluginTelemetry telemetry, long startTimestamp)
    {
        _telemetry = telemetry;
        _startTimestamp = startTimestamp;
    }

    internal ExecutionScope(PluginTelemetry telemetry, long startTimestamp, int threadId, long startCpuTicks, long startAllocatedBytes)
    {
        _telemetry = telemetry;
        _startTimestamp = startTimestamp;
        _threadId = threadId;
        _startCpuTicks = startCpuTicks;
        _startAllocatedBytes = startAllocatedBytes;
    }

    /// <summary>Determines whether two scopes are the same measurement.</summary>
    /// <param name="left">The first scope.</param>
    /// <param name="right">The second scope.</param>
    /// <returns><see langword="true"/> when both belong to the same recorder and started at the same timestamp.</returns>
    public static bool operator ==(ExecutionScope left, ExecutionScope right) => left.Equals(right);

    /// <summary>Determines whether two scopes are different measurements.</summary>
    /// <param name="left">The first scope.</param>
    /// <param name="right">The second scope.</param>
    /// <returns><see langword="true"/> when they belong to different recorders or started at different timestamps.</returns>
    public static bool operator !=(ExecutionScope left, ExecutionScope right) => !left.Equals(right);

    /// <summary>Ends the measurement and records the elapsed time (once).</summary>
    public void Dispose()
    {
        var telemetry = _telemetry;
        if (telemetry is null)
        {
            return;
        }

        _telemetry = null;
        if (_threadId == 0)
        {
            telemetry.RecordSince(_startTimestamp);
        }
        else
        {
            telemetry.RecordTrackedSince(_startTimestamp, _threadId, _startCpuTicks, _startAllocatedBytes);
        }
    }

    /// <summary>Determines whether <paramref name="other"/> is the same measurement.</summary>
    /// <param name="other">The scope to compare with.</param>
    /// <returns><see langword="true"/> when both belong to the same recorder and started at the same timestamp.</returns>
    public readonly bool Equals(ExecutionScope other) =>
        ReferenceEquals(_telemetry, other._telemetry) && _startTimestamp == other._startTimestamp;

    /// <summary>Determines whether <paramref name="obj"/> is the same measurement.</summary>
    /// <param name="obj">The object to compare with.</param>
    /// <returns><see langword="true"/> when <paramref name="obj"/> is an equal <see cref="ExecutionScope"/>.</returns>
    public override readonly bool Equals(object? obj) => obj is ExecutionScope other && Equals(other);

    /// <summary>Returns a hash code for the measurement.</summary>
    /// <returns>A hash of the start timestamp.</returns>
    public override readonly int GetHashCode() => _startTimestamp.GetHashCode();
}
