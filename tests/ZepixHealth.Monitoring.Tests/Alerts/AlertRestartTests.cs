using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Storage;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts;

/// <summary>A bot restarted while an alert fires: the same SQLite file, a new process's worth of objects.</summary>
[TestFixture]
public sealed class AlertRestartTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Host_RestartedWhileAnAlertFires_DoesNotFireAgainAndLaterResolvesTheSameAlert()
    {
        using var database = new TempDatabase();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero));
        var alive = false;

        // First run: the plugin is dead; the alert fires and is delivered.
        var firstSink = await RunUntilFiredAsync(database, time, () => alive);

        // Second run on the same file: still dead for a while, then it recovers.
        var secondSink = new RecordingSink("telegram");
        var resolved = Signal(secondSink);
        using var second = BuildHost(database, time, secondSink, () => alive);
        await second.StartAsync();
        var cycles = new FakeClockCycles(time, second.Services.GetRequiredService<PluginHealthMonitor>(), Interval);
        for (var i = 0; i < 3; i++)
        {
            await CallWorkers.SettleAsync();
            await cycles.NextCycleAsync();
        }

        alive = true;
        for (var i = 0; i < 3; i++)
        {
            await CallWorkers.SettleAsync();
            await cycles.NextCycleAsync();
        }

        await resolved.Task.WaitAsync(Guard);

        await second.StopAsync().WaitAsync(Guard);

        var firing = firstSink.ReceivedAlerts.Should().ContainSingle().Which;
        firing.State.Should().Be(AlertState.Firing);
        secondSink.ReceivedAlerts.Should().ContainSingle("the resumed alert was not announced again").Which
            .Should().Match<HealthAlert>(a => a.Id == firing.Id && a.State == AlertState.Resolved);
    }

    [Test]
    public async Task Host_RestartedAfterThePluginRecovered_CountsItsFirstCycleTowardsResolvingTheResumedAlert()
    {
        using var database = new TempDatabase();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero));
        var alive = false;
        var firstSink = await RunUntilFiredAsync(database, time, () => alive);

        // The first evaluation after the restart already knows the open alert, so its clear is handed on:
        // the alert resolves after ClearCycles clear cycles, the first of them included.
        alive = true;
        var secondSink = new RecordingSink("telegram");
        var resolved = Signal(secondSink);
        using var second = BuildHost(database, time, secondSink, () => alive);
        await second.StartAsync();
        var cycles = new FakeClockCycles(time, second.Services.GetRequiredService<PluginHealthMonitor>(), Interval);
        await cycles.CycleAtNowAsync();
        for (var i = 1; i < PluginHealthDefaults.ClearCycles; i++)
        {
            await CallWorkers.SettleAsync();
            await cycles.NextCycleAsync();
        }

        await resolved.Task.WaitAsync(Guard);
        await second.StopAsync().WaitAsync(Guard);

        var firing = firstSink.ReceivedAlerts.Should().ContainSingle().Which;
        secondSink.ReceivedAlerts.Should().ContainSingle().Which
            .Should().Match<HealthAlert>(a => a.Id == firing.Id && a.State == AlertState.Resolved && a.ResolvedAt == time.GetUtcNow());
    }

    /// <summary>Runs a host until its first alert is delivered, then stops it; returns the sink that got it.</summary>
    private static async Task<RecordingSink> RunUntilFiredAsync(TempDatabase database, FakeTimeProvider time, Func<bool> alive)
    {
        var sink = new RecordingSink("telegram");
        var fired = Signal(sink);
        using var host = BuildHost(database, time, sink, alive);
        await host.StartAsync();
        await fired.Task.WaitAsync(Guard);
        await host.StopAsync().WaitAsync(Guard);
        return sink;
    }

    private static TaskCompletionSource Signal(RecordingSink sink)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sink.Behaviour = (_, _) =>
        {
            signal.TrySetResult();
            return ValueTask.CompletedTask;
        };
        return signal;
    }

    private static IHost BuildHost(TempDatabase database, FakeTimeProvider time, RecordingSink sink, Func<bool> alive)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IHealthCheckablePlugin>(new ScriptedPlugin("v3-combined") { Alive = _ => ValueTask.FromResult(alive()) });
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
