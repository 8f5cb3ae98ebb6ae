using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Storage;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts;

/// <summary>
/// A plugin with an open alert is not registered any more when the bot restarts on the same SQLite
/// file: its resumed alert ends once, with the "removed" notification, at the first cycle.
/// </summary>
[TestFixture]
public sealed class RemovedBeforeRestartTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Host_RestartedWithoutAPluginWhoseAlertFires_EndsThatAlertOnceAsRemoved()
    {
        // Arrange: the first run fires an alert for a dead plugin.
        using var database = new TempDatabase();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero));
        var firstSink = new RecordingSink("telegram");
        using (var first = BuildHost(database, time, firstSink, new ScriptedPlugin("v3-combined"), new ScriptedPlugin("v6-price-action-1m") { Alive = _ => ValueTask.FromResult(false) }))
        {
            await first.StartAsync();
            await WaitUntilAsync(() => firstSink.ReceivedAlerts.Count > 0);
            await first.StopAsync().WaitAsync(Guard);
        }

        // Act: the second run no longer has the dead plugin.
        var secondSink = new RecordingSink("telegram");
        using var second = BuildHost(database, time, secondSink, new ScriptedPlugin("v3-combined"));
        await second.StartAsync();
        var cycles = new FakeClockCycles(time, second.Services.GetRequiredService<PluginHealthMonitor>(), Interval);
        await cycles.CycleAtNowAsync();
        await WaitUntilAsync(() => secondSink.ReceivedAlerts.Count > 0);
        for (var i = 0; i < 3; i++)
        {
            await CallWorkers.SettleAsync();
            await cycles.NextCycleAsync();
        }

        await second.StopAsync().WaitAsync(Guard);

        // Assert
        var fired = firstSink.ReceivedAlerts.Should().ContainSingle().Which;
        var ended = secondSink.ReceivedAlerts.Should().ContainSingle("the resumed alert ends once").Which;
        ended.Id.Should().Be(fired.Id);
        ended.State.Should().Be(AlertState.Resolved);
        ended.Message.Should().Contain("v6-price-action-1m was removed");
        using var connection = database.Open();
        TempDatabase.Scalar(connection, "SELECT count(*) FROM health_alerts WHERE resolved = 0").Should().Be(0L, "nothing is left open for a plugin that is gone");
    }

    /// <summary>Waits for the background dispatcher (real threads); bounded, fails rather than hangs.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            waited.Elapsed.Should().BeLessThan(Guard, "the notification should have been delivered");
            await Task.Delay(1);
        }
    }

    private static IHost BuildHost(TempDatabase database, FakeTimeProvider time, RecordingSink sink, params ScriptedPlugin[] plugins)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(time);
        foreach (var plugin in plugins)
        {
            builder.Services.AddSingleton<IHealthCheckablePlugin>(plugin);
        }

        builder.Services
            .AddPluginHealthMonitoring(o =>
            {
                o.CollectionInterval = Interval;
                o.GroupWait = TimeSpan.Zero;
            })
            .UseSqliteStore(database.ConnectionString);
        builder.Services.AddSingleton<IAlertSink>(sink);
        return builder.Build();
    }
}
