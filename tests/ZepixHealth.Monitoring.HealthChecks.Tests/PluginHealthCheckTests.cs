using Microsoft.Extensions.Diagnostics.HealthChecks;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.HealthChecks.Tests;

public class PluginHealthCheckTests
{
    [Test]
    public async Task CheckHealthAsync_AllPluginsHealthy_HealthyWithAnEntryPerPlugin()
    {
        await using var host = new HealthCheckHost([new TestPlugin("v3-combined"), new TestPlugin("v6-5m")]);
        await host.CycleAsync();

        var report = await host.CheckAsync();

        report.Status.Should().Be(HealthStatus.Healthy);
        report.Entries.Keys.Should().BeEquivalentTo(["plugins", "plugins:v3-combined", "plugins:v6-5m"]);
        report.Entries["plugins"].Description.Should().Be("All 2 plugins Healthy.");
        report.Entries["plugins"].Data.Should().Contain("v3-combined", "Healthy").And.Contain("v6-5m", "Healthy");
        report.Entries["plugins:v6-5m"].Data["status"].Should().Be("Healthy");
    }

    [Test]
    public async Task CheckHealthAsync_WithTheHostRow_SaysItIsTheHostProcessNotAPlugin()
    {
        await using var host = new HealthCheckHost([new TestPlugin("v3-combined"), new TestPlugin("v6-5m")], o => o.IncludeHost = true, hostRow: true);
        await host.CycleAsync();

        var report = await host.CheckAsync(r => r.Name == "plugins");

        report.Entries["plugins"].Description.Should().Be("All 2 plugins and the host process Healthy.");
    }

    [Test]
    public async Task CheckHealthAsync_OnePluginDead_UnhealthyNamingIt()
    {
        var dead = new TestPlugin("v6-15m") { Alive = false };
        await using var host = new HealthCheckHost([new TestPlugin("v3-combined"), dead]);
        await host.CycleAsync();

        var report = await host.CheckAsync();

        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["plugins"].Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["plugins"].Description.Should().Be("v6-15m is Dead: IsAliveAsync returned false. (firing: availability Critical)");
        report.Entries["plugins:v6-15m"].Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["plugins:v6-15m"].Data["reason"].Should().Be("IsAliveAsync returned false.");
        report.Entries["plugins:v6-15m"].Data["firingAlerts"].Should().BeEquivalentTo(new[] { "availability (Critical)" });
        report.Entries["plugins:v3-combined"].Status.Should().Be(HealthStatus.Healthy);
    }

    [Test]
    public async Task CheckHealthAsync_PluginStale_Degraded()
    {
        var quiet = new TestPlugin("v6-1h");
        await using var host = new HealthCheckHost([quiet]);
        quiet.Metrics = new PluginMetrics { LastActivity = host.Time.GetUtcNow().AddMinutes(-10) };
        await host.CycleAsync();

        var report = await host.CheckAsync();

        report.Status.Should().Be(HealthStatus.Degraded);
        report.Entries["plugins:v6-1h"].Data["status"].Should().Be("Stale");
    }

    [Test]
    public async Task CheckHealthAsync_FiringWarning_DegradedWithTheAlertInData()
    {
        var slow = new TestPlugin("v6-slow") { Metrics = new PluginMetrics { Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 9000 } } };
        await using var host = new HealthCheckHost([slow]);
        await host.CycleAsync();
        await host.CycleAsync(); // latency.p95 fires after two breaches

        var report = await host.CheckAsync();

