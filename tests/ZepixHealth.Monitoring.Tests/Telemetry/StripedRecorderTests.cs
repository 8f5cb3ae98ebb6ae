namespace ZepixHealth.Monitoring.Tests.Telemetry;

[TestFixture]
public sealed class StripedRecorderTests
{
    private const long StartTicks = 638_000_000_000_000_000;

    private readonly long[] _buckets = new long[LatencyBuckets.Count];
    private readonly long[] _counters = new long[TelemetryCounter.Count];

    [TestCase(1, 1)]
    [TestCase(2, 2)]
    [TestCase(3, 4)]
    [TestCase(64, 4)]
    [TestCase(0, 1)]
    public void Ctor_ProcessorCount_StripesArePowerOfTwoUpToFour(int processors, int expected)
    {
        new StripedRecorder(StartTicks, processors).StripeCount.Should().Be(expected);
    }

    [Test]
    public void HarvestInto_EveryCount_MovesEachToItsCounter()
    {
        var recorder = new StripedRecorder(StartTicks);
        recorder.CountSignal();
        recorder.CountOrder();
        recorder.CountOrder();
        recorder.CountOperation();
        recorder.CountWarning();
        recorder.CountSignalOutcome(profitable: true);
        recorder.CountSignalOutcome(profitable: false);
        recorder.CountTradeOutcome(win: false);
        recorder.CountError(critical: true);
        recorder.CountError(critical: false);
        recorder.AddCpuAndAllocations(cpuTicks: 30, allocatedBytes: 400);

        Harvest(recorder);

        _counters[TelemetryCounter.Signals].Should().Be(1);
        _counters[TelemetryCounter.Orders].Should().Be(2);
        _counters[TelemetryCounter.Operations].Should().Be(1);
        _counters[TelemetryCounter.Warnings].Should().Be(1);
        _counters[TelemetryCounter.SignalOutcomes].Should().Be(2);
        _counters[TelemetryCounter.ProfitableSignals].Should().Be(1);
        _counters[TelemetryCounter.Trades].Should().Be(1);
        _counters[TelemetryCounter.Wins].Should().Be(0);
        _counters[TelemetryCounter.Errors].Should().Be(2);
        _counters[TelemetryCounter.CriticalErrors].Should().Be(1);
        _counters[TelemetryCounter.CpuTicks].Should().Be(30);
        _counters[TelemetryCounter.AllocatedBytes].Should().Be(400);
    }

    [Test]
    public void RecordExecution_TwoDurations_BucketsAndExactSum()
    {
        var recorder = new StripedRecorder(StartTicks);

        recorder.RecordExecution(10);
        recorder.RecordExecution(50_000);
        Harvest(recorder);

        _buckets[LatencyBuckets.IndexOf(10)].Should().Be(1);
        _buckets[LatencyBuckets.IndexOf(50_000)].Should().Be(1);
        _counters[TelemetryCounter.LatencySum].Should().Be(50_010);
    }

    [Test]
    public void HarvestInto_Twice_SecondFindsTheStripesEmpty()
    {
        var recorder = new StripedRecorder(StartTicks);
        recorder.CountSignal();
        recorder.RecordExecution(100);
        Harvest(recorder);

        Harvest(recorder);

        _counters.Should().OnlyContain(c => c == 0);
        _buckets.Should().OnlyContain(b => b == 0);
    }

    [Test]
    public void AddCpuAndAllocations_NotPositive_AddsNothing()
    {
        var recorder = new StripedRecorder(StartTicks);

        recorder.AddCpuAndAllocations(cpuTicks: 0, allocatedBytes: -5);
        Harvest(recorder);

        _counters[TelemetryCounter.CpuTicks].Should().Be(0);
        _counters[TelemetryCounter.AllocatedBytes].Should().Be(0);
    }

    [Test]
    public void ReadLatestActivityUtcTicks_NothingRecorded_Zero()
    {
        new StripedRecorder(StartTicks).ReadLatestActivityUtcTicks().Should().Be(0);
    }

    [Test]
    public void MarkActivity_AfterCoarseClockAdvanced_StampsTheCoarseClock()
    {
        var recorder = new StripedRecorder(StartTicks);
        recorder.AdvanceCoarseClock(StartTicks + 42);

        recorder.MarkActivity();

        recorder.ReadLatestActivityUtcTicks().Should().Be(StartTicks + 42);
    }

    [Test]
    public void AdvanceCoarseClock_Backwards_KeepsTheLaterTime()
    {
        var recorder = new StripedRecorder(StartTicks);
        recorder.AdvanceCoarseClock(StartTicks + 100);

        recorder.AdvanceCoarseClock(StartTicks + 50);

        recorder.CoarseUtcTicks.Should().Be(StartTicks + 100);
    }

    [Test]
    public void FootprintBytes_FourStripes_CountsBucketsAndCounters()
    {
        var recorder = new StripedRecorder(StartTicks, processorCount: 4);

        recorder.FootprintBytes.Should().Be((4L * LatencyBuckets.Count * sizeof(int)) + (4L * 240));
    }

    private void Harvest(StripedRecorder recorder)
    {
        var ring = new SubWindowRing(2);
        recorder.HarvestInto(ring, ring.PrepareSlot(0));
        Array.Clear(_buckets);
        Array.Clear(_counters);
        ring.SumWindow(0, _buckets, _counters);
    }
}
