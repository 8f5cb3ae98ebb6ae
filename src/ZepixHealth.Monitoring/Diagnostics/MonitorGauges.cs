using System.Diagnostics.Metrics;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The latest snapshots of one <see cref="PluginHealthMonitor"/>, read by the per-plugin observable
/// gauges of the meter <c>ZepixHealth.Monitoring</c> whenever a listener collects.
/// </summary>
/// <remarks>
/// A cycle only swaps one reference (<see cref="Publish"/>): the gauges allocate their measurements
/// when collected, never per cycle. Every live monitor is listed weakly, so that a monitor of a
/// disposed host stops being reported once it is collected, and tests with several monitors each
/// see their own plugin ids.
/// </remarks>
internal sealed class MonitorGauges
{
    private const double BytesPerMegabyte = 1024.0 * 1024.0;

    private static readonly Lock RegistryLock = new();
    private static readonly List<WeakReference<MonitorGauges>> Registry = [];

    private PluginHealthSnapshot[] _latest = [];

    private MonitorGauges()
    {
    }

    /// <summary>Gets the snapshots of the monitor's latest cycle (empty before the first).</summary>
    public IReadOnlyList<PluginHealthSnapshot> Latest => Volatile.Read(ref _latest);

    /// <summary>Creates a holder for one monitor and lists it for the gauges.</summary>
    public static MonitorGauges Register()
    {
        _ = MonitoringDiagnostics.HasGauges;
        var gauges = new MonitorGauges();
        lock (RegistryLock)
        {
            Registry.RemoveAll(static r => !r.TryGetTarget(out _));
            Registry.Add(new WeakReference<MonitorGauges>(gauges));
        }

        return gauges;
    }

    /// <summary>Makes <paramref name="snapshots"/> the ones the gauges report.</summary>
    public void Publish(PluginHealthSnapshot[] snapshots) => Volatile.Write(ref _latest, snapshots);

    /// <summary>Creates the observable gauges on <paramref name="meter"/>; called once, by <see cref="MonitoringDiagnostics"/>.</summary>
    internal static bool CreateInstruments(Meter meter)
    {
        meter.CreateObservableGauge(
            "zepix.health.plugin.status", () => Observe(static s => (int)s.Availability.Status), "{status}",
            "Health status of each plugin: 0 Healthy, 1 Stale, 2 Hung, 3 Dead");
        meter.CreateObservableGauge(
            "zepix.health.plugin.execution.p95", () => Observe(static s => s.Performance.P95ExecutionTimeMs / 1000.0), "s",
            "P95 execution time of each plugin over its window");
        meter.CreateObservableGauge(
            "zepix.health.plugin.execution.p99", () => Observe(static s => s.Performance.P99ExecutionTimeMs / 1000.0), "s",
            "P99 execution time of each plugin over its window");
        meter.CreateObservableGauge(
            "zepix.health.plugin.signals", () => Observe(static s => s.Performance.SignalsProcessed1h), "{signal}/h",
            "Signals each plugin processed in the last hour");
        meter.CreateObservableGauge(
            "zepix.health.plugin.orders", () => Observe(static s => s.Performance.OrdersPlaced1h), "{order}/h",
            "Orders each plugin placed in the last hour");
        meter.CreateObservableGauge(
            "zepix.health.plugin.error_rate", () => Observe(static s => s.Errors.ErrorRatePct), "%",
            "Errors per operation of each plugin over its window, in percent");
        meter.CreateObservableGauge(
            "zepix.health.plugin.memory.usage", () => Observe(static s => s.Resources.MemoryUsageMb * BytesPerMegabyte), "By",
            "Memory used by each plugin (or its process), where known");
        meter.CreateObservableGauge(
            "zepix.health.plugin.cpu.utilization", () => Observe(static s => s.Resources.CpuUsagePct), "%",
            "CPU used by each plugin, in percent of one core, where known");
        meter.CreateObservableGauge(
            "zepix.health.plugin.db.connections.active", () => Observe(static s => s.Resources.DbConnectionsActive), "{connection}",
            "Open database connections of each plugin, where known");
        meter.CreateObservableGauge(
            "zepix.health.plugin.db.connections.max", () => Observe(static s => s.Resources.DbConnectionsMax), "{connection}",
            "Database connection limit of each plugin, where known");
        return true;
    }

    /// <summary>One measurement per plugin of every live monitor whose figure is known; unknown figures are skipped, never reported as 0.</summary>
    private static List<Measurement<double>> Observe(Func<PluginHealthSnapshot, double?> figure)
    {
        var measurements = new List<Measurement<double>>();
        lock (RegistryLock)
        {
            foreach (var reference in Registry)
            {
                if (!reference.TryGetTarget(out var gauges))
                {
                    continue;
                }

                foreach (var snapshot in gauges.Latest)
                {
                    if (figure(snapshot) is { } value && double.IsFinite(value))
                    {
                        measurements.Add(new Measurement<double>(value, new KeyValuePair<string, object?>(MonitoringDiagnostics.PluginIdTag, snapshot.PluginId)));
                    }
                }
            }
        }

        return measurements;
    }
}
