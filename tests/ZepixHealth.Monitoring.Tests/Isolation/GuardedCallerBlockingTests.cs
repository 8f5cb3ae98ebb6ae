using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Isolation;

/// <summary>
/// Callees that block their thread before they return a task, and task sources that break: both are
/// the callee's problem, never the caller's. These use real threads, on a pool of their own.
/// </summary>
[TestFixture]
public sealed class GuardedCallerBlockingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private FakeTimeProvider _time = null!;
    private CallWorkerPool _pool = null!;
    private GuardedCaller _caller = null!;
    private TaskCompletionSource _release = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero));
        _pool = new CallWorkerPool("blocking-tests", 2);
        _caller = new GuardedCaller(_time, _pool);
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [TearDown]
    public void TearDown() => _release.TrySetResult();

    [Test]
    public async Task InvokeAsync_CalleeBlocksItsThreadBeforeReturning_TimesOutAndIsNotCalledAgain()
    {
        using var entered = new SemaphoreSlim(0);
        var calls = 0;
        ValueTask<bool> Block(TaskCompletionSource release)
        {
            Interlocked.Increment(ref calls);
            entered.Release();
            release.Task.Wait();
            return ValueTask.FromResult(true);
        }

        var pending = _caller.InvokeAsync(_release, (r, _) => Block(r), "IsAliveAsync", Timeout, CancellationToken.None).AsTask();
        (await entered.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue("the callee runs on a worker, not on the caller's thread");
        _time.Advance(Timeout);
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        var again = await _caller.InvokeAsync(_release, (r, _) => Block(r), "IsAliveAsync", Timeout, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        result.Outcome.Should().Be(PluginCallOutcome.TimedOut);
        again.Outcome.Should().Be(PluginCallOutcome.StillRunning);
        calls.Should().Be(1);
        _caller.IsRunning.Should().BeTrue();
        _pool.GivenUpWorkers.Should().Be(1, "the worker stays with the blocked callee");
    }

    [Test]
    public async Task InvokeAsync_BlockedCalleeReturnsLater_TheNextCallGoesThroughOnAFreshWorker()
    {
        using var entered = new SemaphoreSlim(0);
        var pending = _caller.InvokeAsync(
            (_release, entered),
            static (s, _) =>
            {
                s.entered.Release();
                s._release.Task.Wait();
                return ValueTask.FromResult(1);
            },
            "IsAliveAsync",
            Timeout,
            CancellationToken.None).AsTask();
        await entered.WaitAsync(TimeSpan.FromSeconds(10));
        _time.Advance(Timeout);
        (await pending.WaitAsync(TimeSpan.FromSeconds(10))).Outcome.Should().Be(PluginCallOutcome.TimedOut);

        _release.SetResult();
        await WaitUntilAsync(() => !_caller.IsRunning);
        var next = await _caller.InvokeAsync(0, static (_, _) => ValueTask.FromResult(2), "IsAliveAsync", Timeout, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        next.Outcome.Should().Be(PluginCallOutcome.Completed);
        next.Value.Should().Be(2);
        _pool.GivenUpWorkers.Should().Be(0, "the given-up worker ended once its callee returned");
    }

    [TestCase(BrokenSource.Part.IsCompleted)]
    [TestCase(BrokenSource.Part.OnCompleted)]
    [TestCase(BrokenSource.Part.Result)]
    public async Task InvokeAsync_TaskSourceThrows_IsFaultedWithItsException(BrokenSource.Part part)
    {
        var source = new BrokenSource(part);

        var result = await _caller.InvokeAsync(source, static (s, _) => new ValueTask<bool>(s, 0), "IsAliveAsync", Timeout, CancellationToken.None)
            .AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        result.Outcome.Should().Be(PluginCallOutcome.Faulted);
        result.Error.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Contain(part.ToString());
        _caller.IsRunning.Should().BeFalse();
    }

    /// <summary>Polls a condition that a worker thread makes true; bounded, fails rather than hangs.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(until, "the condition should have become true");
            await Task.Yield();
        }
    }
}
