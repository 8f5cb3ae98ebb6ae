using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Diagnostics;

/// <summary>The list of instruments, pinned: what docs/metrics.md promises is what a listener finds.</summary>
public class MetricsCatalogTests
{
    private static readonly (string Name, string Kind, string Unit)[] Expected =
    [
        ("zepix.health.alerts", "counter", "{alert}"),
        ("zepix.health.cycle.duration", "histogram", "s"),
        ("zepix.health.plugin.cpu.utilization", "gauge", "1"),
        ("zepix.health.plugin.db.connections.active", "gauge", "{connection}"),
        ("zepix.health.plugin.db.connections.max", "gauge", "{connection}"),
        ("zepix.health.plugin.error.ratio", "gauge", "1"),
        ("zepix.health.plugin.execution.duration", "histogram", "s"),
        ("zepix.health.plugin.execution.p95", "gauge", "s"),
        ("zepix.health.plugin.execution.p99", "gauge", "s"),
        ("zepix.health.plugin.memory.usage", "gauge", "By"),
        ("zepix.health.plugin.orders", "gauge", "{order}/h"),
        ("zepix.health.plugin.signals", "gauge", "{signal}/h"),
        ("zepix.health.plugin.status", "gauge", "{status}"),
        ("zepix.health.store.snapshots.dropped", "counter", "{snapshot}"),
        ("zepix.health.store.snapshots.written", "counter", "{snapshot}"),
        ("zepix.health.store.write.failures", "counter", "{failure}"),
    ];

    [Test]
    public void Instruments_OfAHost_AreExactlyThePinnedList()
    {
        using var provider = HostWith(new ScriptedPlugin("catalog"));
        var factory = provider.GetRequiredService<IMeterFactory>();
        _ = provider.GetRequiredService<PluginHealthMonitor>();
        _ = SqliteHealthStoreMetrics.SnapshotsWritten;

        var found = new List<(string, string, string)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == "ZepixHealth.Monitoring" && (instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, factory)))
                {
                    lock (found)
                    {
                        found.Add((instrument.Name, KindOf(instrument), instrument.Unit ?? string.Empty));
                    }
                }
            },
        };
        listener.Start();

        found.Distinct().Order().Should().Equal(Expected.Order());
    }

    [Test]
    public void MetricsPage_ListsEveryInstrumentWithItsKindAndUnit()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryFiles.Root(), "docs", "metrics.md"));

        foreach (var (name, kind, unit) in Expected)
        {
            page.Should().Contain($"| `{name}` | {kind} | `{unit}` |", $"docs/metrics.md documents {name}");
        }
    }

    [Test]
    public async Task Gauges_OfTwoHostsInOneProcess_EachReportOnlyTheirOwnPlugins()
    {
        using var first = HostWith(new ScriptedPlugin("host-a-plugin"));
        using var second = HostWith(new ScriptedPlugin("host-b-plugin"));
        await first.GetRequiredService<PluginHealthMonitor>().CollectOnceAsync();
        await second.GetRequiredService<PluginHealthMonitor>().CollectOnceAsync();
        var firstFactory = first.GetRequiredService<IMeterFactory>();

        var plugins = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "zepix.health.plugin.status" && ReferenceEquals(instrument.Meter.Scope, firstFactory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "plugin.id")
                {
                    plugins.Add((string)tag.Value!);
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();

        plugins.Should().Equal("host-a-plugin");
    }

    private static ServiceProvider HostWith(IHealthCheckablePlugin plugin)
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton(plugin);
        services.AddPluginHealthMonitoring(o => o.Host.Enabled = false);
        return services.BuildServiceProvider();
    }

    private static string KindOf(Instrument instrument) => instrument.GetType().Name switch
    {
        var n when n.StartsWith("ObservableGauge", StringComparison.Ordinal) => "gauge",
        var n when n.StartsWith("Histogram", StringComparison.Ordinal) => "histogram",
        var n when n.StartsWith("Counter", StringComparison.Ordinal) => "counter",
        var n => n,
    };
}
