namespace ZepixHealth.Monitoring.Telegram.Tests.Support;

/// <summary>A fake clock that says when code under test starts waiting on it, so a test moves the clock only then.</summary>
internal sealed class TimerSignallingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly SemaphoreSlim _timers = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Release();
        return timer;
    }

    /// <summary>Completes once the next timer has been created (or at once for one created earlier).</summary>
    public Task WaitForTimerAsync() => _timers.WaitAsync(TimeSpan.FromSeconds(20)).ContinueWith(t => t.Result.Should().BeTrue("a timer was created"), TaskScheduler.Default);
}
