using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    private const long TicksPerMillisecond = TimeSpan.TicksPerMillisecond;

    private readonly TimeProvider _timeProvider;
    private readonly StripeCounters[] _stripes;
    private readonly int[] _hotBuckets;
    private readonly int _stripeMask;
    private readonly double _ticksPerTimestamp;
    private readonly long _startTimestamp;
    private readonly long _subWindowTicks;
    private readonly SubWindowRing _ring;
    private readonly long[] _windowBuckets = new long[LatencyBuckets.Count];
    private readonly long[] _windowCounters = new long[TelemetryCounter.Count];
    private readonly Lock _lock = new();
    private readonly ITimer _clock;
    private readonly bool _systemClock;
    private readonly bool _trackCpu;
    private readonly bool _cpuClockSupported;
    private readonly KeyValuePair<string, object?> _pluginTag;

    private long _coarseUtcTicks;
    private long _lastTickElapsedTicks;
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
        _subWindowTicks = options.Window.Ticks / options.SubWindowCount;
        _ring = new SubWindowRing(options.SubWindowCount);

        var stripeCount = (int)Math.Min(
            BitOperations.RoundUpToPowerOf2((uint)Math.Max(Environment.ProcessorCount, 1)),
            PluginTelemetryDefaults.MaxStripes);
        _stripeMask = stripeCount - 1;
        _stripes = new StripeCounters[stripeCount];
        _hotBuckets = new int[stripeCount * LatencyBuckets.Count];

        _ticksPerTimestamp = (double)TimeSpan.TicksPerSecond / _timeProvider.TimestampFrequency;
        _startTimestamp = _timeProvider.GetTimestamp();
        StartedAt = _timeProvider.GetUtcNow();
        _coarseUtcTicks = StartedAt.UtcTicks;

        _pluginTag = new(MonitoringDiagnostics.PluginIdTag, pluginId ?? options.PluginId);
        _clock = CreateClock(_timeProvider, new WeakReference<PluginTelemetry>(this));
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
    internal long FootprintBytes =>
        _ring.FootprintBytes
        + ((long)_hotBuckets.Length * sizeof(int))
        + ((long)_stripes.Length * Unsafe.SizeOf<StripeCounters>())
        + ((long)_windowBuckets.Length * sizeof(long))
        + ((long)_windowCounters.Length * sizeof(long));

    /// <summary>Gets the number of stripes (for tests).</summary>
    internal int StripeCount => _stripes.Length;

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
    public void RecordSignal()
    {
        ref var stripe = ref CurrentStripe();
        Interlocked.Increment(ref stripe.Signals);
        stripe.LastActivityUtcTicks = Volatile.Read(ref _coarseUtcTicks);
    }

    /// <summary>Records one order placed. Counts as activity.</summary>
    public void RecordOrder()
    {
        ref var stripe = ref CurrentStripe();
        Interlocked.Increment(ref stripe.Orders);
        stripe.LastActivityUtcTicks = Volatile.Read(ref _coarseUtcTicks);
    }

    /// <summary>Records how a signal turned out, for <see cref="PluginPerformanceMetrics.SignalAccuracyPct"/>. Counts as activity.</summary>
    /// <param name="profitable">Whether the signal turned out profitable.</param>
    public void RecordSignalOutcome(bool profitable)
    {
        ref var stripe = ref CurrentStripe();
        Interlocked.Increment(ref stripe.SignalOutcomes);
        if (profitable)
        {
            Interlocked.Increment(ref stripe.ProfitableSignals);
        }

        stripe.LastActivityUtcTicks = Volatile.Read(ref _coarseUtcTicks);
    }

    /// <summary>Records how a trade ended, for <see cref="PluginPerformanceMetrics.WinRatePct"/>. Counts as activity.</summary>
    /// <param name="win">Whether the trade won.</param>
    public void RecordTradeOutcome(bool win)
    {
        ref var stripe = ref CurrentStripe();
        Interlocked.Increment(ref stripe.Trades);
        if (win)
        {
            Interlocked.Increment(ref stripe.Wins);
        }

        stripe.LastActivityUtcTicks = Volatile.Read(ref _coarseUtcTicks);
    }

    /// <summary>
    /// Records one operation: the denominator of <see cref="PluginErrorMetrics.ErrorRatePct"/>. Call it
    /// for every operation, failed or not, and <see cref="RecordError"/> as well for a failed one. Counts as activity.
    /// </summary>
    public void RecordOperation()
    {
        ref var stripe = ref CurrentStripe();
        Interlocked.Increment(ref stripe.Operations);
        stripe.LastActivityUtcTicks = Volatile.Read(ref _coarseUtcTicks);
    }

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
            throw new ArgumentOutOfRangeException(
                nameof(severity),
                severity,
                string.Create(CultureInfo.InvariantCulture, $"ErrorSeverity {(int)severity} is not defined; use Error or Critical."));
        }

        var type = exception.GetType();
        var recorded = new RecordedMessage(
            RecordedMessage.Truncate(ReadMessage(exception), PluginTelemetryDefaults.MaxMessageLength),
            RecordedMessage.Truncate(type.FullName ?? type.Name, PluginTelemetryDefaults.MaxTypeNameLength),
            _timeProvider.GetUtcNow());

        ref var stripe = ref CurrentStripe();
        Interlocked.Increment(ref stripe.Errors);
        if (severity == ErrorSeverity.Critical)
        {
            Interlocked.Increment(ref stripe.CriticalErrors);
        }

        stripe.LastActivityUtcTicks = Volatile.Read(ref _coarseUtcTicks);
        Volatile.Write(ref _lastError, recorded);
    }

    /// <summary>Records a warning: counts it and keeps its message (truncated to 1,024 characters) as <see cref="LastWarning"/>. Counts as activity.</summary>
    /// <param name="message">What happened.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public void RecordWarning(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var recorded = new RecordedMessage(
            RecordedMessage.Truncate(message, PluginTelemetryDefaults.MaxMessageLength),
            null,
            _timeProvider.GetUtcNow());

        ref var stripe = ref CurrentStripe();
        Interlocked.Increment(ref stripe.Warnings);
        stripe.LastActivityUtcTicks = Volatile.Read(ref _coarseUtcTicks);
        Volatile.Write(ref _lastWarning, recorded);
    }

    /// <summary>Records that the plugin is alive and working although it had nothing else to record (for example, a quiet market).</summary>
    public void Heartbeat() => CurrentStripe().LastActivityUtcTicks = Volatile.Read(ref _coarseUtcTicks);

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

        return new PluginMetrics
        {
            StartedAt = StartedAt,
            LastActivity = ReadLastActivity(lastError),
            Performance = new PluginPerformanceMetrics
            {
                AvgExecutionTimeMs = summary.ExecutionCount == 0
                    ? null
                    : (double)summary.ExecutionTicksSum / summary.ExecutionCount / TicksPerMillisecond,
                P50ExecutionTimeMs = summary.P50Ticks / TicksPerMillisecond,
                P95ExecutionTimeMs = summary.P95Ticks / TicksPerMillisecond,
                P99ExecutionTimeMs = summary.P99Ticks / TicksPerMillisecond,
                SignalsProcessed1h = summary.Signals,
                OrdersPlaced1h = summary.Orders,
                SignalAccuracyPct = Percentage(summary.ProfitableSignals, summary.SignalOutcomes),
                WinRatePct = Percentage(summary.Wins, summary.Trades),
            },
            CpuUsagePct = _cpuClockSupported && summary.WindowTicks > 0 ? 100.0 * summary.CpuTicks / summary.WindowTicks : null,
            AllocatedBytes = _trackCpu ? summary.AllocatedBytes : null,
            Errors = new PluginErrorMetrics
            {
                TotalErrors = summary.Errors,
                CriticalErrors = summary.CriticalErrors,
                Warnings = summary.Warnings,
                ErrorRatePct = Percentage(summary.Errors, summary.Operations),
                LastErrorMessage = lastError?.Message,
                LastErrorType = lastError?.TypeName,
                LastErrorTimestamp = lastError?.At,
            },
        };
    }

    /// <summary>Stops the recorder's clock timer. Recording still works afterwards; sub-windows then advance only in <see cref="ToMetrics"/>.</summary>
    public void Dispose() => _clock.Dispose();

    /// <summary>Moves the hot counts into the window and sums the window, as <see cref="ToMetrics"/> does.</summary>
    internal TelemetryWindowSummary Summarize()
    {
        lock (_lock)
        {
            TickLocked();
            var lastEpoch = _lastTickElapsedTicks / _subWindowTicks;

            var buckets = _windowBuckets.AsSpan();
            var counters = _windowCounters.AsSpan();
            buckets.Clear();
            counters.Clear();
            _ring.SumWindow(lastEpoch, buckets, counters);

            long count = 0;
            foreach (var bucket in buckets)
            {
                count += bucket;
            }

            double? p50 = null, p95 = null, p99 = null;
            if (count > 0)
            {
                // Nearest rank, as HdrHistogram reports it: the sample of 1-based rank ceil(p·n / 100),
                // so that a P99 over 50 samples is the slowest one rather than the second slowest.
                var rank50 = NearestRank(50, count);
                var rank95 = NearestRank(95, count);
                var rank99 = NearestRank(99, count);
                long cumulative = 0;
                for (var i = 0; i < buckets.Length && p99 is null; i++)
                {
                    if (buckets[i] == 0)
                    {
                        continue;
                    }

                    cumulative += buckets[i];
                    if (p50 is null && cumulative >= rank50)
                    {
                        p50 = LatencyBuckets.Representative(i);
                    }

                    if (p95 is null && cumulative >= rank95)
                    {
                        p95 = LatencyBuckets.Representative(i);
                    }

                    if (cumulative >= rank99)
                    {
                        p99 = LatencyBuckets.Representative(i);
                    }
                }
            }

            return new TelemetryWindowSummary(
                count,
                counters[TelemetryCounter.LatencySum],
                p50,
                p95,
                p99,
                counters[TelemetryCounter.Signals],
                counters[TelemetryCounter.Orders],
                counters[TelemetryCounter.SignalOutcomes],
                counters[TelemetryCounter.ProfitableSignals],
                counters[TelemetryCounter.Trades],
                counters[TelemetryCounter.Wins],
                counters[TelemetryCounter.Operations],
                counters[TelemetryCounter.Errors],
                counters[TelemetryCounter.CriticalErrors],
                counters[TelemetryCounter.Warnings],
                counters[TelemetryCounter.CpuTicks],
                counters[TelemetryCounter.AllocatedBytes],
                WindowTicksLocked(lastEpoch));
        }
    }

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
            ref var stripe = ref CurrentStripe();
            if (cpuTicks > 0)
            {
                Interlocked.Add(ref stripe.CpuTicks, cpuTicks);
            }

            if (allocated > 0)
            {
                Interlocked.Add(ref stripe.AllocatedBytes, allocated);
            }
        }

        RecordSince(startTimestamp);
    }

    // Out of line, so that the untracked MeasureExecution stays as small as before.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ExecutionScope StartTrackedScope()
    {
        var cpuTicks = _cpuClockSupported ? ThreadCpuClock.ReadTicks() : 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        return new ExecutionScope(this, ReadTimestamp(), Environment.CurrentManagedThreadId, cpuTicks, allocated);
    }

    /// <summary>
    /// The time the window's figures cover: from the start of its oldest sub-window (or the recorder's
    /// start) to the latest tick.
    /// </summary>
    private long WindowTicksLocked(long lastEpoch)
    {
        var firstEpoch = Math.Max(0, lastEpoch - _ring.SlotCount + 1);
        return _lastTickElapsedTicks - (firstEpoch * _subWindowTicks);
    }

    /// <summary>One tick of the coarse clock (the timer's callback).</summary>
    internal void Tick()
    {
        lock (_lock)
        {
            TickLocked();
        }
    }

    private static ITimer CreateClock(TimeProvider timeProvider, WeakReference<PluginTelemetry> recorder)
    {
        // The timer holds the recorder weakly, so that a recorder nobody disposed can still be
        // collected; and it does not capture the creator's execution context (its AsyncLocals).
        var suppress = !ExecutionContext.IsFlowSuppressed();
        var flow = suppress ? ExecutionContext.SuppressFlow() : default;
        try
        {
            return timeProvider.CreateTimer(
                static state =>
                {
                    if (((WeakReference<PluginTelemetry>)state!).TryGetTarget(out var telemetry))
                    {
                        telemetry.Tick();
                    }
                },
                recorder,
                PluginTelemetryDefaults.ClockResolution,
                PluginTelemetryDefaults.ClockResolution);
        }
        finally
        {
            if (suppress)
            {
                flow.Undo();
            }
        }
    }

    /// <summary>The 1-based rank of percentile <paramref name="percent"/> among <paramref name="count"/> samples: ceil(percent·count / 100).</summary>
    internal static long NearestRank(int percent, long count) => Math.Max(1, ((count * percent) + 99) / 100);

    private static double? Percentage(long part, long whole) =>
        whole <= 0 ? null : Math.Min(100.0, 100.0 * part / whole);

    /// <summary>Reads an exception's message; a message getter that throws gives a placeholder instead.</summary>
    internal static string ReadMessage(Exception exception)
    {
        try
        {
            return exception.Message;
        }
#pragma warning disable CA1031 // A plugin's exception whose Message throws must not break the recorder.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return $"(the Message of {exception.GetType().Name} threw {ex.GetType().Name})";
        }
    }

    [DoesNotReturn]
    private static void ThrowNegativeElapsed(TimeSpan elapsed) =>
        throw new ArgumentOutOfRangeException(
            nameof(elapsed),
            elapsed,
            string.Create(CultureInfo.InvariantCulture, $"An execution time cannot be negative; it was {elapsed:c}."));

    // The system provider's timestamp is Stopwatch.GetTimestamp(): calling it directly saves a virtual call per read.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ReadTimestamp() => _systemClock ? Stopwatch.GetTimestamp() : _timeProvider.GetTimestamp();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref StripeCounters CurrentStripe() =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_stripes), Thread.GetCurrentProcessorId() & _stripeMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecordTicks(long ticks)
    {
        var stripeIndex = Thread.GetCurrentProcessorId() & _stripeMask;
        var bucket = LatencyBuckets.IndexOf(ticks);

        // The mask keeps both indices inside their arrays, so the bounds checks can go.
        Interlocked.Increment(ref Unsafe.Add(
            ref MemoryMarshal.GetArrayDataReference(_hotBuckets),
            (stripeIndex << LatencyBuckets.CountBits) + bucket));
        ref var stripe = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_stripes), stripeIndex);
        Interlocked.Add(ref stripe.LatencySum, ticks);
        stripe.LastActivityUtcTicks = Volatile.Read(ref _coarseUtcTicks);

        // Out of line: with no listener attached, the hot path pays one flag check and nothing else.
        if (MonitoringDiagnostics.ExecutionDuration.Enabled)
        {
            RecordToHistogram(ticks);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordToHistogram(long ticks) =>
        MonitoringDiagnostics.ExecutionDuration.Record((double)ticks / TimeSpan.TicksPerSecond, _pluginTag);

    private void TickLocked()
    {
        var nowElapsed = _timeProvider.GetElapsedTime(_startTimestamp).Ticks;
        var utcNow = _timeProvider.GetUtcNow().UtcTicks;

        // Counts made since the previous tick were stamped with that tick's coarse clock: they belong
        // to the sub-window the previous tick fell in (at most one clock resolution early).
        HarvestLocked(_ring.PrepareSlot(_lastTickElapsedTicks / _subWindowTicks));

        _lastTickElapsedTicks = Math.Max(nowElapsed, _lastTickElapsedTicks);
        if (utcNow > _coarseUtcTicks)
        {
            Volatile.Write(ref _coarseUtcTicks, utcNow);
        }
    }

    private void HarvestLocked(int slot)
    {
        var hot = _hotBuckets.AsSpan();
        for (var stripeIndex = 0; stripeIndex < _stripes.Length; stripeIndex++)
        {
            var offset = stripeIndex << LatencyBuckets.CountBits;
            var stripeBuckets = hot.Slice(offset, LatencyBuckets.Count);

            // Most buckets are empty: skip them with a vectorised scan, and only exchange (which writes
            // the recorder's cache lines) where there is something to take.
            var i = stripeBuckets.IndexOfAnyExcept(0);
            while (i >= 0)
            {
                var taken = Interlocked.Exchange(ref _hotBuckets[offset + i], 0);
                if (taken > 0)
                {
                    _ring.AddToBucket(slot, i, (uint)taken);
                }

                var next = stripeBuckets[(i + 1)..].IndexOfAnyExcept(0);
                i = next < 0 ? -1 : i + 1 + next;
            }

            ref var stripe = ref _stripes[stripeIndex];
            Take(ref stripe.LatencySum, slot, TelemetryCounter.LatencySum);
            Take(ref stripe.Signals, slot, TelemetryCounter.Signals);
            Take(ref stripe.Orders, slot, TelemetryCounter.Orders);
            Take(ref stripe.SignalOutcomes, slot, TelemetryCounter.SignalOutcomes);
            Take(ref stripe.ProfitableSignals, slot, TelemetryCounter.ProfitableSignals);
            Take(ref stripe.Trades, slot, TelemetryCounter.Trades);
            Take(ref stripe.Wins, slot, TelemetryCounter.Wins);
            Take(ref stripe.Operations, slot, TelemetryCounter.Operations);
            Take(ref stripe.Errors, slot, TelemetryCounter.Errors);
            Take(ref stripe.CriticalErrors, slot, TelemetryCounter.CriticalErrors);
            Take(ref stripe.Warnings, slot, TelemetryCounter.Warnings);
            Take(ref stripe.CpuTicks, slot, TelemetryCounter.CpuTicks);
            Take(ref stripe.AllocatedBytes, slot, TelemetryCounter.AllocatedBytes);
        }
    }

    private void Take(ref long hotCounter, int slot, int counter)
    {
        if (Volatile.Read(ref hotCounter) != 0)
        {
            _ring.AddToCounter(slot, counter, Interlocked.Exchange(ref hotCounter, 0));
        }
    }

    private DateTimeOffset ReadLastActivity(RecordedMessage? lastError)
    {
        var latest = 0L;
        for (var i = 0; i < _stripes.Length; i++)
        {
            latest = Math.Max(latest, Volatile.Read(ref _stripes[i].LastActivityUtcTicks));
        }

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
