namespace ZepixHealth.Monitoring;

/// <summary>
/// The sliding window of a <see cref="PluginTelemetry"/>: at each tick it moves the counts recorded on
/// the hot stripes into the sub-window they belong to and advances the coarse clock; on demand it sums
/// the sub-windows still inside the window into a <see cref="TelemetryWindowSummary"/>.
/// </summary>
/// <remarks>
/// The tick and the summary share one lock; record calls never take it. The summing buffers are
/// allocated once, so neither a tick nor a summary allocates.
/// </remarks>
internal sealed class SlidingTelemetryWindow
{
    private readonly TimeProvider _timeProvider;
    private readonly StripedRecorder _hot;
    private readonly SubWindowRing _ring;
    private readonly long _startTimestamp;
    private readonly long _subWindowTicks;
    private readonly long[] _windowBuckets = new long[LatencyBuckets.Count];
    private readonly long[] _windowCounters = new long[TelemetryCounter.Count];
    private readonly Lock _lock = new();

    private long _lastTickElapsedTicks;

    /// <summary>Creates a window of <paramref name="subWindowCount"/> sub-windows over <paramref name="window"/>, starting now.</summary>
    public SlidingTelemetryWindow(TimeProvider timeProvider, StripedRecorder hot, TimeSpan window, int subWindowCount)
    {
        _timeProvider = timeProvider;
        _hot = hot;
        _ring = new SubWindowRing(subWindowCount);
        _subWindowTicks = window.Ticks / subWindowCount;
        _startTimestamp = timeProvider.GetTimestamp();
    }

    /// <summary>Bytes held by the window's arrays.</summary>
    public long FootprintBytes =>
        _ring.FootprintBytes
        + ((long)_windowBuckets.Length * sizeof(long))
        + ((long)_windowCounters.Length * sizeof(long));

    /// <summary>One tick of the coarse clock: harvests the hot counts and publishes the time.</summary>
    public void Tick()
    {
        lock (_lock)
        {
            TickLocked();
        }
    }

    /// <summary>Ticks, then sums every sub-window still inside the window.</summary>
    public TelemetryWindowSummary Summarize()
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

            return CreateSummary(LatencyPercentiles.FromBuckets(buckets), counters, WindowTicksLocked(lastEpoch));
        }
    }

    private static TelemetryWindowSummary CreateSummary(LatencyPercentiles latency, ReadOnlySpan<long> counters, long windowTicks) =>
        new(
            latency.Count,
            counters[TelemetryCounter.LatencySum],
            latency.P50Ticks,
            latency.P95Ticks,
            latency.P99Ticks,
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
            windowTicks);

    private void TickLocked()
    {
        var nowElapsed = _timeProvider.GetElapsedTime(_startTimestamp).Ticks;
        var utcNow = _timeProvider.GetUtcNow().UtcTicks;

        // Counts made since the previous tick were stamped with that tick's coarse clock: they belong
        // to the sub-window the previous tick fell in (at most one clock resolution early).
        _hot.HarvestInto(_ring, _ring.PrepareSlot(_lastTickElapsedTicks / _subWindowTicks));

        _lastTickElapsedTicks = Math.Max(nowElapsed, _lastTickElapsedTicks);
        _hot.AdvanceCoarseClock(utcNow);
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
}
