using System.Diagnostics.Metrics;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The latest snapshots of one <see cref="PluginHealthMonitor"/> and the per-plugin observable gauges
/// that report them, on the meter of the monitor's own host, whenever a listener collects.
/// </summary>
/// <remarks>
/// A cycle only swaps one reference (<see cref="Publish"/>): the gauges allocate their measurements
/// when collected, never per cycle. Each monitor has gauges of its own on a meter of its host's
/// <see cref="IMeterFactory"/>, so two hosts in one process never report each other's plugins.
/// </remarks>
internal sealed class MonitorGauges
{
    private const double BytesPerMegabyte = 1024.0 * 1024.0;
    private const double PercentPerRatio = 100.0;

    private PluginHealthSnapshot[] _latest = [];

    /// <summary>Creates the gauges on <paramref name="meter"/>.</summary>
    public MonitorGauges(Meter meter) => CreateInstruments(meter);

    /// <summary>Gets the snapshots of the monitor's latest cycle (empty before the first).</summary>
    public IReadOnlyList<PluginHealthSnapshot> Latest => Volatile.Read(ref _latest);

    /// <summary>Makes <paramref name="snapshots"/> the ones the gauges report.</summary>
    public void Publish(PluginHealthSnapshot[] snapshots) => Volatile.Write(ref _latest, snapshots);

    private void CreateInstruments(Meter meter)
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
            "zepix.health.plugin.error.ratio", () => Observe(static s => s.Errors.ErrorRatePct / PercentPerRatio), "1",
            "Errors per operation of each plugin over its window, as a ratio (0.05 is 5 %)");
        meter.CreateObservableGauge(
            "zepix.health.plugin.memory.usage", () => Observe(static s => s.Resources.MemoryUsageMb * BytesPerMegabyte), "By",
            "Memory used by each plugin (or its process), where known");
        meter.CreateObservableGauge(
            "zepix.health.plugin.cpu.utilization", () => Observe(static s => s.Resources.CpuUsagePct / PercentPerRatio), "1",
            "CPU used by each plugin, as a ratio of one core (1.0 is one core busy), where known");
        meter.CreateObservableGauge(
            "zepix.health.plugin.db.connections.active", () => Observe(static s => s.Resources.DbConnectionsActive), "{connection}",
            "Open database connections of each plugin, where known");
        meter.CreateObservableGauge(
            "zepix.health.plugin.db.connections.max", () => Observe(static s => s.Resources.DbConnectionsMax), "{connection}",
            "Database connection limit of each plugin, where known");
    }

    /// <summary>One measurement per plugin whose figure is known; unknown figures are skipped, never reported as 0.</summary>
    private List<Measurement<double>> Observe(Func<PluginHealthSnapshot, double?> figure)
    {
        var measurements = new List<Measurement<double>>();
        foreach (var snapshot in Latest)
        {
            if (figure(snapshot) is { } value && double.IsFinite(value))
            {
                measurements.Add(new Measurement<double>(value, new KeyValuePair<string, object?>(MonitoringDiagnostics.PluginIdTag, snapshot.PluginId)));
            }
        }

        return measurements;
    }
}
