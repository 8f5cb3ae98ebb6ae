namespace ZepixHealth.Monitoring.Tests.Telemetry;

[TestFixture]
public sealed class SlidingTelemetryWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 12, 9, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _clock = null!;
    private StripedRecorder _hot = null!;
    private SlidingTelemetryWindow _window = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _hot = new StripedRecorder(Start.UtcTicks);
        _window = new SlidingTelemetryWindow(_clock, _hot, TimeSpan.FromHours(1), subWindowCount: 12);
    }

    [Test]
    public void Summarize_CountsOnTheStripes_AreInTheSummary()
    {
        _hot.CountSignal();
        _hot.CountSignal();
        _hot.RecordExecution(TimeSpan.FromMilliseconds(4).Ticks);

        var summary = _window.Summarize();

        summary.Signals.Should().Be(2);
        summary.ExecutionCount.Should().Be(1);
        summary.ExecutionTicksSum.Should().Be(TimeSpan.FromMilliseconds(4).Ticks);
        summary.P50Ticks.Should().BeApproximately(TimeSpan.FromMilliseconds(4).Ticks, TimeSpan.FromMilliseconds(4).Ticks * LatencyBuckets.MaxRelativeError);
    }

    [Test]
    public void Summarize_HalfAWindowLater_CountsStay()
    {
        _hot.CountOrder();
        _window.Tick();

        _clock.Advance(TimeSpan.FromMinutes(30));

        _window.Summarize().Orders.Should().Be(1);
    }

    [Test]
    public void Summarize_AWindowAndASubWindowLater_CountsHaveLeft()
    {
        _hot.CountOrder();
        _window.Tick();

        _clock.Advance(TimeSpan.FromMinutes(65));

        _window.Summarize().Orders.Should().Be(0);
    }

    [Test]
    public void Summarize_CalledTwice_CountsOnce()
    {
        _hot.CountOperation();
        _ = _window.Summarize();

        _window.Summarize().Operations.Should().Be(1, "the first summary moved the count off the stripes, not copied it");
    }

    [Test]
    public void Tick_ClockAdvanced_PublishesTheCoarseClock()
    {
        _clock.Advance(TimeSpan.FromSeconds(3));

        _window.Tick();

        _hot.CoarseUtcTicks.Should().Be(Start.AddSeconds(3).UtcTicks);
    }

    [TestCase(10, 10)]
    [TestCase(120, 55)]
    public void Summarize_AfterMinutes_WindowTicksCoverFromTheOldestSubWindow(int minutes, int expectedMinutes)
    {
        _clock.Advance(TimeSpan.FromMinutes(minutes));

        _window.Summarize().WindowTicks.Should().Be(TimeSpan.FromMinutes(expectedMinutes).Ticks);
    }

    [Test]
    public void FootprintBytes_TwelveSubWindows_IncludesTheRing()
    {
        _window.FootprintBytes.Should().Be(
            new SubWindowRing(12).FootprintBytes + (LatencyBuckets.Count * sizeof(long)) + (TelemetryCounter.Count * sizeof(long)));
    }
}
