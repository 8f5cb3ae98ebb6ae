using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>
/// Plugins (and an observer) that block their thread before they return a task: a sleep, a lock
/// wait, a <c>.Result</c> on a task that never completes, plain slow synchronous work. These are
/// about real threads, so they run on the real clock, with bounds generous enough for a loaded machine.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BlockingPluginTests
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private ManualResetEventSlim _release = null!;
    private TaskCompletionSource<bool> _never = null!;
    private SemaphoreSlim _neverSignalled = null!;

    [SetUp]
    public void SetUp()
    {
        _release = new ManualResetEventSlim();
        _never = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _neverSignalled = new SemaphoreSlim(0);
    }

    [TearDown]
    public void TearDown()
    {
        // Lets every blocked callee return, so that the workers it held end.
        _release.Set();
        _never.TrySetResult(true);
        _neverSignalled.Release(1000);
        _release.Dispose();
        _neverSignalled.Dispose();
    }

    [Test]
    public async Task CollectOnceAsync_FortyPluginsBlockForever_EveryCycleBoundedTheOthersHealthyOneThreadEach()
    {
        // Arrange
        var blockers = Enumerable.Range(0, 40).Select(i => new ScriptedPlugin($"blocker-{i:D2}") { Alive = Blocking(i % 3) }).ToArray();
        var healthy = Enumerable.Range(0, 20).Select(i => new ScriptedPlugin($"healthy-{i:D2}")).ToArray();
        var monitor = Monitor([.. blockers, .. healthy], maxConcurrentChecks: 64);
        var threadsBefore = ThreadCount();

        // Act
        var durations = new List<TimeSpan>();
        var cycles = new List<IReadOnlyList<PluginHealthSnapshot>>();
        for (var i = 0; i < 4; i++)
        {
            var watch = Stopwatch.StartNew();
            cycles.Add(await Task.Run(() => monitor.CollectOnceAsync().AsTask()).WaitAsync(Guard));
            durations.Add(watch.Elapsed);
        }

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            await Task.Delay(10);
            delays.Add(watch.Elapsed);
        }

        var threadsAfter = ThreadCount();
        await TestContext.Out.WriteLineAsync(
            $"cycles {string.Join(", ", durations.Select(d => $"{d.TotalMilliseconds:0} ms"))}; Task.Delay(10) took {string.Join(", ", delays.Select(d => $"{d.TotalMilliseconds:0}"))} ms; " +
            $"threads {threadsBefore} -> {threadsAfter}; workers given up {CallWorkerPool.Cycle.GivenUpWorkers}");

        // Assert
        durations.Should().OnlyContain(d => d <= CheckTimeout + Margin, "a blocked plugin costs a cycle at most CheckTimeout");
        foreach (var snapshots in cycles)
        {
            snapshots.Where(s => s.PluginId.StartsWith("healthy", StringComparison.Ordinal)).Should().HaveCount(20)
                .And.OnlyContain(s => s.Availability.Status == PluginHealthStatus.Healthy);
            snapshots.Where(s => s.PluginId.StartsWith("blocker", StringComparison.Ordinal)).Should().HaveCount(40)
                .And.OnlyContain(s => s.Availability.Status == PluginHealthStatus.Hung);
        }

        blockers.Should().OnlyContain(p => p.AliveCalls == 1, "a plugin whose call still holds a thread is not called again");
        CallWorkerPool.Cycle.GivenUpWorkers.Should().BeLessThanOrEqualTo(40, "each blocked plugin holds at most one thread");
        delays.Order().ElementAt(2).Should().BeLessThan(TimeSpan.FromMilliseconds(50), "the thread pool is not starved by the blocked plugins");
        (threadsAfter - threadsBefore).Should().BeLessThanOrEqualTo(40 + 16, "the process gains one thread per blocked plugin plus a few workers");
    }

    [Test]
    public async Task CollectOnceAsync_TenPluginsWithOneSecondOfSynchronousWork_RunInParallel()
    {
        // Arrange
        var plugins = Enumerable.Range(0, 10).Select(i => new ScriptedPlugin($"slow-{i}")
        {
            Alive = _ =>
            {
                Thread.Sleep(1000);
                return ValueTask.FromResult(true);
            },
        }).ToArray();
        var monitor = Monitor(plugins, maxConcurrentChecks: 10, checkTimeout: TimeSpan.FromSeconds(5));

        // Act
        var watch = Stopwatch.StartNew();
        var snapshots = await Task.Run(() => monitor.CollectOnceAsync().AsTask()).WaitAsync(Guard);
        watch.Stop();
        await TestContext.Out.WriteLineAsync($"10 x 1 s of synchronous work: cycle {watch.Elapsed.TotalMilliseconds:0} ms");

        // Assert
        snapshots.Should().HaveCount(10).And.OnlyContain(s => s.Availability.Status == PluginHealthStatus.Healthy);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3.5), "ten checks of 1 s each run side by side, not one after another (10 s)");
    }

    [Test]
    public async Task CollectOnceAsync_ObserverBlocksItsThread_CycleEndsAfterObserverTimeout()
    {
        // Arrange
        var plugin = new ScriptedPlugin("healthy");
        var observer = new BlockingObserver(_release);
        var monitor = Monitor([plugin], maxConcurrentChecks: 4, observers: [observer]);

        // Act
        var durations = new List<TimeSpan>();
        for (var i = 0; i < 2; i++)
        {
            var watch = Stopwatch.StartNew();
            (await Task.Run(() => monitor.CollectOnceAsync().AsTask()).WaitAsync(Guard)).Should().ContainSingle();
            durations.Add(watch.Elapsed);
        }

        // Assert
        durations.Should().OnlyContain(d => d <= CheckTimeout + Margin, "an observer that blocks costs a cycle at most ObserverTimeout");
        observer.Calls.Should().Be(1, "an observer whose call still holds a thread is not called again");
    }

    private static int ThreadCount()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Count;
    }

    private static PluginHealthMonitor Monitor(
        IHealthCheckablePlugin[] plugins, int maxConcurrentChecks, TimeSpan? checkTimeout = null, IPluginHealthObserver[]? observers = null)
    {
        var options = new PluginHealthOptions
        {
            CheckTimeout = checkTimeout ?? CheckTimeout,
            ObserverTimeout = CheckTimeout,
            MaxConcurrentChecks = maxConcurrentChecks,
            StaleAfter = TimeSpan.FromDays(1),
        };
        options.Host.Enabled = false;
        return new PluginHealthMonitor(
            new PluginRegistry(plugins), Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, observers ?? [], NullLoggerFactory.Instance);
    }

    /// <summary>Blocks the calling thread until the test ends, three ways: a sleep, a lock wait, a <c>.Result</c>.</summary>
    private Func<CancellationToken, ValueTask<bool>> Blocking(int kind) => token =>
    {
        switch (kind)
        {
            case 0:
                while (!_release.IsSet)
                {
                    Thread.Sleep(50);
                }

                break;
            case 1:
                _neverSignalled.Wait();
                break;
            default:
                _ = _never.Task.Result;
                break;
        }

        return ValueTask.FromResult(true);
    };

    private sealed class BlockingObserver(ManualResetEventSlim release) : IPluginHealthObserver
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ValueTask OnCycleCompletedAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            release.Wait(CancellationToken.None);
            return ValueTask.CompletedTask;
        }
    }
}
