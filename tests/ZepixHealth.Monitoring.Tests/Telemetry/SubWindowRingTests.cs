namespace ZepixHealth.Monitoring.Tests.Telemetry;

[TestFixture]
public sealed class SubWindowRingTests
{
    private readonly long[] _buckets = new long[LatencyBuckets.Count];
    private readonly long[] _counters = new long[TelemetryCounter.Count];

    [Test]
    public void PrepareSlot_SameEpochTwice_KeepsWhatTheSlotHolds()
    {
        var ring = new SubWindowRing(4);
        var slot = ring.PrepareSlot(2);
        ring.AddToCounter(slot, TelemetryCounter.Signals, 5);

        ring.PrepareSlot(2).Should().Be(slot);
        Sum(ring, lastEpoch: 2);

        _counters[TelemetryCounter.Signals].Should().Be(5);
    }

    [Test]
    public void PrepareSlot_EpochOneRingLater_ClearsTheRecycledSlot()
    {
        var ring = new SubWindowRing(4);
        var slot = ring.PrepareSlot(1);
        ring.AddToCounter(slot, TelemetryCounter.Orders, 7);
        ring.AddToBucket(slot, 3, 2);

        ring.PrepareSlot(5).Should().Be(slot, "epoch 5 falls in the slot of epoch 1 in a ring of four");
        Sum(ring, lastEpoch: 5);

        _counters[TelemetryCounter.Orders].Should().Be(0);
        _buckets[3].Should().Be(0);
    }

    [Test]
    public void SumWindow_EpochsInAndOutOfTheWindow_AddsOnlyTheLastSlotCountEpochs()
    {
        var ring = new SubWindowRing(3);
        ring.AddToCounter(ring.PrepareSlot(0), TelemetryCounter.Errors, 1);
        ring.AddToCounter(ring.PrepareSlot(1), TelemetryCounter.Errors, 10);
        ring.AddToCounter(ring.PrepareSlot(2), TelemetryCounter.Errors, 100);

        Sum(ring, lastEpoch: 3);

        _counters[TelemetryCounter.Errors].Should().Be(110, "epoch 0 is a window old once epoch 3 is the last");
    }

    [Test]
    public void SumWindow_BucketsOfSeveralSlots_AddsThemUp()
    {
        var ring = new SubWindowRing(2);
        ring.AddToBucket(ring.PrepareSlot(0), 10, 3);
        ring.AddToBucket(ring.PrepareSlot(1), 10, 4);

        Sum(ring, lastEpoch: 1);

        _buckets[10].Should().Be(7);
    }

    [Test]
    public void AddToBucket_BeyondUIntMax_Saturates()
    {
        var ring = new SubWindowRing(2);
        var slot = ring.PrepareSlot(0);
        ring.AddToBucket(slot, 0, uint.MaxValue - 1);

        ring.AddToBucket(slot, 0, 5);
        Sum(ring, lastEpoch: 0);

        _buckets[0].Should().Be(uint.MaxValue);
    }

    [Test]
    public void FootprintBytes_TwelveSlots_CountsEveryArray()
    {
        var ring = new SubWindowRing(12);

        ring.SlotCount.Should().Be(12);
        ring.FootprintBytes.Should().Be((12L * LatencyBuckets.Count * sizeof(uint)) + (12L * TelemetryCounter.Count * sizeof(long)) + (12L * sizeof(long)));
    }

    private void Sum(SubWindowRing ring, long lastEpoch)
    {
        Array.Clear(_buckets);
        Array.Clear(_counters);
        ring.SumWindow(lastEpoch, _buckets, _counters);
    }
}
