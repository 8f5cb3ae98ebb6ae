using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts.Lifecycle;

/// <summary>
/// Levels and repeat intervals through the public surface: each built-in threshold rule warns and then
/// turns Critical, a change of level is announced at once and once, and an alert that keeps firing is
/// repeated at its level's interval (or its rule's).
/// </summary>
[TestFixture]
public sealed class AlertLevelsTests
{
    // The log sink's "firing with a figure" entry: one per notification of a firing alert.
    private const int FiringLogged = 2201;

    [Test]
    public async Task Escalation_P95FromWarningToCritical_SinkGetsTheFiringAndOneEscalationAtOnce()
    {
        // Arrange: P95 6 s (above 5 s: Warning), later 16 s (above 15 s: Critical).
        var p95 = 6_000.0;
        var plugin = new ScriptedPlugin("v3-combined") { Metrics = _ => ValueTask.FromResult(Latency(p95)) };
        using var host = new AlertingHost(NoAnomalies, plugins: plugin);
        await host.CyclesAsync(4);

        // Act: Critical for 4 minutes, under the Critical repeat interval.
        p95 = 16_000;
        await host.CycleAsync();
        var afterOneCycle = host.Sent.Count;
        await host.RunForAsync(TimeSpan.FromMinutes(4));

        // Assert
        afterOneCycle.Should().Be(2, "the escalation is sent in the cycle that sees it, not after a repeat interval");
        host.Sent.Should().HaveCount(2);
        host.Sent[0].Level.Should().Be(AlertLevel.Warning);
        host.Sent[0].Message.Should().Be("v3-combined is slow: P95 execution time 6000 ms is above 5000 ms");
        host.Sent[1].Id.Should().Be(host.Sent[0].Id, "one alert per (plugin, rule): its level changes");
        host.Sent[1].Level.Should().Be(AlertLevel.Critical);
        host.Sent[1].Threshold.Should().Be(15_000);
        host.Sent[1].Message.Should().Be("Escalated from Warning to Critical: v3-combined is slow: P95 execution time 16000 ms is above the critical limit of 15000 ms");
        host.Logs.Entries.Where(e => e.EventId.Id == FiringLogged).Select(e => e.Level).Should().Equal(
            [LogLevel.Warning, LogLevel.Critical], "the log sink got the same two notifications");
    }

    [Test]
    public async Task Deescalation_P95FromCriticalToWarning_SinkGetsOneDeescalationAndNoWarningReminderWithinTheHour()
    {
        // Arrange: Critical (16 s) until it fired and was sent.
        var p95 = 16_000.0;
        var plugin = new ScriptedPlugin("v3-combined") { Metrics = _ => ValueTask.FromResult(Latency(p95)) };
        using var host = new AlertingHost(NoAnomalies, plugins: plugin);
        await host.CyclesAsync(3);

        // Act: Warning (6 s) for 50 minutes.
        p95 = 6_000;
        await host.CyclesAsync(2);
        var afterTwoCycles = host.Sent.Count;
        await host.RunForAsync(TimeSpan.FromMinutes(50));

        // Assert
        afterTwoCycles.Should().Be(2, "a lower level is announced once it held for ClearCycles (2) cycles, not after a repeat interval");
        host.Sent.Should().HaveCount(2, "a Warning is repeated after an hour, counted from the de-escalation");
        host.Sent[0].Level.Should().Be(AlertLevel.Critical);
        host.Sent[1].Id.Should().Be(host.Sent[0].Id);
        host.Sent[1].State.Should().Be(AlertState.Firing);
        host.Sent[1].Level.Should().Be(AlertLevel.Warning);
        host.Sent[1].Message.Should().StartWith("De-escalated from Critical to Warning: v3-combined is slow");
        (await host.Store.GetOpenAlertsAsync()).Should().ContainSingle().Which.Level.Should().Be(AlertLevel.Warning);
        host.Logs.Entries.Count(e => e.EventId.Id == FiringLogged).Should().Be(2, "the log sink got the same two notifications");
    }

