namespace ZepixHealth.Monitoring.Tests.Telemetry;

[TestFixture]
public sealed class TelemetryClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 12, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void Start_OneSecondPasses_TicksTheWindow()
    {
        var clock = new FakeTimeProvider(Start);
        var hot = new StripedRecorder(Start.UtcTicks);
        var window = new SlidingTelemetryWindow(clock, hot, TimeSpan.FromHours(1), 12);
        using var timer = TelemetryClock.Start(clock, window);

        clock.Advance(TimeSpan.FromSeconds(1));

        hot.CoarseUtcTicks.Should().Be(Start.AddSeconds(1).UtcTicks);
    }

    [Test]
    public void Start_Disposed_StopsTicking()
    {
        var clock = new FakeTimeProvider(Start);
        var hot = new StripedRecorder(Start.UtcTicks);
        var window = new SlidingTelemetryWindow(clock, hot, TimeSpan.FromHours(1), 12);
        var timer = TelemetryClock.Start(clock, window);

        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));

        hot.CoarseUtcTicks.Should().Be(Start.UtcTicks);
    }

    [Test]
    public void Start_Always_HoldsTheWindowWeaklyAndTicksEverySecond()
    {
        var clock = new CapturingTimeProvider();
        var window = new SlidingTelemetryWindow(clock, new StripedRecorder(0), TimeSpan.FromHours(1), 12);

        using var timer = TelemetryClock.Start(clock, window);

        clock.State.Should().BeOfType<WeakReference<SlidingTelemetryWindow>>("a recorder nobody disposed must still be collectable");
        clock.DueTime.Should().Be(TimeSpan.FromSeconds(1));
        clock.Period.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Test]
    public void Start_CallerHasAsyncLocal_TimerDoesNotCaptureIt()
    {
        var local = new AsyncLocal<string>();
        var clock = new CapturingTimeProvider();
        var window = new SlidingTelemetryWindow(clock, new StripedRecorder(0), TimeSpan.FromHours(1), 12);
        local.Value = "caller";

        using var timer = TelemetryClock.Start(clock, window);

        clock.FlowSuppressedAtCreation.Should().BeTrue();
        ExecutionContext.IsFlowSuppressed().Should().BeFalse("the caller's flow is restored");
    }

    private sealed class CapturingTimeProvider : TimeProvider
    {
        public object? State { get; private set; }

        public TimeSpan DueTime { get; private set; }

        public TimeSpan Period { get; private set; }

        public bool FlowSuppressedAtCreation { get; private set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            (State, DueTime, Period) = (state, dueTime, period);
            FlowSuppressedAtCreation = ExecutionContext.IsFlowSuppressed();
            return System.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }
}
