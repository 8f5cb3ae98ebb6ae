namespace ZepixHealth.Monitoring.Tests.Telemetry;

/// <summary>
/// A clock for allocation tests: advancing it allocates nothing (FakeTimeProvider's Advance does), and
/// its timers never fire, so the test drives the recorder's ticks itself.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private static readonly DateTimeOffset Origin = new(2026, 1, 12, 0, 0, 0, TimeSpan.Zero);
    private long _elapsedTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public int TimersCreated { get; private set; }

    public void Advance(TimeSpan delta) => _elapsedTicks += delta.Ticks;

    public override long GetTimestamp() => _elapsedTicks;

    public override DateTimeOffset GetUtcNow() => Origin.AddTicks(_elapsedTicks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        TimersCreated++;
        return new InertTimer();
    }

    private sealed class InertTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
