using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>
/// A cycle of quick plugins usually ends on the call worker that made its last call, and the caller of
/// <c>CollectOnceAsync</c> goes on there. A caller that then blocks that worker, even waiting for
/// another cycle, must not stall the monitor. Real threads; the plugins answer at once, so the fake
/// clock never has to move.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CallerOnWorkerTests
{
    private const string CycleWorker = "ZepixHealth cycle call";
    private const int Attempts = 50;
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [Test]
    public async Task CollectOnceAsync_CallerBlocksTheWorkerItResumedOn_ACycleFromElsewhereStillCompletes()
    {
        var harness = new MonitorHarness(null, new ScriptedPlugin("a"), new ScriptedPlugin("b"));

        var completed = await BlockWhereTheCycleEndsAsync(
            harness, () => Task.Run(() => harness.Monitor.CollectOnceAsync().AsTask()).Wait(Guard));

        completed.Should().BeTrue("the supervisor spreads the second cycle's calls to another worker");
        harness.Monitor.LatestSnapshots.Should().OnlyContain(s => s.Availability.Status == PluginHealthStatus.Healthy);
    }

    [Test]
    public async Task CollectOnceAsync_CallerWaitsSynchronouslyForAnotherCycleOnTheWorker_ItCompletes()
    {
        var harness = new MonitorHarness(null, new ScriptedPlugin("a"), new ScriptedPlugin("b"));

        // Sync over async on the worker: the next cycle's first call must not wait for this thread.
        var completed = await BlockWhereTheCycleEndsAsync(harness, () => harness.Monitor.CollectOnceAsync().AsTask().Wait(Guard));

        completed.Should().BeTrue("the caller runs as code the monitor does not own: nothing is kept for its blocked thread");
    }

    /// <summary>
    /// Runs cycles until one ends on a call worker (a cycle whose calls all answer before its caller
    /// awaits may end on the caller's own thread), then runs <paramref name="block"/> there, as the
    /// cycle's caller, and returns what it returned.
    /// </summary>
    private static async Task<bool?> BlockWhereTheCycleEndsAsync(MonitorHarness harness, Func<bool> block)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            bool? result = null;
            await harness.Monitor.CollectOnceAsync().AsTask().ContinueWith(
                _ => result = Thread.CurrentThread.Name == CycleWorker ? block() : null,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default).WaitAsync(Guard * 2);
            if (result is not null)
            {
                return result;
            }
        }

        Assert.Fail($"No cycle out of {Attempts} ended on a call worker.");
        return null;
    }
}
