using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The hot path of a <see cref="PluginTelemetry"/>: counts and latency buckets kept in up to four
/// <em>stripes</em>, one picked per call by the processor the thread runs on, and the coarse clock that
/// record calls copy as their activity time.
/// </summary>
/// <remarks>
/// Every method a record call reaches is wait-free and allocates nothing: threads on different cores
/// write different cache lines, and threads that share a stripe add atomically, so no count is lost.
/// <see cref="HarvestInto"/> empties the stripes with <see cref="Interlocked.Exchange(ref long, long)"/>:
/// a count made during a harvest is moved either now or by the next one, never lost.
/// </remarks>
internal sealed class StripedRecorder
{
    private readonly StripeCounters[] _stripes;
    private readonly int[] _hotBuckets;
    private readonly int _stripeMask;

    private long _coarseUtcTicks;

    /// <summary>Creates the stripes, one per processor up to <see cref="PluginTelemetryDefaults.MaxStripes"/>.</summary>
    /// <param name="startUtcTicks">The coarse clock's first reading: the recorder's start.</param>
    public StripedRecorder(long startUtcTicks)
        : this(startUtcTicks, Environment.ProcessorCount)
    {
    }

    /// <summary>Creates the stripes for <paramref name="processorCount"/> processors (for tests).</summary>
    internal StripedRecorder(long startUtcTicks, int processorCount)
    {
        var stripeCount = (int)Math.Min(
            BitOperations.RoundUpToPowerOf2((uint)Math.Max(processorCount, 1)),
            PluginTelemetryDefaults.MaxStripes);
        _stripeMask = stripeCount - 1;
        _stripes = new StripeCounters[stripeCount];
        _hotBuckets = new int[stripeCount * LatencyBuckets.Count];
        _coarseUtcTicks = startUtcTicks;
    }

    /// <summary>Gets the number of stripes: a power of two, at most <see cref="PluginTelemetryDefaults.MaxStripes"/>.</summary>
    public int StripeCount => _stripes.Length;

    /// <summary>Bytes held by the stripes' arrays.</summary>
    public long FootprintBytes =>
        ((long)_hotBuckets.Length * sizeof(int)) + ((long)_stripes.Length * Unsafe.SizeOf<StripeCounters>());

    /// <summary>Gets the coarse clock (UTC ticks) record calls stamp as their activity time.</summary>
    public long CoarseUtcTicks => Volatile.Read(ref _coarseUtcTicks);

