using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The plugin author's recorder: counts what a plugin does and times its executions over a sliding
/// window (one hour by default), cheaply enough to call on every tick of a trading hot path, and turns
/// it into <see cref="PluginMetrics"/> with <see cref="ToMetrics"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Cost.</b> Every <c>Record*</c> call and <see cref="Heartbeat"/> is wait-free, takes no lock and
/// allocates nothing (except <see cref="RecordError"/> and <see cref="RecordWarning"/>, which keep the
/// message). Calls go to one of up to four <em>stripes</em>, picked by the processor the thread runs on,
/// so threads on different cores do not write the same cache line; within a stripe counts are added
/// atomically, so no count is ever lost, however many threads record.
/// </para>
/// <para>
/// <b>Clock.</b> Record calls never read the clock. A timer of the <see cref="TimeProvider"/> ticks once
/// a second; each tick (and each <see cref="ToMetrics"/> call) publishes a <em>coarse clock</em> that
/// record calls copy as their activity time, and moves the counts recorded since the previous tick
/// out of the stripes into the sub-window the previous tick fell in. So the current sub-window advances
/// by itself once a second, and an activity time or a sub-window assignment is at most one second early.
/// </para>
/// <para>
/// <b>Window.</b> The window is <see cref="PluginTelemetryOptions.SubWindowCount"/> fixed sub-windows,
/// allocated once and recycled: the figures cover the sub-window in progress and the ones before it,
/// and a sub-window leaves whole when it is a window old. Memory is fixed at creation, under 128 KB.
/// </para>
/// <para>
/// <b>Latency.</b> Executions go into a log-bucketed sketch (32 buckets per power of two of 100 ns
/// ticks): P50, P95 and P99 (nearest rank: the sample of rank ⌈p·n/100⌉) are within 1.6 % of the exact sample at that rank from 0 to 1.9 hours
/// (exact below 6.4 µs); the average is exact. Durations have <see cref="TimeSpan"/> resolution (100 ns).
/// </para>
/// <para>Dispose the recorder to stop its timer; <see cref="HealthCheckablePluginBase"/> does it for you.</para>
/// </remarks>
public sealed class PluginTelemetry : IDisposable
{
    // The recorder is a facade over its parts: the hot stripes record calls write, the sliding window
    // that harvests them each tick, the timer that ticks it, and the builder that turns a window
    // summary into PluginMetrics. Validation and the last error and warning stay here.
    private readonly TimeProvider _timeProvider;
    private readonly StripedRecorder _hot;
    private readonly SlidingTelemetryWindow _window;
    private readonly ITimer _clock;
    private readonly double _ticksPerTimestamp;
    private readonly bool _systemClock;
    private readonly bool _trackCpu;
    private readonly bool _cpuClockSupported;
    private readonly KeyValuePair<string, object?> _pluginTag;

    private RecordedMessage? _lastError;
    private RecordedMessage? _lastWarning;

    /// <summary>Creates a recorder whose clock is <paramref name="timeProvider"/>.</summary>
    /// <param name="timeProvider">The clock; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="options">The window settings; default a one-hour window of twelve sub-windows.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is out of range (see <see cref="PluginTelemetryOptions.Validate"/>).</exception>
    public PluginTelemetry(TimeProvider? timeProvider = null, PluginTelemetryOptions? options = null)
        : this(timeProvider, options, pluginId: null)
    {
    }

    /// <summary>Creates a recorder whose histogram measurements carry <paramref name="pluginId"/> (for <see cref="HealthCheckablePluginBase"/>).</summary>
    internal PluginTelemetry(TimeProvider? timeProvider, PluginTelemetryOptions? options, string? pluginId)
    {
        options ??= new PluginTelemetryOptions();
        options.Validate();

        _timeProvider = timeProvider ?? TimeProvider.System;
        _systemClock = ReferenceEquals(_timeProvider, TimeProvider.System);
        Window = options.Window;
        _trackCpu = options.TrackCpu;
        _cpuClockSupported = _trackCpu && ThreadCpuClock.IsSupported;
        _ticksPerTimestamp = (double)TimeSpan.TicksPerSecond / _timeProvider.TimestampFrequency;

        StartedAt = _timeProvider.GetUtcNow();
        _hot = new StripedRecorder(StartedAt.UtcTicks);
        _window = new SlidingTelemetryWindow(_timeProvider, _hot, options.Window, options.SubWindowCount);

        _pluginTag = new(MonitoringDiagnostics.PluginIdTag, pluginId ?? options.PluginId);
        _clock = TelemetryClock.Start(_timeProvider, _window);
    }

    /// <summary>Gets when the recorder was created, which stands for when the plugin started.</summary>
    /// <value>The clock's time at construction.</value>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets the length of the sliding window the figures cover.</summary>
    /// <value><see cref="PluginTelemetryOptions.Window"/>; default one hour.</value>
    public TimeSpan Window { get; }

