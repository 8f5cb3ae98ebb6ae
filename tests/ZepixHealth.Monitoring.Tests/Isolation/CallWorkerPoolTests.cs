using System.Collections.Concurrent;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Isolation;

/// <summary>
/// How the pool spends threads: quick calls are served without waking a worker each, and calls that wait
/// behind workers held by blocked callees are spread to more workers by the supervisor. Real threads,
/// on pools of their own, with generous bounds.
/// </summary>
[TestFixture]
public sealed class CallWorkerPoolTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private TaskCompletionSource _release = null!;

    [SetUp]
    public void SetUp() => _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    [TearDown]
    public void TearDown() => _release.TrySetResult();

    [Test]
    public void Queue_ThousandCallsThatCompleteAtOnce_ServedByOneWorkerNotOnePerCall()
    {
        var pool = new CallWorkerPool("pool-tests quick", 64);
        var done = new Countdown(1000);
        var threads = new ConcurrentDictionary<int, bool>();

        for (var i = 0; i < 1000; i++)
        {
            pool.Queue(new Work(() => threads[Environment.CurrentManagedThreadId] = true, done));
        }

        done.Wait(Guard).Should().BeTrue("every call runs");
        threads.Count.Should().BeLessThanOrEqualTo(2, "a worker running a quick call comes back to the queue; no other is woken for the calls behind it");
        pool.ActiveWorkers.Should().BeLessThanOrEqualTo(2);
    }

    [Test]
    public void Queue_TheOnlyWorkerIsBlocked_TheSupervisorSpreadsAndTheCallsBehindItRun()
    {
        var pool = new CallWorkerPool("pool-tests blocked", 8);
        var entered = new Countdown(1);
        var quick = new Countdown(3);
        var blockerThread = 0;

        pool.Queue(new Work(
            () =>
            {
                blockerThread = Environment.CurrentManagedThreadId;
                entered.Signal();
                _release.Task.Wait();
            },
            done: null));
        entered.Wait(Guard).Should().BeTrue();
        var quickThreads = new ConcurrentBag<int>();
        for (var i = 0; i < 3; i++)
        {
            pool.Queue(new Work(() => quickThreads.Add(Environment.CurrentManagedThreadId), quick));
        }

        quick.Wait(Guard).Should().BeTrue("calls waiting behind a blocked worker get another within a probe or two");
        _release.Task.IsCompleted.Should().BeFalse();
        quickThreads.Should().NotContain(blockerThread);
    }

    [Test]
    public void Queue_FiveBlockersThenQuickCalls_EachBlockerGetsAWorkerAndTheQuickCallsRun()
    {
        var pool = new CallWorkerPool("pool-tests five blockers", 16);
        var entered = new Countdown(5);
        var quick = new Countdown(5);

        for (var i = 0; i < 5; i++)
        {
            pool.Queue(new Work(
                () =>
                {
                    entered.Signal();
                    _release.Task.Wait();
                },
                done: null));
        }

        for (var i = 0; i < 5; i++)
        {
            pool.Queue(new Work(() => { }, quick));
        }

        entered.Wait(Guard).Should().BeTrue("every blocker is called, each on a worker of its own");
        quick.Wait(Guard).Should().BeTrue();
        pool.ActiveWorkers.Should().BeInRange(6, 16, "five workers are held, and at least one more serves the quick calls");
    }

    /// <summary>Counts signals down to zero; never disposed, so a late worker of a failed test can still signal it.</summary>
    private sealed class Countdown(int count)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _left = count;

        public void Signal()
        {
            if (Interlocked.Decrement(ref _left) == 0)
            {
                _done.TrySetResult();
            }
        }

        public bool Wait(TimeSpan timeout) => _done.Task.Wait(timeout);
    }

    private sealed class Work(Action action, Countdown? done) : CallWork
    {
        public override bool Run()
        {
            action();
            done?.Signal();
            return true;
        }
    }
}
