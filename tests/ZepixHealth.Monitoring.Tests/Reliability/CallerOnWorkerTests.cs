using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>
/// A cycle of quick plugins ends on the call worker that made its last call, and the caller of
/// <c>CollectOnceAsync</c> goes on there. A caller that then blocks that worker, even waiting for
/// another cycle, must not stall the monitor. Real threads; the plugins answer at once, so the fake
/// clock never has to move.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CallerOnWorkerTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [Test]
    public async Task CollectOnceAsync_CallerBlocksTheWorkerItResumedOn_ACycleFromElsewhereStillCompletes()
    {
        var harness = new MonitorHarness(null, new ScriptedPlugin("a"), new ScriptedPlugin("b"));
        await harness.CollectAsync();
        string? resumedOn = null;
        IReadOnlyList<PluginHealthSnapshot>? second = null;

        await harness.Monitor.CollectOnceAsync().AsTask().ContinueWith(
            _ =>
            {
                resumedOn = Thread.CurrentThread.Name;

                // Blocks the thread the first cycle ended on until a cycle started from the thread pool is done.
                second = Task.Run(() => harness.Monitor.CollectOnceAsync().AsTask()).Wait(Guard) ? harness.Monitor.LatestSnapshots : null;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).WaitAsync(Guard * 2);

        resumedOn.Should().Be("ZepixHealth cycle call", "the cycle ended on the worker that made its last call");
        second.Should().NotBeNull("the supervisor spreads the second cycle's calls to another worker")
            .And.OnlyContain(s => s.Availability.Status == PluginHealthStatus.Healthy);
    }

    [Test]
    public async Task CollectOnceAsync_CallerWaitsSynchronouslyForAnotherCycleOnTheWorker_ItCompletes()
    {
        var harness = new MonitorHarness(null, new ScriptedPlugin("a"), new ScriptedPlugin("b"));
        await harness.CollectAsync();
        string? resumedOn = null;
        var completed = false;

        await harness.Monitor.CollectOnceAsync().AsTask().ContinueWith(
            _ =>
            {
                resumedOn = Thread.CurrentThread.Name;

                // Sync over async on the worker: the next cycle's first call must not wait for this thread.
                completed = harness.Monitor.CollectOnceAsync().AsTask().Wait(Guard);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).WaitAsync(Guard * 2);

        resumedOn.Should().Be("ZepixHealth cycle call");
        completed.Should().BeTrue("the caller runs as code the monitor does not own: nothing is kept for its blocked thread");
    }
}
