using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Evaluation;

[TestFixture]
public sealed class ThresholdResolverTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    private static PluginHealthSnapshot Plugin(string id) => Snapshots.Healthy(id, T0);

    private static PluginHealthSnapshot Host(double? memoryLimitMb) =>
        Snapshots.Healthy(HostMonitoringOptions.PluginId, T0) with { Resources = new PluginResourceMetrics { MemoryUsageMb = 100, MemoryLimitMb = memoryLimitMb } };

    [Test]
    public void For_PluginWithoutOverrides_GetsTheGlobalThresholdsWithTheDefaultCriticalLevels()
    {
        var options = new PluginHealthOptions();
        options.Thresholds.MaxMemoryUsageMb = 640;
        var resolver = new ThresholdResolver(options);

        var thresholds = resolver.For(Plugin("v3-combined"));

        thresholds.Should().BeEquivalentTo(new PluginHealthThresholds
        {
            MaxExecutionTimeMs = 5000,
            CriticalExecutionTimeMs = 15_000,
            MaxErrorRatePct = 5,
            CriticalErrorRatePct = 20,
            MaxMemoryUsageMb = 640,
            CriticalMemoryUsageMb = null,
            MaxCpuUsagePct = 80,
            CriticalCpuUsagePct = 90.0 * Environment.ProcessorCount,
            CriticalErrorsForCritical = 5,
        }, "no memory limit is known, so memory has no critical level");
    }

    [Test]
    public void For_PluginWithAnEntryButNoThresholdOverrides_GetsTheGlobalValues()
    {
        var options = new PluginHealthOptions();
        options.Plugins["v3-combined"] = new PluginMonitoringOptions();
        var resolver = new ThresholdResolver(options);

        var thresholds = resolver.For(Plugin("v3-combined"));

        thresholds.Should().BeEquivalentTo(new ThresholdResolver(new PluginHealthOptions()).For(Plugin("v3-combined")));
    }

    [Test]
    public void For_PluginWithANullEntry_GetsTheGlobalThresholds()
    {
        var options = new PluginHealthOptions();
        options.Plugins["v3-combined"] = null!;
        var resolver = new ThresholdResolver(options);

        var thresholds = resolver.For(Plugin("v3-combined"));

        thresholds.Should().BeEquivalentTo(new ThresholdResolver(new PluginHealthOptions()).For(Plugin("other")));
    }

    [Test]
    public void For_PluginRaisingItsWarningLimits_DefaultCriticalLimitsFollowThem()
    {
        var options = new PluginHealthOptions();
        var plugin = new PluginMonitoringOptions();
        plugin.Thresholds.MaxExecutionTimeMs = 20_000;
        plugin.Thresholds.MaxErrorRatePct = 30;
        options.Plugins["batch"] = plugin;
        var resolver = new ThresholdResolver(options);

        var thresholds = resolver.For(Plugin("batch"));

        thresholds.CriticalExecutionTimeMs.Should().Be(60_000, "three times its warning limit, never below it");
        thresholds.CriticalErrorRatePct.Should().Be(100, "four times 30 %, capped at 100 %");
    }

    [Test]
    public void For_CriticalLimitsSetGloballyAndPerPlugin_ThePluginsWinThenTheGlobalOnes()
    {
        var options = new PluginHealthOptions();
        options.Thresholds.CriticalExecutionTimeMs = 12_000;
        options.Thresholds.CriticalMemoryUsageMb = 3_000;
        var plugin = new PluginMonitoringOptions();
        plugin.Thresholds.CriticalExecutionTimeMs = 8_000;
        options.Plugins["fast-path"] = plugin;
        var resolver = new ThresholdResolver(options);

        var fastPath = resolver.For(Plugin("fast-path"));
        var other = resolver.For(Plugin("other"));

        fastPath.CriticalExecutionTimeMs.Should().Be(8_000);
        fastPath.CriticalMemoryUsageMb.Should().Be(3_000);
        other.CriticalExecutionTimeMs.Should().Be(12_000);
    }

    [Test]
    public void For_PluginInACycleWithAHostRow_MemoryIsCriticalAboveNinetyPercentOfTheHostsLimit()
    {
        var resolver = new ThresholdResolver(new PluginHealthOptions());
        resolver.StartCycle([Plugin("v3-combined"), Host(memoryLimitMb: 2000)]);

        var thresholds = resolver.For(Plugin("v3-combined"));
        resolver.StartCycle([Plugin("v3-combined"), Host(memoryLimitMb: 4000)]);
        var raised = resolver.For(Plugin("v3-combined"));

        thresholds.CriticalMemoryUsageMb.Should().Be(1800);
        raised.CriticalMemoryUsageMb.Should().Be(3600, "a limit raised at run time moves the critical level");
    }

    [Test]
    public void For_PluginInItsOwnProcessWithALimit_MemoryIsCriticalAboveNinetyPercentOfItsOwnLimit()
    {
        var options = new PluginHealthOptions();
        options.Host.MemoryLimitMb = 8000;
        var resolver = new ThresholdResolver(options);
        resolver.StartCycle([]);

        var own = resolver.For(Plugin("worker") with { Resources = new PluginResourceMetrics { MemoryLimitMb = 1000 } });
        var inHost = resolver.For(Plugin("v3-combined"));

        own.CriticalMemoryUsageMb.Should().Be(900);
        inHost.CriticalMemoryUsageMb.Should().Be(7200, "without a host row, the configured host limit counts");
    }

    [Test]
    public void For_HostRow_IsCriticalAtNinetyFivePercentOfItsLimitAndOfAllCores()
    {
        var thresholds = new ThresholdResolver(new PluginHealthOptions()).For(Host(memoryLimitMb: 2000));

        thresholds.CriticalMemoryUsageMb.Should().Be(1900);
        thresholds.CriticalCpuUsagePct.Should().Be(95.0 * Environment.ProcessorCount);
    }

    [Test]
    public void For_PluginOverridingOneThreshold_GetsItAndTheGlobalValuesForTheRest()
    {
        var options = new PluginHealthOptions();
        options.Thresholds.MaxExecutionTimeMs = 4000;
        options.Thresholds.MaxErrorRatePct = 3;
        options.Thresholds.MaxMemoryUsageMb = 600;
        options.Thresholds.MaxCpuUsagePct = 70;
        var plugin = new PluginMonitoringOptions();
        plugin.Thresholds.MaxMemoryUsageMb = 800;
        options.Plugins["v3-combined"] = plugin;
        var resolver = new ThresholdResolver(options);

        var thresholds = resolver.For(Plugin("v3-combined"));

        thresholds.MaxMemoryUsageMb.Should().Be(800);
        thresholds.MaxExecutionTimeMs.Should().Be(4000);
        thresholds.MaxErrorRatePct.Should().Be(3);
        thresholds.MaxCpuUsagePct.Should().Be(70);
        options.Thresholds.MaxMemoryUsageMb.Should().Be(600, "an override does not change the global thresholds");
    }

    [Test]
    public void For_PluginOverridingEveryThreshold_GetsOnlyItsOwn()
    {
        var options = new PluginHealthOptions();
        var plugin = new PluginMonitoringOptions();
        plugin.Thresholds.MaxExecutionTimeMs = 9000;
        plugin.Thresholds.MaxErrorRatePct = 10;
        plugin.Thresholds.MaxMemoryUsageMb = 2000;
        plugin.Thresholds.MaxCpuUsagePct = 150;
        options.Plugins["v6-price-action-5m"] = plugin;
        var resolver = new ThresholdResolver(options);

        var thresholds = resolver.For(Plugin("v6-price-action-5m"));

        thresholds.Should().BeEquivalentTo(
            new { MaxExecutionTimeMs = 9000, MaxErrorRatePct = 10, MaxMemoryUsageMb = 2000, MaxCpuUsagePct = 150 },
            o => o.ExcludingMissingMembers());
    }

    [Test]
    public void For_OverrideKeyInAnotherCase_StillApplies()
    {
        var options = new PluginHealthOptions();
        var plugin = new PluginMonitoringOptions();
        plugin.Thresholds.MaxCpuUsagePct = 95;
        options.Plugins["V6-Price-Action-5M"] = plugin;
        var resolver = new ThresholdResolver(options);

        var thresholds = resolver.For(Plugin("v6-price-action-5m"));

        thresholds.MaxCpuUsagePct.Should().Be(95);
    }

    [Test]
    public void For_OverrideOfAnotherPlugin_DoesNotApply()
    {
        var options = new PluginHealthOptions();
        var plugin = new PluginMonitoringOptions();
        plugin.Thresholds.MaxCpuUsagePct = 95;
        options.Plugins["v3-combined"] = plugin;
        var resolver = new ThresholdResolver(options);

        var thresholds = resolver.For(Plugin("v6-price-action-1m"));

        thresholds.MaxCpuUsagePct.Should().Be(PluginHealthDefaults.MaxCpuUsagePct);
    }

    [Test]
    public void For_SamePluginAgain_ReturnsTheSameMergedInstance()
    {
        var options = new PluginHealthOptions();
        var plugin = new PluginMonitoringOptions();
        plugin.Thresholds.MaxCpuUsagePct = 95;
        options.Plugins["v3-combined"] = plugin;
        var resolver = new ThresholdResolver(options);

        var first = resolver.For(Plugin("v3-combined"));
        var second = resolver.For(Plugin("v3-combined"));

        second.Should().BeSameAs(first, "thresholds are merged once per plugin, not every cycle");
    }

    [Test]
    public void For_HostRowWithAMemoryLimit_JudgesMemoryAgainstNinetyPercentOfIt()
    {
        var options = new PluginHealthOptions();
        var resolver = new ThresholdResolver(options);

        var thresholds = resolver.For(Host(memoryLimitMb: 2000));

        thresholds.MaxMemoryUsageMb.Should().Be(1800);
        thresholds.MaxCpuUsagePct.Should().Be(PluginHealthDefaults.MaxCpuUsagePct * Environment.ProcessorCount, "the host's CPU is the sum over its cores");
        thresholds.MaxExecutionTimeMs.Should().Be(options.Thresholds.MaxExecutionTimeMs);
        thresholds.MaxErrorRatePct.Should().Be(options.Thresholds.MaxErrorRatePct);
    }

    [Test]
    public void For_HostRowWithoutAMemoryLimit_UsesTheGlobalMemoryThreshold()
    {
        var options = new PluginHealthOptions();
        options.Thresholds.MaxMemoryUsageMb = 750;
        var resolver = new ThresholdResolver(options);

        var thresholds = resolver.For(Host(memoryLimitMb: null));

        thresholds.MaxMemoryUsageMb.Should().Be(750);
    }

    [Test]
    public void For_HostRowWithOverrides_TheOverridesWin()
    {
        var options = new PluginHealthOptions();
        options.Host.Thresholds.MaxMemoryUsageMb = 1200;
        options.Host.Thresholds.MaxCpuUsagePct = 300;
        var resolver = new ThresholdResolver(options);

        var thresholds = resolver.For(Host(memoryLimitMb: 4000));

        thresholds.MaxMemoryUsageMb.Should().Be(1200);
        thresholds.MaxCpuUsagePct.Should().Be(300);
    }

    [Test]
    public void For_HostRowMemoryLimitChanges_FollowsTheNewLimit()
    {
        var resolver = new ThresholdResolver(new PluginHealthOptions());

        var before = resolver.For(Host(memoryLimitMb: 1000)).MaxMemoryUsageMb;
        var same = resolver.For(Host(memoryLimitMb: 1000));
        var after = resolver.For(Host(memoryLimitMb: 3000)).MaxMemoryUsageMb;

        before.Should().Be(900);
        same.MaxMemoryUsageMb.Should().Be(900);
        after.Should().Be(2700, "a container limit raised at run time moves the host's threshold");
    }

    [Test]
    public void For_HostRowIdInAnotherCase_IsTreatedAsTheHostRow()
    {
        var resolver = new ThresholdResolver(new PluginHealthOptions());

        var thresholds = resolver.For(Host(memoryLimitMb: 1000) with { PluginId = "HOST" });

        thresholds.MaxMemoryUsageMb.Should().Be(900);
    }

    [Test]
    public void For_PluginsWithoutOverrides_ShareOneInstanceUntilTheHostLimitChanges()
    {
        var options = new PluginHealthOptions();
        options.Plugins["tuned"] = new PluginMonitoringOptions { Thresholds = { MaxMemoryUsageMb = 64 } };
        var resolver = new ThresholdResolver(options);
        resolver.StartCycle([Plugin("a"), Host(memoryLimitMb: 2000)]);

        var a = resolver.For(Plugin("a"));
        var b = resolver.For(Plugin("b"));
        var tuned = resolver.For(Plugin("tuned"));
        resolver.StartCycle([Plugin("a"), Host(memoryLimitMb: 4000)]);
        var raised = resolver.For(Plugin("a"));

        b.Should().BeSameAs(a);
        tuned.Should().NotBeSameAs(a);
        tuned.MaxMemoryUsageMb.Should().Be(64);
        a.CriticalMemoryUsageMb.Should().Be(2000 * PluginHealthDefaults.CriticalShareOfMemoryLimit);
        raised.CriticalMemoryUsageMb.Should().Be(4000 * PluginHealthDefaults.CriticalShareOfMemoryLimit, "the shared thresholds follow the host's limit");
    }
}
