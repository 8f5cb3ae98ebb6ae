using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Hosting;

/// <summary>
/// Issue 12, part 3: nothing noticed when the monitor itself stopped completing cycles. The watchdog
/// runs on a timer of its own and raises (then resolves) <c>monitor.stalled</c> through the outbox.
/// </summary>
[TestFixture]
public sealed class MonitorWatchdogTests
{
    [Test]
    public async Task Watchdog_NoCycleForTooLong_LogsCriticalRaisesOnceAndResolvesWhenCyclesResume()
    {
        // Arrange: one completed cycle, then none.
        var options = new PluginHealthOptions { Host = { Enabled = false } };
        var alerting = new AlertingHarness(options);
        var monitor = new PluginHealthMonitor(
            new PluginRegistry([new ScriptedPlugin("v3-combined")]),
            Microsoft.Extensions.Options.Options.Create(options),
            alerting.Time,
            [],
            alerting.Logs,
            new AlertingStages(new SnapshotRecorder(alerting.Store, alerting.Logs.CreateLogger<PluginHealthMonitor>()), alerting.Evaluator, alerting.Manager, alerting.Dispatcher));
        using var watchdog = new MonitorWatchdog(
            monitor, alerting.Outbox, alerting.Manager.SinkNames, alerting.Dispatcher,
            Microsoft.Extensions.Options.Options.Create(options), alerting.Time, alerting.Logs.CreateLogger<MonitorWatchdog>());
        await watchdog.StartAsync(CancellationToken.None);
        monitor.LastCycleCompletedAt.Should().BeNull();
        await monitor.CollectOnceAsync();
        var completed = alerting.Time.GetUtcNow();
        monitor.LastCycleCompletedAt.Should().Be(completed);
        watchdog.StallAfter.Should().Be(options.CollectionInterval + options.CheckTimeout + TimeSpan.FromSeconds(10));

        // Act 1: up to the limit, nothing; past it, a stall.
        await TickAsync(alerting, watchdog, 4);
        var quietUntilLimit = alerting.Sink.ReceivedAlerts.Count;
        await TickAsync(alerting, watchdog, 1);
        var afterStall = alerting.Sink.ReceivedAlerts.ToList();
        await TickAsync(alerting, watchdog, 8);
        var whileStalled = alerting.Sink.ReceivedAlerts.Count;

        // Act 2: cycles resume (each within the limit).
        for (var i = 0; i < 4; i++)
        {
            await monitor.CollectOnceAsync();
            await TickAsync(alerting, watchdog, 2);
        }

        // Assert
        quietUntilLimit.Should().Be(0);
        var fired = afterStall.Should().ContainSingle().Subject;
        fired.RuleId.Should().Be("monitor.stalled");
        fired.PluginId.Should().Be("host");
        fired.Level.Should().Be(AlertLevel.Critical);
        fired.State.Should().Be(AlertState.Firing);
        whileStalled.Should().Be(1, "a stall is announced once");
        alerting.Logs.Entries.Should().ContainSingle(e => e.EventId.Id == 1104).Which.Level.Should().Be(LogLevel.Critical);
        var sent = alerting.Sink.ReceivedAlerts;
        sent.Should().HaveCount(2);
        sent[1].Id.Should().Be(fired.Id);
        sent[1].State.Should().Be(AlertState.Resolved);
        (await alerting.Store.GetOpenAlertsAsync()).Should().BeEmpty();
    }

    // Moves the clock one watchdog period at a time, letting each check and delivery finish.
    private static async Task TickAsync(AlertingHarness alerting, MonitorWatchdog watchdog, int periods)
    {
        for (var i = 0; i < periods; i++)
        {
            // The cycle's self-test runs on a call worker: it starts before the clock moves.
            await CallWorkers.SettleAsync();
            alerting.Time.Advance(watchdog.StallAfter / 4);
            await watchdog.LastCheck.WaitAsync(TimeSpan.FromSeconds(10));
            await alerting.Dispatcher.DispatchDueAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