    /// <summary>Records one execution of <paramref name="ticks"/> (non-negative): its bucket, the latency sum and the activity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordExecution(long ticks)
    {
        var stripeIndex = CurrentStripeIndex();
        var bucket = LatencyBuckets.IndexOf(ticks);

        // The mask keeps both indices inside their arrays, so the bounds checks can go.
        Interlocked.Increment(ref Unsafe.Add(
            ref MemoryMarshal.GetArrayDataReference(_hotBuckets),
            (stripeIndex << LatencyBuckets.CountBits) + bucket));
        ref var stripe = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_stripes), stripeIndex);
        Interlocked.Add(ref stripe.LatencySum, ticks);
        stripe.LastActivityUtcTicks = CoarseUtcTicks;
    }

    /// <summary>Adds the CPU time and the allocations of one measured scope (not counted as activity: its latency is).</summary>
    public void AddCpuAndAllocations(long cpuTicks, long allocatedBytes)
    {
        ref var stripe = ref CurrentStripe();
        if (cpuTicks > 0)
        {
            Interlocked.Add(ref stripe.CpuTicks, cpuTicks);
        }

        if (allocatedBytes > 0)
        {
            Interlocked.Add(ref stripe.AllocatedBytes, allocatedBytes);
        }
    }

    /// <summary>Counts one signal processed.</summary>
    public void CountSignal()
    {
        ref var stripe = ref CurrentStripe();
        Interlocked.Increment(ref stripe.Signals);
        stripe.LastActivityUtcTicks = CoarseUtcTicks;
    }

    /// <summary>Counts one order placed.</summary>
    public void CountOrder()
    {
        ref var stripe = ref CurrentStripe();
        Interlocked.Increment(ref stripe.Orders);
        stripe.LastActivityUtcTicks = CoarseUtcTicks;
    }

    /// <summary>Counts one operation, the denominator of the error rate.</summary>
    public void CountOperation()
    {
        ref var stripe = ref CurrentStripe();
        Interlocked.Increment(ref stripe.Operations);
        stripe.LastActivityUtcTicks = CoarseUtcTicks;
    }

    /// <summary>Counts one warning.</summary>
    public void CountWarning()
    {
        ref var stripe = ref CurrentStripe();
        Interlocked.Increment(ref stripe.Warnings);
        stripe.LastActivityUtcTicks = CoarseUtcTicks;
    }

    /// <summary>Counts one signal outcome and, when <paramref name="profitable"/>, one profitable signal.</summary>
    public void CountSignalOutcome(bool profitable)
    {
        ref var stripe = ref CurrentStripe();
        Interlocked.Increment(ref stripe.SignalOutcomes);
        if (profitable)
        {
            Interlocked.Increment(ref stripe.ProfitableSignals);
        }

        stripe.LastActivityUtcTicks = CoarseUtcTicks;
    }

    /// <summary>Counts one trade and, when <paramref name="win"/>, one win.</summary>
    public void CountTradeOutcome(bool win)
    {
        ref var stripe = ref CurrentStripe();
        Interlocked.Increment(ref stripe.Trades);
        if (win)
        {
            Interlocked.Increment(ref stripe.Wins);
        }

        stripe.LastActivityUtcTicks = CoarseUtcTicks;
    }

    /// <summary>Counts one error and, when <paramref name="critical"/>, one critical error.</summary>
    public void CountError(bool critical)
    {
        ref var stripe = ref CurrentStripe();
        Interlocked.Increment(ref stripe.Errors);
        if (critical)
        {
            Interlocked.Increment(ref stripe.CriticalErrors);
        }

        stripe.LastActivityUtcTicks = CoarseUtcTicks;
    }

    /// <summary>Stamps the coarse clock as activity without counting anything.</summary>
    public void MarkActivity() => CurrentStripe().LastActivityUtcTicks = CoarseUtcTicks;

    /// <summary>Moves the coarse clock to <paramref name="utcTicks"/>; a clock that steps back leaves it where it is.</summary>
    /// <remarks>Called only by the window's tick, under its lock: the read-then-write is not contended.</remarks>
    public void AdvanceCoarseClock(long utcTicks)
    {
        if (utcTicks > Volatile.Read(ref _coarseUtcTicks))
        {
            Volatile.Write(ref _coarseUtcTicks, utcTicks);
        }
    }

    /// <summary>The latest activity any stripe recorded (UTC ticks); 0 when none did.</summary>
    public long ReadLatestActivityUtcTicks()
    {
        var latest = 0L;
        for (var i = 0; i < _stripes.Length; i++)
        {
            latest = Math.Max(latest, Volatile.Read(ref _stripes[i].LastActivityUtcTicks));
        }

        return latest;
    }

    /// <summary>Moves every count recorded so far out of the stripes into <paramref name="slot"/> of <paramref name="ring"/>.</summary>
    /// <remarks>Not safe to call from two threads at once: the owning window calls it under its lock.</remarks>
    public void HarvestInto(SubWindowRing ring, int slot)
    {
        for (var stripeIndex = 0; stripeIndex < _stripes.Length; stripeIndex++)
        {
            HarvestBuckets(stripeIndex, ring, slot);
            HarvestCounters(ref _stripes[stripeIndex], ring, slot);
        }
    }

    private static void HarvestCounters(ref StripeCounters stripe, SubWindowRing ring, int slot)
    {
        Take(ref stripe.LatencySum, ring, slot, TelemetryCounter.LatencySum);
        Take(ref stripe.Signals, ring, slot, TelemetryCounter.Signals);
        Take(ref stripe.Orders, ring, slot, TelemetryCounter.Orders);
        Take(ref stripe.SignalOutcomes, ring, slot, TelemetryCounter.SignalOutcomes);
        Take(ref stripe.ProfitableSignals, ring, slot, TelemetryCounter.ProfitableSignals);
        Take(ref stripe.Trades, ring, slot, TelemetryCounter.Trades);
        Take(ref stripe.Wins, ring, slot, TelemetryCounter.Wins);
        Take(ref stripe.Operations, ring, slot, TelemetryCounter.Operations);
        Take(ref stripe.Errors, ring, slot, TelemetryCounter.Errors);
        Take(ref stripe.CriticalErrors, ring, slot, TelemetryCounter.CriticalErrors);
        Take(ref stripe.Warnings, ring, slot, TelemetryCounter.Warnings);
        Take(ref stripe.CpuTicks, ring, slot, TelemetryCounter.CpuTicks);
        Take(ref stripe.AllocatedBytes, ring, slot, TelemetryCounter.AllocatedBytes);
    }

    private static void Take(ref long hotCounter, SubWindowRing ring, int slot, int counter)
    {
        if (Volatile.Read(ref hotCounter) != 0)
        {
            ring.AddToCounter(slot, counter, Interlocked.Exchange(ref hotCounter, 0));
        }
    }

    private void HarvestBuckets(int stripeIndex, SubWindowRing ring, int slot)
    {
        var offset = stripeIndex << LatencyBuckets.CountBits;
        var stripeBuckets = _hotBuckets.AsSpan(offset, LatencyBuckets.Count);

        // Most buckets are empty: skip them with a vectorised scan, and only exchange (which writes
        // the recorder's cache lines) where there is something to take.
        var i = stripeBuckets.IndexOfAnyExcept(0);
        while (i >= 0)
        {
            var taken = Interlocked.Exchange(ref _hotBuckets[offset + i], 0);
            if (taken > 0)
            {
                ring.AddToBucket(slot, i, (uint)taken);
            }

            var next = stripeBuckets[(i + 1)..].IndexOfAnyExcept(0);
            i = next < 0 ? -1 : i + 1 + next;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CurrentStripeIndex() => Thread.GetCurrentProcessorId() & _stripeMask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref StripeCounters CurrentStripe() =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_stripes), CurrentStripeIndex());
}
