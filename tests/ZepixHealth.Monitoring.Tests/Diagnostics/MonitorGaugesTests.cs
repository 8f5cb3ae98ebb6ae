using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Diagnostics;

public class MonitorGaugesTests
{
    [Test]
    public async Task Gauges_AfterCycle_ReportEachPluginsLatestFiguresWithUnits()
    {
        var healthy = new ScriptedPlugin("gauge-healthy")
        {
            Metrics = _ => ValueTask.FromResult(new PluginMetrics
            {
                Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 40, P99ExecutionTimeMs = 90, SignalsProcessed1h = 12, OrdersPlaced1h = 3 },
                Errors = new PluginErrorMetrics { ErrorRatePct = 2.5 },
                MemoryUsageMb = 64,
                Database = new PluginDatabaseMetrics { ActiveConnections = 2, MaxConnections = 10 },
            }),
        };
        var dead = new ScriptedPlugin("gauge-dead") { Alive = _ => ValueTask.FromResult(false) };
        var harness = new MonitorHarness(null, healthy, dead);
        using var collector = new MeterCollector();

        await harness.CollectAsync();
        collector.CollectGauges();

        Value(collector, "zepix.health.plugin.status", "gauge-healthy").Should().Be(0);
        Value(collector, "zepix.health.plugin.status", "gauge-dead").Should().Be((int)PluginHealthStatus.Dead);
        Value(collector, "zepix.health.plugin.execution.p95", "gauge-healthy").Should().BeApproximately(0.040, 1e-12);
        Value(collector, "zepix.health.plugin.execution.p99", "gauge-healthy").Should().BeApproximately(0.090, 1e-12);
        Value(collector, "zepix.health.plugin.signals", "gauge-healthy").Should().Be(12);
        Value(collector, "zepix.health.plugin.orders", "gauge-healthy").Should().Be(3);
        Value(collector, "zepix.health.plugin.error.ratio", "gauge-healthy").Should().BeApproximately(0.025, 1e-12);
        Value(collector, "zepix.health.plugin.memory.usage", "gauge-healthy").Should().Be(64 * 1024 * 1024);
        Value(collector, "zepix.health.plugin.db.connections.active", "gauge-healthy").Should().Be(2);
        Value(collector, "zepix.health.plugin.db.connections.max", "gauge-healthy").Should().Be(10);
        collector.Measurements.Where(m => m.Instrument.StartsWith("zepix.health.plugin.", StringComparison.Ordinal))
            .Should().OnlyContain(m => !string.IsNullOrEmpty(m.Unit));
    }

    [Test]
    public async Task Gauges_UnknownFigure_IsNotReportedAsZero()
    {
        var plugin = new ScriptedPlugin("gauge-unknown");
        var harness = new MonitorHarness(null, plugin);
        using var collector = new MeterCollector();

        await harness.CollectAsync();
        collector.CollectGauges();

        collector.For("zepix.health.plugin.status", "gauge-unknown").Should().ContainSingle();
        collector.For("zepix.health.plugin.cpu.utilization", "gauge-unknown").Should().BeEmpty();
        collector.For("zepix.health.plugin.execution.p95", "gauge-unknown").Should().BeEmpty();
    }

    [Test]
    public async Task Gauges_NextCycle_ReportTheNewFigureOnly()
    {
        var alive = true;
        var plugin = new ScriptedPlugin("gauge-changes") { Alive = _ => ValueTask.FromResult(alive) };
        var harness = new MonitorHarness(null, plugin);
        using var collector = new MeterCollector();
        await harness.CollectAsync();
        alive = false;

        await harness.CollectAsync();
        collector.CollectGauges();

        Value(collector, "zepix.health.plugin.status", "gauge-changes").Should().Be((int)PluginHealthStatus.Dead);
        harness.Monitor.LatestSnapshots.Should().ContainSingle().Which.Availability.Status.Should().Be(PluginHealthStatus.Dead);
    }

    [Test]
    public void LatestSnapshots_BeforeFirstCycle_IsEmpty()
    {
        var harness = new MonitorHarness(null, new ScriptedPlugin("gauge-none"));

        harness.Monitor.LatestSnapshots.Should().BeEmpty();
    }

    private static double Value(MeterCollector collector, string instrument, string pluginId) =>
        collector.For(instrument, pluginId).Should().ContainSingle($"{instrument} reports {pluginId} once").Which.Value;
}