    [Test]
    public async Task RepeatIntervals_OneAlertAtEachLevelForAnHour_EachIsRepeatedAtItsLevelsInterval()
    {
        // Arrange: one plugin dead (Critical), one with 10 % errors (High), one with a P95 of 6 s (Warning).
        var dead = new ScriptedPlugin("dead") { Alive = _ => ValueTask.FromResult(false) };
        var failing = new ScriptedPlugin("failing") { Metrics = _ => ValueTask.FromResult(new PluginMetrics { Errors = new PluginErrorMetrics { ErrorRatePct = 10 } }) };
        var slow = new ScriptedPlugin("slow") { Metrics = _ => ValueTask.FromResult(Latency(6_000)) };
        using var host = new AlertingHost(NoAnomalies, plugins: [dead, failing, slow]);

        // Act: cycles at 0 s, 30 s, … 60 min 30 s.
        await host.CyclesAsync(122);

        // Assert: Critical fired at 0 and every 5 min; High fired at 0:30 and every 15 min; Warning fired at 0:30 and at 60:30.
        Count(host, "dead").Should().Be(13);
        Count(host, "failing").Should().Be(5);
        Count(host, "slow").Should().Be(2);
        host.Sent.Where(a => a.PluginId == "slow").Select(a => a.Level).Should().AllBeEquivalentTo(AlertLevel.Warning);
    }

