using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Isolation;

[TestFixture]
public sealed class GuardedCallerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private FakeTimeProvider _time = null!;
    private CallWorkerPool _pool = null!;
    private GuardedCaller _caller = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(T0);
        _pool = new CallWorkerPool("guarded-caller-tests", 4);
        _caller = new GuardedCaller(_time, _pool);
    }

    [Test]
    public async Task InvokeAsync_CalleeCompletesSynchronously_IsCompletedWithItsValue()
    {
        var result = await _caller.InvokeAsync(42, static (x, _) => ValueTask.FromResult(x + 1), "Add", Timeout, CancellationToken.None);

        result.Outcome.Should().Be(PluginCallOutcome.Completed);
        result.Value.Should().Be(43);
        result.Error.Should().BeNull();
        _caller.IsRunning.Should().BeFalse();
    }

    [Test]
    public async Task InvokeAsync_CalleeCompletesAsynchronouslyInTime_IsCompletedWithItsValue()
    {
        var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var pending = _caller.InvokeAsync(source, static (s, _) => new ValueTask<int>(s.Task), "Later", Timeout, CancellationToken.None).AsTask();
        pending.IsCompleted.Should().BeFalse();
        source.SetResult(7);
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        result.Outcome.Should().Be(PluginCallOutcome.Completed);
        result.Value.Should().Be(7);
    }

    [Test]
    public async Task InvokeAsync_CalleeThrowsSynchronously_IsFaultedWithTheException()
    {
        var boom = new InvalidOperationException("boom");

        var result = await _caller.InvokeAsync<Exception, int>(boom, static (e, _) => throw e, "Throw", Timeout, CancellationToken.None);

        result.Outcome.Should().Be(PluginCallOutcome.Faulted);
        result.Error.Should().BeSameAs(boom);
    }

    [Test]
    public async Task InvokeAsync_CalleeReturnsFaultedTask_IsFaultedWithTheException()
    {
        var boom = new InvalidOperationException("broken task");

        var result = await _caller.InvokeAsync(boom, static (e, _) => ValueTask.FromException<int>(e), "Faulted", Timeout, CancellationToken.None);

        result.Outcome.Should().Be(PluginCallOutcome.Faulted);
        result.Error.Should().BeSameAs(boom);
    }

    [Test]
    public async Task InvokeAsync_CalleeFaultsAsynchronouslyInTime_IsFaultedWithTheException()
    {
        var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var boom = new InvalidOperationException("late fault");

        var pending = _caller.InvokeAsync(source, static (s, _) => new ValueTask<int>(s.Task), "Later", Timeout, CancellationToken.None).AsTask();
        source.SetException(boom);
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        result.Outcome.Should().Be(PluginCallOutcome.Faulted);
        result.Error.Should().BeSameAs(boom);
        _caller.IsRunning.Should().BeFalse();
    }

    [Test]
    public async Task InvokeAsync_CalleeNeverCompletes_IsTimedOutAfterTheTimeoutAndItsTokenIsCancelled()
    {
        var hung = new HungCallee();

        var pending = _caller.InvokeAsync(hung, static (h, ct) => h.CallAsync(ct), "IsAliveAsync", Timeout, CancellationToken.None).AsTask();
        await _pool.WhenQuietAsync();
        _time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        var beforeTimeout = pending.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        beforeTimeout.Should().BeFalse("the timeout has not passed yet");
        result.Outcome.Should().Be(PluginCallOutcome.TimedOut);
        hung.Token.IsCancellationRequested.Should().BeTrue("an abandoned callee is told to give up");
        _caller.IsRunning.Should().BeTrue();
        _caller.AbandonedAt.Should().Be(T0 + Timeout);
        _caller.AbandonedCall.Should().Be("IsAliveAsync");
    }

    [Test]
    public async Task InvokeAsync_PreviousCallStillRunning_IsStillRunningWithoutCallingTheCallee()
    {
        var hung = new HungCallee();
        await TimeOutAsync(hung);
        var calls = 0;

        var result = await _caller.InvokeAsync(0, (_, _) => { calls++; return ValueTask.FromResult(1); }, "Next", Timeout, CancellationToken.None);

        result.Outcome.Should().Be(PluginCallOutcome.StillRunning);
        calls.Should().Be(0, "no pile-up of calls behind one that hangs");
    }

    [Test]
    public async Task InvokeAsync_AbandonedCallHasEnded_TheNextCallGoesThroughWithAFreshToken()
    {
        var hung = new HungCallee();
        await TimeOutAsync(hung);
        hung.Release(true);
        CancellationToken seen = default;

        var result = await _caller.InvokeAsync(0, (_, ct) => { seen = ct; return ValueTask.FromResult(5); }, "Next", Timeout, CancellationToken.None);

        _caller.IsRunning.Should().BeFalse();
        result.Outcome.Should().Be(PluginCallOutcome.Completed);
        result.Value.Should().Be(5);
        seen.IsCancellationRequested.Should().BeFalse("the next call gets a fresh token, not the cancelled one");
    }

    [Test]
    public async Task InvokeAsync_AbandonedCallEndsWithAFault_TheFaultIsNotSurfacedAndTheNextCallGoesThrough()
    {
        var hung = new HungCallee();
        await TimeOutAsync(hung);
        hung.Fail(new InvalidOperationException("late"));

        var result = await _caller.InvokeAsync(0, static (_, _) => ValueTask.FromResult(9), "Next", Timeout, CancellationToken.None);

        result.Outcome.Should().Be(PluginCallOutcome.Completed);
        result.Value.Should().Be(9);
    }

    [TestCase(0)]
    [TestCase(-1)]
    public async Task InvokeAsync_ZeroOrNegativeTimeout_IsTimedOutWithoutCallingTheCallee(int milliseconds)
    {
        var calls = 0;

        var result = await _caller.InvokeAsync(0, (_, _) => { calls++; return ValueTask.FromResult(1); }, "Call", TimeSpan.FromMilliseconds(milliseconds), CancellationToken.None);

        result.Outcome.Should().Be(PluginCallOutcome.TimedOut);
        calls.Should().Be(0);
        _caller.IsRunning.Should().BeFalse("nothing was started, so nothing was abandoned");
    }

    [Test]
    public async Task InvokeAsync_CallerCancels_ThrowsOperationCanceledAndAbandonsTheCall()
    {
        var hung = new HungCallee();
        using var stopping = new CancellationTokenSource();

        var pending = _caller.InvokeAsync(hung, static (h, ct) => h.CallAsync(ct), "SelfTestAsync", Timeout, stopping.Token).AsTask();
        await _pool.WhenQuietAsync();
        await stopping.CancelAsync();
        var act = () => pending.WaitAsync(TimeSpan.FromSeconds(10));

        await act.Should().ThrowAsync<OperationCanceledException>();
        _caller.IsRunning.Should().BeTrue("the callee has not ended, so it is tracked as abandoned");
        _caller.AbandonedCall.Should().Be("SelfTestAsync");
        hung.Token.IsCancellationRequested.Should().BeTrue();
        var next = await _caller.InvokeAsync(0, static (_, _) => ValueTask.FromResult(1), "Next", Timeout, CancellationToken.None);
        next.Outcome.Should().Be(PluginCallOutcome.StillRunning);
    }

    [Test]
    public async Task InvokeAsync_CalleeThrowsItsOwnTimeoutException_IsFaultedNotTimedOut()
    {
        var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var own = new TimeoutException("exchange did not answer");

        var pending = _caller.InvokeAsync(source, static (s, _) => new ValueTask<int>(s.Task), "GetMetricsAsync", Timeout, CancellationToken.None).AsTask();
        source.SetException(own);
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        result.Outcome.Should().Be(PluginCallOutcome.Faulted);
        result.Error.Should().BeSameAs(own);
        _caller.IsRunning.Should().BeFalse();
    }

    [Test]
    public async Task InvokeAsync_CalleeThrowsTimeoutExceptionSynchronously_IsFaultedNotTimedOut()
    {
        var own = new TimeoutException("own timeout");

        var result = await _caller.InvokeAsync(own, static (e, _) => ValueTask.FromException<int>(e), "GetMetricsAsync", Timeout, CancellationToken.None);

        result.Outcome.Should().Be(PluginCallOutcome.Faulted);
        result.Error.Should().BeSameAs(own);
    }

    private async Task TimeOutAsync(HungCallee hung)
    {
        var pending = _caller.InvokeAsync(hung, static (h, ct) => h.CallAsync(ct), "IsAliveAsync", Timeout, CancellationToken.None).AsTask();
        await _pool.WhenQuietAsync();
        _time.Advance(Timeout);
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        result.Outcome.Should().Be(PluginCallOutcome.TimedOut);
    }

    /// <summary>A callee that ignores cancellation until the test releases it, and keeps the token it got.</summary>
    private sealed class HungCallee
    {
        private readonly TaskCompletionSource<bool> _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken Token { get; private set; }

        public ValueTask<bool> CallAsync(CancellationToken cancellationToken)
        {
            Token = cancellationToken;
            return new ValueTask<bool>(_source.Task);
        }

        public void Release(bool value) => _source.SetResult(value);

        public void Fail(Exception error) => _source.SetException(error);
    }
}