    /// <summary>Gets the most recent warning passed to <see cref="RecordWarning"/>, truncated to 1,024 characters.</summary>
    /// <value><see langword="null"/> until a warning is recorded.</value>
    public string? LastWarning => Volatile.Read(ref _lastWarning)?.Message;

    /// <summary>Bytes held by the recorder's arrays: the fixed memory it costs, however long it runs.</summary>
    internal long FootprintBytes => _hot.FootprintBytes + _window.FootprintBytes;

    /// <summary>Gets the number of stripes (for tests).</summary>
    internal int StripeCount => _hot.StripeCount;

    /// <summary>Gets whether scopes measure CPU time and allocations (<see cref="PluginTelemetryOptions.TrackCpu"/>).</summary>
    /// <value>As set in the options; default <see langword="false"/>.</value>
    public bool TracksCpu => _trackCpu;

    /// <summary>
    /// Starts timing one execution; disposing the returned scope records it, as
    /// <see cref="RecordExecution"/> would. Reads the clock's timestamp twice and allocates nothing.
    /// With <see cref="PluginTelemetryOptions.TrackCpu"/> on, it also reads the thread's CPU clock and
    /// allocation count at both ends.
    /// </summary>
    /// <returns>A scope to dispose when the execution ends: <c>using var _ = telemetry.MeasureExecution();</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ExecutionScope MeasureExecution() => _trackCpu ? StartTrackedScope() : new(this, ReadTimestamp());

    /// <summary>Records one execution that took <paramref name="elapsed"/>. Counts as activity.</summary>
    /// <param name="elapsed">How long the execution took; durations above about 1.9 hours count as 1.9 hours in the percentiles (not in the average).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elapsed"/> is negative.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordExecution(TimeSpan elapsed)
    {
        var ticks = elapsed.Ticks;
        if (ticks < 0)
        {
            ThrowNegativeElapsed(elapsed);
        }

        RecordTicks(ticks);
    }

    /// <summary>Records one signal processed. Counts as activity.</summary>
    public void RecordSignal() => _hot.CountSignal();

    /// <summary>Records one order placed. Counts as activity.</summary>
    public void RecordOrder() => _hot.CountOrder();

    /// <summary>Records how a signal turned out, for <see cref="PluginPerformanceMetrics.SignalAccuracyPct"/>. Counts as activity.</summary>
    /// <param name="profitable">Whether the signal turned out profitable.</param>
    public void RecordSignalOutcome(bool profitable) => _hot.CountSignalOutcome(profitable);

    /// <summary>Records how a trade ended, for <see cref="PluginPerformanceMetrics.WinRatePct"/>. Counts as activity.</summary>
    /// <param name="win">Whether the trade won.</param>
    public void RecordTradeOutcome(bool win) => _hot.CountTradeOutcome(win);

    /// <summary>
    /// Records one operation: the denominator of <see cref="PluginErrorMetrics.ErrorRatePct"/>. Call it
    /// for every operation, failed or not, and <see cref="RecordError"/> as well for a failed one. Counts as activity.
    /// </summary>
    public void RecordOperation() => _hot.CountOperation();

    /// <summary>
    /// Records an error: counts it (and, when <see cref="ErrorSeverity.Critical"/>, as critical) and keeps it
    /// as the last error, with its message truncated to 1,024 characters and its exception type. Counts as activity.
    /// </summary>
    /// <param name="exception">The error.</param>
    /// <param name="severity">How bad it is.</param>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="severity"/> is not a defined <see cref="ErrorSeverity"/>.</exception>
    public void RecordError(Exception exception, ErrorSeverity severity)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (severity is not (ErrorSeverity.Error or ErrorSeverity.Critical))
        {
            ThrowUndefinedSeverity(severity);
        }