        report.Status.Should().Be(HealthStatus.Degraded);
        report.Entries["plugins"].Data["v6-slow"].Should().Be("Healthy, 1 firing alert(s)");
        report.Entries["plugins:v6-slow"].Data["firingAlerts"].Should().BeEquivalentTo(new[] { "latency.p95 (Warning)" });
        report.Entries["plugins:v6-slow"].Data["p95ExecutionTimeMs"].Should().Be(9000.0);
    }

    [Test]
    public async Task CheckHealthAsync_PluginHung_Unhealthy()
    {
        await using var host = new HealthCheckHost([new TestPlugin("v6-hung") { Hangs = true }, new TestPlugin("v3-combined")]);
        await host.CycleAdvancingAsync();

        var report = await host.CheckAsync();

        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["plugins:v6-hung"].Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["plugins:v6-hung"].Data["status"].Should().Be("Hung");
        report.Entries["plugins"].Data["v3-combined"].Should().Be("Healthy");
    }

    [Test]
    public async Task CheckHealthAsync_LatestCycleTwoIntervalsOld_StillHealthy()
    {
        await using var host = new HealthCheckHost([new TestPlugin("v3-combined")]);
        await host.CycleAsync();
        host.Time.Advance(TimeSpan.FromSeconds(30)); // 60 s since the cycle: two intervals, not more

        var report = await host.CheckAsync();

        report.Status.Should().Be(HealthStatus.Healthy);
    }

    [Test]
    public async Task CheckHealthAsync_NoCycleForMoreThanTwoIntervals_UnhealthyEveryEntryUntilCyclesResume()
    {
        await using var host = new HealthCheckHost([new TestPlugin("v3-combined"), new TestPlugin("v6-5m")]);
        await host.CycleAsync();
        var completed = host.Monitor.LastCycleCompletedAt!.Value;
        host.Time.Advance(TimeSpan.FromSeconds(31)); // 61 s since the cycle: the monitor has stalled

        var report = await host.CheckAsync();

        report.Status.Should().Be(HealthStatus.Unhealthy, "snapshots this old say nothing about the plugins now");
        report.Entries.Values.Should().OnlyContain(e => e.Status == HealthStatus.Unhealthy);
        report.Entries["plugins"].Description.Should().Be(
            "The health monitor has stalled: its latest cycle completed 61 s ago (at 2026-01-12 09:30:00Z), more than two collection intervals (60 s); the plugins' health is unknown.");
        report.Entries["plugins"].Data["lastCycleCompletedAt"].Should().Be(completed);
        report.Entries["plugins"].Data["dataAgeSeconds"].Should().Be(61.0);

        await host.CycleAsync();
        (await host.CheckAsync()).Status.Should().Be(HealthStatus.Healthy, "a completed cycle makes the data fresh again");
    }

    [Test]
    public async Task CheckHealthAsync_StalledWithFailureStatusDegraded_Degraded()
    {
        await using var host = new HealthCheckHost([new TestPlugin("v3-combined")], o => o.FailureStatus = HealthStatus.Degraded);
        await host.CycleAsync();
        host.Time.Advance(TimeSpan.FromMinutes(5));

        (await host.CheckAsync()).Status.Should().Be(HealthStatus.Degraded);
    }

    [Test]
    public async Task CheckHealthAsync_BeforeFirstCycle_DegradedSayingSo()
    {
        await using var host = new HealthCheckHost([new TestPlugin("v3-combined")]);

        var report = await host.CheckAsync(r => r.Name == "plugins");

        report.Status.Should().Be(HealthStatus.Degraded);
        report.Entries["plugins"].Description.Should().Be("No health cycle has completed yet.");
    }

    [Test]
    public async Task CheckHealthAsync_PluginIdsAndTags_SelectOnlyThosePlugins()
    {
        var dead = new TestPlugin("v3-combined") { Alive = false };
        await using var host = new HealthCheckHost(
            [dead, new TestPlugin("v6-5m"), new TestPlugin("v6-15m")],
            o =>
            {
                o.Name = "v6";
                o.PluginIds.Add("v6-5m");
                o.PluginIds.Add("v6-15m");
                o.Tags.Add("ready");
            });
        await host.CycleAsync();

        var report = await host.CheckAsync(r => r.Tags.Contains("ready"));

        report.Status.Should().Be(HealthStatus.Healthy, "the dead plugin is not selected");
        report.Entries.Keys.Should().BeEquivalentTo(["v6", "v6:v6-15m", "v6:v6-5m"]);
        report.Entries["v6"].Data.Keys.Should().BeEquivalentTo(["v6-5m", "v6-15m"]);
    }

    [Test]
    public async Task CheckHealthAsync_PerPluginTag_SelectsOnePlugin()
    {
        await using var host = new HealthCheckHost([new TestPlugin("v3-combined"), new TestPlugin("v6-5m") { Alive = false }]);
        await host.CycleAsync();

        var report = await host.CheckAsync(r => r.Tags.Contains("v3-combined"));

        report.Entries.Keys.Should().Equal("plugins:v3-combined");
        report.Status.Should().Be(HealthStatus.Healthy);
    }

    [Test]
    public async Task CheckHealthAsync_FailureStatusDegraded_DeadPluginIsDegraded()
    {
        await using var host = new HealthCheckHost([new TestPlugin("v6-15m") { Alive = false }], o => o.FailureStatus = HealthStatus.Degraded);
        await host.CycleAsync();

        var report = await host.CheckAsync();

        report.Status.Should().Be(HealthStatus.Degraded);
    }

    [Test]
    public async Task CheckHealthAsync_NoPerPluginEntries_OnlyTheAggregate()
    {
        await using var host = new HealthCheckHost([new TestPlugin("v3-combined")], o => o.PerPluginEntries = false);
        await host.CycleAsync();

        var report = await host.CheckAsync();

        report.Entries.Keys.Should().Equal("plugins");
    }

    [Test]
    public async Task CheckHealthAsync_PluginRecovers_HealthyAgain()
    {
        var plugin = new TestPlugin("v6-flaky") { Alive = false };
        await using var host = new HealthCheckHost([plugin]);
        await host.CycleAsync();
        plugin.Alive = true;

        for (var i = 0; i < 2; i++)
        {
            await host.CycleAsync(); // availability resolves after two clean cycles
        }

        (await host.CheckAsync()).Status.Should().Be(HealthStatus.Healthy);
    }
}
