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
    public void For_PluginWithoutOverrides_GetsTheGlobalThresholds()
    {
        var options = new PluginHealthOptions();
        options.Thresholds.MaxMemoryUsageMb = 640;
        var resolver = new ThresholdResolver(options);

        var thresholds = resolver.For(Plugin("v3-combined"));

        thresholds.Should().BeSameAs(options.Thresholds);
    }

    [Test]
    public void For_PluginWithAnEntryButNoThresholdOverrides_GetsTheGlobalValues()
    {
        var options = new PluginHealthOptions();
        options.Plugins["v3-combined"] = new PluginMonitoringOptions();
        var resolver = new ThresholdResolver(options);

        var thresholds = resolver.For(Plugin("v3-combined"));

        thresholds.Should().BeEquivalentTo(options.Thresholds);
    }

    [Test]
    public void For_PluginWithANullEntry_GetsTheGlobalThresholds()
    {
        var options = new PluginHealthOptions();
        options.Plugins["v3-combined"] = null!;
        var resolver = new ThresholdResolver(options);

        var thresholds = resolver.For(Plugin("v3-combined"));

        thresholds.Should().BeSameAs(options.Thresholds);
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

        thresholds.Should().BeEquivalentTo(new PluginHealthThresholds { MaxExecutionTimeMs = 9000, MaxErrorRatePct = 10, MaxMemoryUsageMb = 2000, MaxCpuUsagePct = 150 });
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
}
