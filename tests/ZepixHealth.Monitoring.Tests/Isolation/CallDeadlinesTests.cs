using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Isolation;

/// <summary>
/// Calls in flight on one clock share one deadline timer, armed for the earliest: each must still be
/// given up on at its own deadline, not at a neighbour's, whether its deadline is later or earlier than
/// the one the timer was armed for.
/// </summary>
[TestFixture]
public sealed class CallDeadlinesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private FakeTimeProvider _time = null!;
    private CallWorkerPool _pool = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(T0);
        _pool = new CallWorkerPool("call-deadlines-tests", 4);
    }

    [Test]
    public async Task CallsStartedOneSecondApart_EachIsGivenUpOnAtItsOwnDeadline()
    {
        var callers = new List<GuardedCaller>();
        var pending = new List<Task<PluginCallResult<bool>>>();
        for (var i = 0; i < 3; i++)
        {
            var caller = new GuardedCaller(_time, _pool);
            callers.Add(caller);
            pending.Add(HangAsync(caller, TimeSpan.FromSeconds(5)));
            await _pool.WhenQuietAsync();
            _time.Advance(OneSecond);
        }

        // Now T0 + 3 s; the deadlines are T0 + 5, 6 and 7 s.
        var runningAt = new List<bool[]>();
        for (var second = 4; second <= 7; second++)
        {
            _time.Advance(OneSecond);
            runningAt.Add([.. callers.Select(c => c.IsRunning)]);
        }

        runningAt[0].Should().Equal([false, false, false], "at T0 + 4 s no deadline has passed");
        runningAt[1].Should().Equal([true, false, false], "at T0 + 5 s only the first call is due");
        runningAt[2].Should().Equal([true, true, false]);
        runningAt[3].Should().Equal([true, true, true]);
        callers.Select(c => c.AbandonedAt).Should().Equal(T0 + TimeSpan.FromSeconds(5), T0 + TimeSpan.FromSeconds(6), T0 + TimeSpan.FromSeconds(7));
        foreach (var call in pending)
        {
            (await call.WaitAsync(TimeSpan.FromSeconds(10))).Outcome.Should().Be(PluginCallOutcome.TimedOut);
        }
    }

    [Test]
    public async Task ShorterTimeoutStartedLater_IsGivenUpOnBeforeTheLongerOne()
    {
        var patient = new GuardedCaller(_time, _pool);
        var hasty = new GuardedCaller(_time, _pool);
        var longCall = HangAsync(patient, TimeSpan.FromSeconds(10));
        _time.Advance(OneSecond);
        var shortCall = HangAsync(hasty, TimeSpan.FromSeconds(2));
        await _pool.WhenQuietAsync();

        _time.Advance(TimeSpan.FromSeconds(2));
        var atThree = (Hasty: hasty.IsRunning, Patient: patient.IsRunning);
        _time.Advance(TimeSpan.FromSeconds(7));

        atThree.Should().Be((true, false), "the short call's deadline (T0 + 3 s) is earlier than the one the timer was armed for");
        patient.IsRunning.Should().BeTrue("at T0 + 10 s the long call is due too");
        (await shortCall.WaitAsync(TimeSpan.FromSeconds(10))).Outcome.Should().Be(PluginCallOutcome.TimedOut);
        (await longCall.WaitAsync(TimeSpan.FromSeconds(10))).Outcome.Should().Be(PluginCallOutcome.TimedOut);
    }

    [Test]
    public async Task CallReusedAfterAQuickAnswer_IsNotGivenUpOnAtTheEarlierCallsDeadline()
    {
        var caller = new GuardedCaller(_time, _pool);
        var quick = await caller.InvokeAsync(1, static (x, _) => ValueTask.FromResult(x == 1), "Quick", TimeSpan.FromSeconds(5), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(4));
        var hung = HangAsync(caller, TimeSpan.FromSeconds(5));
        await _pool.WhenQuietAsync();

        _time.Advance(TimeSpan.FromSeconds(2));
        var runningAtSix = caller.IsRunning;
        _time.Advance(TimeSpan.FromSeconds(3));

        quick.Outcome.Should().Be(PluginCallOutcome.Completed);
        runningAtSix.Should().BeFalse("the first call's deadline (T0 + 5 s) is not the second's (T0 + 9 s)");
        caller.AbandonedAt.Should().Be(T0 + TimeSpan.FromSeconds(9));
        (await hung.WaitAsync(TimeSpan.FromSeconds(10))).Outcome.Should().Be(PluginCallOutcome.TimedOut);
    }

    [Test]
    public async Task ThousandQuickCalls_NoneIsGivenUpOnWhenTheTimerFiresLater()
    {
        var callers = Enumerable.Range(0, 1_000).Select(_ => new GuardedCaller(_time, _pool)).ToArray();
        foreach (var caller in callers)
        {
            var answer = await caller.InvokeAsync(caller, static (_, _) => ValueTask.FromResult(true), "Quick", TimeSpan.FromSeconds(5), CancellationToken.None);
            answer.Outcome.Should().Be(PluginCallOutcome.Completed);
        }

        _time.Advance(TimeSpan.FromMinutes(1));

        callers.Should().OnlyContain(c => !c.IsRunning, "answered calls are no longer watched");
    }

    [Test]
    public async Task CalleesWhoseCancellationCallbacksBlock_DoNotHoldUpGivingUpOnOtherCallsDueTogether()
    {
        using var gate = new ManualResetEventSlim();
        var callers = Enumerable.Range(0, 3).Select(_ => new GuardedCaller(_time, _pool)).ToArray();
        var tokens = new CancellationToken[callers.Length];
        var pending = callers.Select((caller, i) => caller.InvokeAsync(
            i,
            (index, token) =>
            {
                tokens[index] = token;
                token.Register(gate.Wait); // a plugin that cleans up synchronously when told to give up
                return new ValueTask<bool>(new TaskCompletionSource<bool>().Task);
            },
            "IsAliveAsync",
            TimeSpan.FromSeconds(5),
            CancellationToken.None).AsTask()).ToArray();
        await _pool.WhenQuietAsync();

        try
        {
            // On a thread of its own: if giving up ran the callbacks inline, this would block, not the test.
            await Task.Run(() => _time.Advance(TimeSpan.FromSeconds(5))).WaitAsync(TimeSpan.FromSeconds(30));

            callers.Should().OnlyContain(c => c.IsRunning, "every call due at that instant was given up on");
            tokens.Should().OnlyContain(t => t.IsCancellationRequested, "each callee is told at once, though its callback still runs");
            foreach (var call in pending)
            {
                (await call.WaitAsync(TimeSpan.FromSeconds(30))).Outcome.Should().Be(PluginCallOutcome.TimedOut);
            }
        }
        finally
        {
            gate.Set();
        }
    }

    private static Task<PluginCallResult<bool>> HangAsync(GuardedCaller caller, TimeSpan timeout) =>
        caller.InvokeAsync(0, static (_, _) => new ValueTask<bool>(new TaskCompletionSource<bool>().Task), "IsAliveAsync", timeout, CancellationToken.None).AsTask();
}
