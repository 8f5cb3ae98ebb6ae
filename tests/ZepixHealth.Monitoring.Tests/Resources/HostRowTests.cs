using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Resources;

[TestFixture]
public sealed class HostRowTests
{
    private const string Host = HostMonitoringOptions.PluginId;

    [Test]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new HostMonitoringOptions();

        options.Enabled.Should().BeTrue();
        options.MemoryLimitMb.Should().BeNull();
        options.Thresholds.Should().BeEquivalentTo(new PluginThresholdOverrides());
        Host.Should().Be("host");
    }

    [Test]
    public async Task CollectOnceAsync_HostEnabled_HostRowComesLastWithTheProcessFigures()
    {
        var options = new PluginHealthOptions();
        options.Host.MemoryLimitMb = 2048;
        var harness = new MonitorHarness(options, [], includeHostRow: true, new ScriptedPlugin("a"), new ScriptedPlugin("b"));

        var snapshots = await harness.CollectAsync();

        snapshots.Select(s => s.PluginId).Should().Equal("a", "b", Host);
        var host = snapshots[^1];
        host.Timestamp.Should().Be(harness.Time.GetUtcNow());
        host.Availability.Should().BeEquivalentTo(new PluginAvailabilityMetrics
        {
            Status = PluginHealthStatus.Healthy,
            IsRunning = true,
            IsResponsive = true,
            LastHeartbeat = harness.Time.GetUtcNow(),
        });
        host.Resources.MemoryUsageMb.Should().BePositive();
        host.Resources.ManagedHeapMb.Should().BePositive();
        host.Resources.MemoryLimitMb.Should().Be(2048);
        host.Resources.Threads.Should().BePositive();
        host.Resources.OpenFileHandles.Should().BePositive();
        host.Faults.Should().BeEmpty();
    }

    [Test]
    public async Task CollectOnceAsync_CyclesCloserThanASecond_RepeatTheLastSampleThenSampleAgain()
    {
        var harness = new MonitorHarness(new PluginHealthOptions(), [], includeHostRow: true);

        var first = (await harness.CollectAsync()).Single();
        harness.Time.Advance(HostRowCollector.MinimumSampleInterval - TimeSpan.FromMilliseconds(1));
        var repeated = (await harness.CollectAsync()).Single();
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        var sampled = (await harness.CollectAsync()).Single();

        repeated.Resources.Should().BeSameAs(first.Resources, "a CPU rate over less than a second is noise: the sample is repeated");
        repeated.Timestamp.Should().Be(first.Timestamp + HostRowCollector.MinimumSampleInterval - TimeSpan.FromMilliseconds(1));
        repeated.Availability.LastHeartbeat.Should().Be(repeated.Timestamp);
        sampled.Resources.Should().NotBeSameAs(first.Resources, "a second after the last sample the process is measured again");
        sampled.Resources.CpuUsagePct.Should().NotBeNull();
        sampled.Timestamp.Should().Be(harness.Time.GetUtcNow());
    }

    [Test]
    public async Task CollectOnceAsync_HostDisabled_NoHostRow()
    {
        var harness = new MonitorHarness(new PluginHealthOptions(), [], includeHostRow: false, new ScriptedPlugin("a"));

        (await harness.CollectAsync()).Select(s => s.PluginId).Should().Equal("a");
    }

    [Test]
    public async Task CollectOnceAsync_NoPlugins_StillHasTheHostRow()
    {
        var harness = new MonitorHarness(new PluginHealthOptions(), [], includeHostRow: true);

        (await harness.CollectAsync()).Should().ContainSingle().Which.PluginId.Should().Be(Host);
    }

    [Test]
    public async Task CollectOnceAsync_CustomRegistryHasAPluginNamedHost_ItIsSkippedAndLogged()
    {
        var impostor = new ScriptedPlugin("HOST");
        var logs = new CollectingLoggerProvider();
        var monitor = new PluginHealthMonitor(
            new ListRegistry([impostor, new ScriptedPlugin("a")]),
            Microsoft.Extensions.Options.Options.Create(new PluginHealthOptions()),
            new FakeTimeProvider(),
            [],
            logs);

        var snapshots = await monitor.CollectOnceAsync();

        snapshots.Select(s => s.PluginId).Should().Equal("a", Host);
        impostor.AliveCalls.Should().Be(0);
        logs.Entries.Should().ContainSingle(e => e.EventId.Id == 1004).Which.Message.Should().Contain("reserved");
    }

    [Test]
    public async Task CollectOnceAsync_PluginProcessRunsThenExits_MeasuredThenDeadWithTheExitNoted()
    {
        using var child = await HelperChild.StartAsync();
        var plugin = new ScriptedPlugin("out-of-process")
        {
            // The plugin's own figures: its database is kept, its memory guess is replaced by the measurement.
            Metrics = _ => ValueTask.FromResult(new PluginMetrics
            {
                ProcessId = child.ProcessId,
                MemoryUsageMb = 1,
                Database = new PluginDatabaseMetrics { ActiveConnections = 2 },
            }),
        };
        var harness = new MonitorHarness(null, plugin);

        var running = harness.Single(await harness.CollectAsync(), plugin.Id);
        await child.ExitAsync(3);
        var exited = harness.Single(await harness.CollectAsync(), plugin.Id);

        running.Availability.Status.Should().Be(PluginHealthStatus.Healthy);
        running.Resources.MemoryUsageMb.Should().BeGreaterThan(5, "a .NET process is bigger than the 1 MB the plugin claimed");
        running.Resources.Threads.Should().BePositive();
        running.Resources.OpenFileHandles.Should().BePositive();
        running.Resources.DbConnectionsActive.Should().Be(2);
        exited.Availability.Status.Should().Be(PluginHealthStatus.Dead);
        exited.Availability.IsRunning.Should().BeFalse();
        exited.Availability.Reason.Should().Be($"Process {child.ProcessId} is not running: it has exited.");
        harness.Logs.Entries.Should().Contain(e => e.EventId.Id == 6003);
    }

    [Test]
    public async Task CollectOnceAsync_PluginReportsAProcessThatNeverExisted_DeadWithTheReason()
    {
        var plugin = new ScriptedPlugin("ghost") { Metrics = _ => ValueTask.FromResult(new PluginMetrics { ProcessId = 0x3FFF_FFF0 }) };
        var harness = new MonitorHarness(null, plugin);

        var snapshot = (await harness.CollectAsync()).Single();

        snapshot.Availability.Status.Should().Be(PluginHealthStatus.Dead);
        snapshot.Availability.Reason.Should().Contain("never existed");
    }

    [Test]
    public async Task CollectOnceAsync_PluginReturnsFalseAndItsProcessIsGone_BothAreInTheReason()
    {
        var plugin = new ScriptedPlugin("ghost")
        {
            Alive = _ => ValueTask.FromResult(false),
            Metrics = _ => ValueTask.FromResult(new PluginMetrics { ProcessId = 0x3FFF_FFF0 }),
        };
        var harness = new MonitorHarness(null, plugin);

        var snapshot = (await harness.CollectAsync()).Single();

        snapshot.Availability.Reason.Should().StartWith("IsAliveAsync returned false.").And.Contain("is not running");
    }

    [Test]
    public async Task CollectOnceAsync_NegativeProcessId_UnknownAndNoted()
    {
        var plugin = new ScriptedPlugin("p") { Metrics = _ => ValueTask.FromResult(new PluginMetrics { ProcessId = -4 }) };
        var harness = new MonitorHarness(null, plugin);

        var snapshot = (await harness.CollectAsync()).Single();

        snapshot.Availability.Status.Should().Be(PluginHealthStatus.Healthy);
        snapshot.Faults.Should().ContainSingle().Which.Should().Be("ProcessId was -4; treated as unknown.");
    }

    [Test]
    public async Task CollectOnceAsync_InProcessCpuAndAllocations_FedIntoResources()
    {
        var plugin = new ScriptedPlugin("p") { Metrics = _ => ValueTask.FromResult(new PluginMetrics { CpuUsagePct = 150, AllocatedBytes = 4096 }) };
        var garbage = new ScriptedPlugin("g") { Metrics = _ => ValueTask.FromResult(new PluginMetrics { CpuUsagePct = double.NaN, AllocatedBytes = -1 }) };
        var harness = new MonitorHarness(null, plugin, garbage);

        var snapshots = await harness.CollectAsync();

        var clean = harness.Single(snapshots, "p").Resources;
        clean.CpuUsagePct.Should().Be(150, "percent of one core: above 100 on several cores is real");
        clean.AllocatedBytes.Should().Be(4096);
        var bad = harness.Single(snapshots, "g");
        bad.Resources.CpuUsagePct.Should().BeNull();
        bad.Resources.AllocatedBytes.Should().BeNull();
        bad.Faults.Should().BeEquivalentTo("CpuUsagePct was NaN; treated as unknown.", "AllocatedBytes was -1; treated as unknown.");
    }

    [Test]
    public async Task EvaluateAsync_RealHostRow_JudgedAgainstTheHostThresholdsNotThePlugins()
    {
        var options = new PluginHealthOptions();
        options.Thresholds.MaxMemoryUsageMb = 100_000;
        options.Host.Thresholds.MaxMemoryUsageMb = 1;
        options.Rules[HealthRuleIds.Memory] = new AlertRuleOptions { ForCycles = 1 };
        var host = (await new MonitorHarness(options, [], includeHostRow: true).CollectAsync()).Single();
        var plugin = Snapshots.Healthy("v3-combined", host.Timestamp) with { Resources = new PluginResourceMetrics { MemoryUsageMb = host.Resources.MemoryUsageMb } };
        var alerting = new AlertingHarness(options);

        await alerting.CycleAsync(plugin, host);

        var alert = alerting.Sink.ReceivedAlerts.Should().ContainSingle().Which;
        alert.PluginId.Should().Be(Host);
        alert.RuleId.Should().Be(HealthRuleIds.Memory);
        alert.Threshold.Should().Be(1);
    }

    private sealed class ListRegistry(IReadOnlyList<IHealthCheckablePlugin> plugins) : IPluginRegistry
    {
        public IReadOnlyList<IHealthCheckablePlugin> GetAllPlugins() => plugins;

        public void Register(IHealthCheckablePlugin plugin) => throw new NotSupportedException();

        public bool Unregister(string pluginId) => throw new NotSupportedException();
    }
}