        var recorded = RecordedMessage.FromException(exception, _timeProvider.GetUtcNow());
        _hot.CountError(critical: severity == ErrorSeverity.Critical);
        Volatile.Write(ref _lastError, recorded);
    }

    /// <summary>Records a warning: counts it and keeps its message (truncated to 1,024 characters) as <see cref="LastWarning"/>. Counts as activity.</summary>
    /// <param name="message">What happened.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public void RecordWarning(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var recorded = RecordedMessage.FromWarning(message, _timeProvider.GetUtcNow());
        _hot.CountWarning();
        Volatile.Write(ref _lastWarning, recorded);
    }

    /// <summary>Records that the plugin is alive and working although it had nothing else to record (for example, a quiet market).</summary>
    public void Heartbeat() => _hot.MarkActivity();

    /// <summary>
    /// Builds the plugin's metrics over the window: latency average and percentiles, signals, orders,
    /// signal accuracy, win rate, errors, warnings, error rate, the last error, the last activity and
    /// the start time. Takes a lock shared only with the clock tick; record calls never wait for it.
    /// </summary>
    /// <returns>
    /// The metrics. Figures with nothing to measure are <see langword="null"/>: the latency figures when
    /// no execution was recorded, <see cref="PluginPerformanceMetrics.SignalAccuracyPct"/> when no signal
    /// outcome was, <see cref="PluginPerformanceMetrics.WinRatePct"/> when no trade outcome was,
    /// <see cref="PluginErrorMetrics.ErrorRatePct"/> when no operation was (it is capped at 100 when errors
    /// outnumber operations). <see cref="PluginMetrics.LastActivity"/> is <see cref="StartedAt"/> until the
    /// first record call. With <see cref="PluginTelemetryOptions.TrackCpu"/> on,
    /// <see cref="PluginMetrics.CpuUsagePct"/> is the thread CPU time spent in measured scopes over the
    /// time the window covers (percent of one core; unknown where the thread CPU clock cannot be read)
    /// and <see cref="PluginMetrics.AllocatedBytes"/> the bytes allocated in them; with it off both are
    /// unknown. Database, memory and process figures are left unknown.
    /// </returns>
    public PluginMetrics ToMetrics()
    {
        var summary = Summarize();
        var lastError = Volatile.Read(ref _lastError);
        return TelemetryMetricsBuilder.Build(
            summary,
            StartedAt,
            ReadLastActivity(lastError),
            lastError,
            cpuMeasured: _cpuClockSupported,
            allocationsMeasured: _trackCpu);
    }

    /// <summary>Stops the recorder's clock timer. Recording still works afterwards; sub-windows then advance only in <see cref="ToMetrics"/>.</summary>
    public void Dispose() => _clock.Dispose();

    /// <summary>Moves the hot counts into the window and sums the window, as <see cref="ToMetrics"/> does.</summary>
    internal TelemetryWindowSummary Summarize() => _window.Summarize();

    /// <summary>One tick of the coarse clock, as the timer's callback makes it.</summary>
    internal void Tick() => _window.Tick();

    /// <summary>Records the time elapsed since <paramref name="startTimestamp"/> (for <see cref="ExecutionScope"/>).</summary>
    internal void RecordSince(long startTimestamp)
    {
        var ticks = (long)((ReadTimestamp() - startTimestamp) * _ticksPerTimestamp);

        // A clock that steps back (only a fake one can) must not make a negative duration.
        RecordTicks(Math.Max(ticks, 0));
    }

    /// <summary>
    /// Records a tracked scope: its latency always, its CPU time and allocations only when it ends on
    /// the thread it began on (for <see cref="ExecutionScope"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void RecordTrackedSince(long startTimestamp, int threadId, long startCpuTicks, long startAllocatedBytes)
    {
        if (threadId == Environment.CurrentManagedThreadId)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread() - startAllocatedBytes;
            var cpuTicks = _cpuClockSupported ? ThreadCpuClock.ReadTicks() - startCpuTicks : 0;
            _hot.AddCpuAndAllocations(cpuTicks, allocated);
        }

        RecordSince(startTimestamp);
    }

    [DoesNotReturn]
    private static void ThrowNegativeElapsed(TimeSpan elapsed) =>
        throw new ArgumentOutOfRangeException(
            nameof(elapsed),
            elapsed,
            string.Create(CultureInfo.InvariantCulture, $"An execution time cannot be negative; it was {elapsed:c}."));

    [DoesNotReturn]
    private static void ThrowUndefinedSeverity(ErrorSeverity severity) =>
        throw new ArgumentOutOfRangeException(
            nameof(severity),
            severity,
            string.Create(CultureInfo.InvariantCulture, $"ErrorSeverity {(int)severity} is not defined; use Error or Critical."));

    // Out of line, so that the untracked MeasureExecution stays small enough to inline.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ExecutionScope StartTrackedScope()
    {
        var cpuTicks = _cpuClockSupported ? ThreadCpuClock.ReadTicks() : 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        return new ExecutionScope(this, ReadTimestamp(), Environment.CurrentManagedThreadId, cpuTicks, allocated);
    }

    // The system provider's timestamp is Stopwatch.GetTimestamp(): calling it directly saves a virtual call per read.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ReadTimestamp() => _systemClock ? Stopwatch.GetTimestamp() : _timeProvider.GetTimestamp();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecordTicks(long ticks)
    {
        _hot.RecordExecution(ticks);

        // Out of line: with no listener attached, the hot path pays one flag check and nothing else.
        if (MonitoringDiagnostics.ExecutionDuration.Enabled)
        {
            RecordToHistogram(ticks);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordToHistogram(long ticks) =>
        MonitoringDiagnostics.ExecutionDuration.Record((double)ticks / TimeSpan.TicksPerSecond, _pluginTag);

    /// <summary>The latest of the stripes' activity, the last error and the last warning; the start until any.</summary>
    private DateTimeOffset ReadLastActivity(RecordedMessage? lastError)
    {
        var latest = _hot.ReadLatestActivityUtcTicks();
        var activity = latest == 0 ? StartedAt : new DateTimeOffset(latest, TimeSpan.Zero);
        if (lastError is not null && lastError.At > activity)
        {
            activity = lastError.At;
        }

        var lastWarning = Volatile.Read(ref _lastWarning);
        if (lastWarning is not null && lastWarning.At > activity)
        {
            activity = lastWarning.At;
        }

        return activity;
    }
}
