using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Issues;

/// <summary>
/// Issue 12, part 5: an unregistered plugin stayed in the store's latest snapshots forever, its open
/// alerts never resolved, and the in-memory store kept its history (+146 MB after 1,000 ids came and went).
/// </summary>
public class RemovedPluginsTests
{
    [Test]
    public async Task Unregister_PluginWithOpenAlert_LeavesLatestSnapshotsAndItsAlertEndsOnceAsRemoved()
    {
        // Arrange: a dead plugin whose availability alert has fired, beside a healthy one.
        var rig = new Rig();
        rig.Registry.Register(new ScriptedPlugin("v6-price-action-1m") { Alive = _ => ValueTask.FromResult(false) });
        rig.Registry.Register(new ScriptedPlugin("v3-combined"));
        for (var i = 0; i < 10 && rig.Sink.ReceivedAlerts.Count == 0; i++)
        {
            await rig.CycleAsync();
        }

        var fired = rig.Sink.ReceivedAlerts.Should().ContainSingle().Subject;
        fired.PluginId.Should().Be("v6-price-action-1m");

        // Act
        rig.Registry.Unregister("v6-price-action-1m").Should().BeTrue();
        await rig.CycleAsync();
        await rig.CycleAsync();
        await rig.CycleAsync();

        // Assert
        rig.Monitor.LatestSnapshots.Select(s => s.PluginId).Should().Equal("v3-combined");
        (await rig.Alerting.Store.GetLatestSnapshotsAsync()).Select(s => s.PluginId).Should().Equal("v3-combined");
        (await rig.Alerting.Store.GetOpenAlertsAsync()).Should().BeEmpty();
        var ended = rig.Sink.ReceivedAlerts.Where(a => a.Id == fired.Id && a.State == AlertState.Resolved).Should().ContainSingle("it is sent once").Subject;
        ended.Message.Should().Contain("v6-price-action-1m was removed");
        rig.Sink.ReceivedAlerts.Should().HaveCount(2);
        rig.Alerting.Manager.TrackedRulesOf("v6-price-action-1m").Should().BeNull("its alert state is freed");
    }

    [Test]
    public async Task RegisterAndUnregister_TenThousandDistinctIds_ManagedHeapStaysWithinFiveMegabytes()
    {
        // Arrange: anomaly baselines on, so that each plugin gets detectors to free.
        // The collecting logger keeps every cycle's log line: the monitor logs nowhere here, so that
        // only what the library keeps is measured.
        var rig = new Rig(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        rig.Options.Anomalies.Enabled = true;
        rig.Registry.Register(new ScriptedPlugin("v3-combined"));
        await ChurnAsync(rig, "warm-up", 200);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        // Act
        await ChurnAsync(rig, "churn", 10_000);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        // Assert
        TestContext.Out.WriteLine($"managed heap after a full GC: {before:N0} bytes before, {after:N0} after 10,000 rounds");
        (after - before).Should().BeLessThan(5 * 1024 * 1024, $"heap went from {before:N0} to {after:N0} bytes");
        (await rig.Alerting.Store.GetLatestSnapshotsAsync()).Select(s => s.PluginId).Should().Equal("v3-combined");
        rig.Monitor.LatestSnapshots.Should().ContainSingle();
    }

    private static async Task ChurnAsync(Rig rig, string prefix, int rounds)
    {
        for (var i = 0; i < rounds; i++)
        {
            var id = $"{prefix}-{i}";
            rig.Registry.Register(new ScriptedPlugin(id));
            await rig.Monitor.CollectOnceAsync();
            rig.Registry.Unregister(id);
            await rig.Monitor.CollectOnceAsync();
        }
    }

    /// <summary>The whole cycle — collect, store, evaluate, alert, dispatch — over the in-memory store.</summary>
    private sealed class Rig
    {
        public Rig(ILoggerFactory? monitorLogs = null)
        {
            Alerting = new AlertingHarness(Options);
            var logs = monitorLogs ?? Alerting.Logs;
            var stages = new AlertingStages(
                new SnapshotRecorder(Alerting.Store, logs.CreateLogger<PluginHealthMonitor>()),
                Alerting.Evaluator,
                Alerting.Manager,
                Alerting.Dispatcher);
            Monitor = new PluginHealthMonitor(Registry, Microsoft.Extensions.Options.Options.Create(Options), Alerting.Time, [], logs, stages);
        }

        public PluginHealthOptions Options { get; } = new() { GroupWait = TimeSpan.Zero, Host = { Enabled = false } };

        public AlertingHarness Alerting { get; }

        public PluginRegistry Registry { get; } = new([]);

        public PluginHealthMonitor Monitor { get; }

        public RecordingSink Sink => Alerting.Sink;

        public async Task CycleAsync()
        {
            await Monitor.CollectOnceAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            await Alerting.Dispatcher.DispatchDueAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            Alerting.Time.Advance(Options.CollectionInterval);
        }
    }
}
