namespace ZepixHealth.Monitoring.Tests.Telemetry;

[TestFixture]
public sealed class ExecutionScopeTests
{
    private FakeTimeProvider _clock = null!;
    private PluginTelemetry _telemetry = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero));
        _telemetry = new PluginTelemetry(_clock);
    }

    [TearDown]
    public void TearDown() => _telemetry.Dispose();

    [Test]
    public void Equals_SameRecorderSameStart_Equal()
    {
        var first = _telemetry.MeasureExecution();
        var second = _telemetry.MeasureExecution();

        (first == second).Should().BeTrue("the clock did not move between them");
        first.GetHashCode().Should().Be(second.GetHashCode());
    }

    [Test]
    public void Equals_DifferentStart_NotEqual()
    {
        var first = _telemetry.MeasureExecution();
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = _telemetry.MeasureExecution();

        (first != second).Should().BeTrue();
        first.Equals((object)second).Should().BeFalse();
    }

    [Test]
    public void Dispose_TrackedScope_RecordsLatencyAndAllocations()
    {
        using var telemetry = new PluginTelemetry(_clock, new PluginTelemetryOptions { TrackCpu = true });
        var scope = telemetry.MeasureExecution();
        GC.KeepAlive(new byte[10_000]);
        _clock.Advance(TimeSpan.FromMilliseconds(3));

        scope.Dispose();

        var summary = telemetry.Summarize();
        summary.ExecutionCount.Should().Be(1);
        summary.ExecutionTicksSum.Should().Be(TimeSpan.FromMilliseconds(3).Ticks);
        summary.AllocatedBytes.Should().BeGreaterThanOrEqualTo(10_000);
    }
}
