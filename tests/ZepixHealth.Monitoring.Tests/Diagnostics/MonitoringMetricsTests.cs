using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Storage;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Diagnostics;

public class MonitoringMetricsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public async Task CycleDuration_CycleWaitsTwoSeconds_RecordsTwoSeconds()
    {
        var plugin = new ScriptedPlugin("cycle-slow");
        var harness = new MonitorHarness(null, plugin);
        plugin.Alive = async token =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2), harness.Time, token);
            return true;
        };
        using var collector = new MeterCollector("zepix.health.cycle.duration");

        await harness.CollectAdvancingAsync(TimeSpan.FromSeconds(2));

        collector.Measurements.Should().ContainSingle().Which.Should().Match<CollectedMeasurement>(m => m.Value == 2.0 && m.Unit == "s");
    }

    [Test]
    public async Task Alerts_PluginDiesThenRecovers_CountsFiredAndResolvedByRuleAndLevel()
    {
        var harness = new AlertingHarness();
        using var collector = new MeterCollector("zepix.health.alerts");

        await harness.CycleAsync(Snapshots.Healthy("alerts-counted", T0).WithStatus(PluginHealthStatus.Dead));
        await harness.CyclesAsync(2, Snapshots.Healthy("alerts-counted", T0));

        var counted = collector.Measurements.Where(m => m.PluginId == "alerts-counted").ToList();
        counted.Should().HaveCount(2);
        counted.Should().OnlyContain(m => m.Value == 1 && (string?)m.Tags["alert.rule"] == "availability" && (string?)m.Tags["alert.level"] == "critical");
        counted.Select(m => (string?)m.Tags["alert.transition"]).Should().Equal("fired", "resolved");
    }

    [Test]
    public async Task Alerts_NothingListens_CountsNothingAndStillAlerts()
    {
        var harness = new AlertingHarness();

        await harness.CycleAsync(Snapshots.Healthy("alerts-unheard", T0).WithStatus(PluginHealthStatus.Dead));

        MonitoringDiagnostics.Alerts.Enabled.Should().BeFalse();
        harness.Sink.Received.Should().ContainSingle();
    }

    [Test]
    public async Task StoreDroppedSnapshots_QueueFull_CountedOnTheSharedMeter()
    {
        using var collector = new MeterCollector("zepix.health.store.snapshots.dropped");
        await using var fixture = new StoreFixture(configure: o => o.QueueCapacity = 10);

        for (var cycle = 0; cycle < 4; cycle++)
        {
            await fixture.Store.AppendSnapshotsAsync(StoreTestData.Cycle(4, T0.AddSeconds(30 * cycle)));
        }

        collector.Measurements.Sum(m => m.Value).Should().Be(8);
        collector.Measurements.Should().OnlyContain(m => m.Unit == "{snapshot}");
    }
}