    [Test]
    public async Task RepeatInterval_PerRuleOverrideFromConfiguration_RepeatsThatRuleOnlyAtItsInterval()
    {
        // Arrange: a P95 and a memory Warning on one plugin; latency.p95 repeats every 10 minutes.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PluginHealth:Rules:latency.p95:RepeatInterval"] = "00:10:00",
            ["PluginHealth:Anomalies:Enabled"] = "false",
        }).Build();
        var plugin = new ScriptedPlugin("v3-combined")
        {
            Metrics = _ => ValueTask.FromResult(new PluginMetrics { Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 6_000 }, MemoryUsageMb = 600 }),
        };
        using var host = new AlertingHost(configuration: configuration.GetSection(PluginHealthOptions.SectionName), plugins: plugin);

        // Act: cycles at 0 s … 31 min 30 s.
        await host.CyclesAsync(64);

        // Assert: latency fired at 0:30 and repeated at 10:30, 20:30, 30:30; memory keeps its Warning hour.
        host.Sent.Count(a => a.RuleId == HealthRuleIds.LatencyP95).Should().Be(4);
        host.Sent.Count(a => a.RuleId == HealthRuleIds.Memory).Should().Be(1);
    }

    [Test]
    public async Task RepeatIntervals_AlertCooldownLongerThanTheCriticalInterval_IsTheFloor()
    {
        // Arrange: the one global cooldown a host may already set, at 20 minutes.
        var dead = new ScriptedPlugin("dead") { Alive = _ => ValueTask.FromResult(false) };
        using var host = new AlertingHost(o => { NoAnomalies(o); o.AlertCooldown = TimeSpan.FromMinutes(20); }, plugins: dead);

        // Act: cycles at 0 s … 59 min 30 s.
        await host.RunForAsync(TimeSpan.FromHours(1));

        // Assert: fired at 0, repeated at 20 and 40 minutes (not every 5).
        host.Sent.Should().HaveCount(3);
    }

    [Test]
    public async Task CriticalThreshold_PerPluginOverride_OnlyThatPluginIsCritical()
    {
        // Arrange: two plugins at a P95 of 9 s; "fast-path" is Critical above 8 s, the other keeps the default 15 s.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PluginHealth:Plugins:fast-path:Thresholds:CriticalExecutionTimeMs"] = "8000",
            ["PluginHealth:Anomalies:Enabled"] = "false",
        }).Build();
        var fastPath = new ScriptedPlugin("fast-path") { Metrics = _ => ValueTask.FromResult(Latency(9_000)) };
        var batch = new ScriptedPlugin("batch") { Metrics = _ => ValueTask.FromResult(Latency(9_000)) };
        using var host = new AlertingHost(configuration: configuration.GetSection(PluginHealthOptions.SectionName), plugins: [fastPath, batch]);

        // Act: 10 minutes.
        await host.RunForAsync(TimeSpan.FromMinutes(10));

        // Assert: fast-path fired Critical and was repeated at 5 min; batch fired once as a Warning.
        host.Sent.Where(a => a.PluginId == "fast-path").Select(a => a.Level).Should().Equal(AlertLevel.Critical, AlertLevel.Critical);
        host.Sent.First(a => a.PluginId == "fast-path").Threshold.Should().Be(8_000);
        host.Sent.Where(a => a.PluginId == "batch").Select(a => a.Level).Should().Equal(AlertLevel.Warning);
    }

    [TestCase(6_000.0, null, null, null, AlertLevel.Warning, TestName = "Level_P95Above5s_IsWarning")]
    [TestCase(16_000.0, null, null, null, AlertLevel.Critical, TestName = "Level_P95Above15s_IsCritical")]
    [TestCase(null, 10.0, null, null, AlertLevel.High, TestName = "Level_ErrorRateAbove5Pct_IsHigh")]
    [TestCase(null, 25.0, null, null, AlertLevel.Critical, TestName = "Level_ErrorRateAbove20Pct_IsCritical")]
    [TestCase(null, null, 1L, null, AlertLevel.High, TestName = "Level_OneCriticalError_IsHigh")]
    [TestCase(null, null, 5L, null, AlertLevel.Critical, TestName = "Level_FiveCriticalErrors_IsCritical")]
    [TestCase(null, null, null, 600.0, AlertLevel.Warning, TestName = "Level_MemoryAboveItsLimit_IsWarning")]
    [TestCase(null, null, null, 1_900.0, AlertLevel.Critical, TestName = "Level_MemoryAbove90PctOfTheHostLimit_IsCritical")]
    public async Task Level_BuiltInRule_FiresAtTheLevelOfTheFigure(double? p95, double? errorRatePct, long? criticalErrors, double? memoryMb, AlertLevel expected)
    {
        // Arrange: the host runs under a 2 GB limit, so memory is Critical above 1,800 MB.
        var plugin = new ScriptedPlugin("v3-combined")
        {
            Metrics = _ => ValueTask.FromResult(new PluginMetrics
            {
                Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = p95 },
                Errors = new PluginErrorMetrics { ErrorRatePct = errorRatePct, CriticalErrors = criticalErrors },
                MemoryUsageMb = memoryMb,
            }),
        };
        using var host = new AlertingHost(o => { NoAnomalies(o); o.Host.MemoryLimitMb = 2_000; }, plugins: plugin);

        // Act
        await host.CyclesAsync(3);

        // Assert
        host.Sent.Should().ContainSingle().Which.Level.Should().Be(expected);
    }

    [Test]
    public async Task Level_Cpu_IsWarningAboveItsLimitAndCriticalAboveNinetyPercentOfAllCores()
    {
        // Arrange: one plugin at 85 % of one core, one using 90 % of every core and a little more.
        var warm = new ScriptedPlugin("warm") { Metrics = _ => ValueTask.FromResult(new PluginMetrics { CpuUsagePct = 85 }) };
        var hog = new ScriptedPlugin("hog") { Metrics = _ => ValueTask.FromResult(new PluginMetrics { CpuUsagePct = (90.0 * Environment.ProcessorCount) + 5 }) };
        using var host = new AlertingHost(NoAnomalies, plugins: [warm, hog]);

        // Act
        await host.CyclesAsync(3);

        // Assert
        host.Sent.Single(a => a.PluginId == "warm").Level.Should().Be(AlertLevel.Warning);
        host.Sent.Single(a => a.PluginId == "hog").Level.Should().Be(AlertLevel.Critical);
    }

    private static void NoAnomalies(PluginHealthOptions options) => options.Anomalies.Enabled = false;

    private static PluginMetrics Latency(double p95) => new() { Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = p95 } };

    private static int Count(AlertingHost host, string pluginId) => host.Sent.Count(a => a.PluginId == pluginId);
}
