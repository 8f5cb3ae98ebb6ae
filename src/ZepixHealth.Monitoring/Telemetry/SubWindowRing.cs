namespace ZepixHealth.Monitoring;

/// <summary>
/// The fixed sub-windows of a sliding window: a ring of slots, each holding the latency buckets and the
/// counters of one sub-window (identified by its epoch, the number of sub-window lengths since the
/// recorder started). A slot whose epoch has left the window is cleared and reused for a new one: the
/// arrays are allocated once, in the constructor.
/// </summary>
/// <remarks>Not thread-safe: the owning <see cref="PluginTelemetry"/> calls it under its lock.</remarks>
internal sealed class SubWindowRing
{
    private const long NoEpoch = -1;

    private readonly int _slotCount;
    private readonly uint[] _buckets;
    private readonly long[] _counters;
    private readonly long[] _epochs;

    public SubWindowRing(int slotCount)
    {
        _slotCount = slotCount;
        _buckets = new uint[slotCount * LatencyBuckets.Count];
        _counters = new long[slotCount * TelemetryCounter.Count];
        _epochs = new long[slotCount];
        _epochs.AsSpan().Fill(NoEpoch);
    }

    public int SlotCount => _slotCount;

    /// <summary>Bytes held by the ring's arrays (their element data).</summary>
    public long FootprintBytes =>
        ((long)_buckets.Length * sizeof(uint)) + ((long)_counters.Length * sizeof(long)) + ((long)_epochs.Length * sizeof(long));

    /// <summary>Returns the slot of <paramref name="epoch"/>, clearing it first when it still holds an older sub-window.</summary>
    public int PrepareSlot(long epoch)
    {
        var slot = (int)(epoch % _slotCount);
        if (_epochs[slot] != epoch)
        {
            _buckets.AsSpan(slot * LatencyBuckets.Count, LatencyBuckets.Count).Clear();
            _counters.AsSpan(slot * TelemetryCounter.Count, TelemetryCounter.Count).Clear();
            _epochs[slot] = epoch;
        }

        return slot;
    }

    public void AddToBucket(int slot, int bucket, uint count)
    {
        ref var target = ref _buckets[(slot * LatencyBuckets.Count) + bucket];

        // Saturate rather than wrap: four billion samples in one bucket of one sub-window is beyond any plugin.
        target = uint.MaxValue - target < count ? uint.MaxValue : target + count;
    }

    public void AddToCounter(int slot, int counter, long value) =>
        _counters[(slot * TelemetryCounter.Count) + counter] += value;

    /// <summary>
    /// Adds the buckets and counters of every sub-window from <paramref name="lastEpoch"/> − slot count + 1
    /// to <paramref name="lastEpoch"/> into <paramref name="buckets"/> and <paramref name="counters"/>.
    /// </summary>
    public void SumWindow(long lastEpoch, Span<long> buckets, Span<long> counters)
    {
        var firstEpoch = lastEpoch - _slotCount + 1;
        for (var slot = 0; slot < _slotCount; slot++)
        {
            var epoch = _epochs[slot];
            if (epoch < firstEpoch || epoch > lastEpoch)
            {
                continue;
            }

            var slotBuckets = _buckets.AsSpan(slot * LatencyBuckets.Count, LatencyBuckets.Count);
            for (var i = 0; i < slotBuckets.Length; i++)
            {
                buckets[i] += slotBuckets[i];
            }

            var slotCounters = _counters.AsSpan(slot * TelemetryCounter.Count, TelemetryCounter.Count);
            for (var i = 0; i < slotCounters.Length; i++)
            {
                counters[i] += slotCounters[i];
            }
        }
    }
}
