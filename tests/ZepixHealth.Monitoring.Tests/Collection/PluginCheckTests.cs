using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Collection;

/// <summary>
/// IsAliveAsync and GetMetricsAsync are made as one guarded call that shares one check timeout: the
/// operator must still be told which of the two did not answer, and a plugin whose IsAliveAsync hung is
/// not asked for its metrics, even when it answers late.
/// </summary>
[TestFixture]
public sealed class PluginCheckTests
{
    private static readonly TimeSpan CheckTimeout = new PluginHealthOptions().CheckTimeout;

    [Test]
    public async Task CollectOnceAsync_GetMetricsStillRunning_NamesGetMetricsAsNotAnswering()
    {
        var plugin = new ScriptedPlugin("metrics-hanger") { Metrics = _ => ScriptedPlugin.Forever<PluginMetrics>() };
        var harness = new MonitorHarness(null, plugin);
        await harness.CollectAdvancingAsync(CheckTimeout);

        harness.Time.Advance(TimeSpan.FromSeconds(30));
        var next = (await harness.CollectAsync()).Single();

        next.Availability.Reason.Should().StartWith("GetMetricsAsync has not answered for ");
    }

    [Test]
    public async Task CollectOnceAsync_IsAliveAnswersAfterTheTimeout_MetricsAreNotAskedForThatCheck()
    {
        var late = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var plugin = new ScriptedPlugin("late") { Alive = _ => new ValueTask<bool>(late.Task) };
        var harness = new MonitorHarness(null, plugin);
        var hung = (await harness.CollectAdvancingAsync(CheckTimeout)).Single();

        late.SetResult(true);
        await WaitUntilAsync(() => harness.Monitor.OutstandingCallCount == 0);
        var metricsAfterLateAnswer = plugin.MetricsCalls;
        plugin.Alive = _ => ValueTask.FromResult(true);
        var recovered = (await harness.CollectAsync()).Single();

        hung.Availability.Reason.Should().Be("IsAliveAsync did not answer within 5 s.");
        metricsAfterLateAnswer.Should().Be(0, "a check given up on does not go on to GetMetricsAsync");
        recovered.Availability.Status.Should().Be(PluginHealthStatus.Healthy);
        plugin.MetricsCalls.Should().Be(1);
    }

    [Test]
    public async Task CollectOnceAsync_BothCallsSlow_ShareOneCheckTimeout()
    {
        var plugin = new ScriptedPlugin("slow");
        var harness = new MonitorHarness(null, plugin);
        var third = CheckTimeout / 3;
        plugin.Alive = async ct => { await Task.Delay(2 * third, harness.Time, ct); return true; };
        plugin.Metrics = async ct => { await Task.Delay(2 * third, harness.Time, ct); return new PluginMetrics(); };

        var cycle = harness.Monitor.CollectOnceAsync().AsTask();
        await CallWorkers.SettleAsync();
        harness.Time.Advance(2 * third);
        await WaitUntilAsync(() => plugin.MetricsCalls == 1);
        harness.Time.Advance(CheckTimeout - (2 * third));
        var snapshot = (await cycle.WaitAsync(TimeSpan.FromSeconds(10))).Single();

        snapshot.Availability.Status.Should().Be(PluginHealthStatus.Hung, "each call alone is within the timeout, but the two together are not");
        snapshot.Availability.Reason.Should().Contain("GetMetricsAsync did not answer within the check timeout of 5 s.");
    }

    [Test]
    public async Task CollectOnceAsync_IsAliveThrows_MetricsAreStillAsked()
    {
        var plugin = new ScriptedPlugin("thrower")
        {
            Alive = _ => throw new InvalidOperationException("feed down"),
            Metrics = _ => ValueTask.FromResult(new PluginMetrics { Errors = new PluginErrorMetrics { TotalErrors = 7 } }),
        };
        var harness = new MonitorHarness(null, plugin);

        var snapshot = (await harness.CollectAsync()).Single();

        snapshot.Availability.Status.Should().Be(PluginHealthStatus.Dead);
        snapshot.Availability.Reason.Should().Contain("feed down");
        snapshot.Errors.TotalErrors.Should().Be(7, "a dead plugin's metrics still tell the operator why");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(giveUp, "the condition should have become true");
            await Task.Yield();
        }
    }
}
