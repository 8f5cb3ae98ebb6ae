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

    private ThreadBlockers _blockers = null!;

    [SetUp]
    public void SetUp() => _blockers = new ThreadBlockers();

    [TearDown]
    public void TearDown() => _blockers.Dispose();

    [Test]
    public async Task CollectOnceAsync_FortyPluginsBlockForever_EveryCycleBoundedTheOthersHealthyOneThreadEach()
    {
        // Arrange
        var blockers = Enumerable.Range(0, 40).Select(i => new ScriptedPlugin($"blocker-{i:D2}") { Alive = Blocking(i % 3) }).ToArray();
        var healthy = Enumerable.Range(0, 20).Select(i => new ScriptedPlugin($"healthy-{i:D2}")).ToArray();
        var monitor = Monitor([.. blockers, .. healthy], maxConcurrentChecks: 64);

        // The call workers of 64 lanes exist before counting: a fresh process starts them lazily, and
        // they are the pool's fixed cost, not what blocking adds.
        var warmUp = Monitor([.. Enumerable.Range(0, 64).Select(i => new ScriptedPlugin($"warm-{i:D2}"))], maxConcurrentChecks: 64);
        await Task.Run(() => warmUp.CollectOnceAsync().AsTask()).WaitAsync(Guard);
        var threadsBefore = ThreadBlockers.ProcessThreadCount();

        // Act
        var durations = new List<TimeSpan>();
        var cycles = new List<IReadOnlyList<PluginHealthSnapshot>>();
        var threadsPerCycle = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var watch = Stopwatch.StartNew();
            cycles.Add(await Task.Run(() => monitor.CollectOnceAsync().AsTask()).WaitAsync(Guard));
            durations.Add(watch.Elapsed);
            threadsPerCycle.Add(ThreadBlockers.ProcessThreadCount());
        }

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            await Task.Delay(10);
            delays.Add(watch.Elapsed);
        }

        var threadsAfter = ThreadBlockers.ProcessThreadCount();
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
        (threadsPerCycle[^1] - threadsPerCycle[1]).Should().BeLessThanOrEqualTo(8, "a plugin that stays blocked never costs one more thread per cycle");
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
        var observer = new BlockingObserver(_blockers.Release);
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
                _blockers.Sleep();
                break;
            case 1:
                _blockers.Lock();
                break;
            default:
                _blockers.Result();
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
