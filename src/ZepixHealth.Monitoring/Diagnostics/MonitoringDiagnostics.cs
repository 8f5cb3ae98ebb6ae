using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The library's one <see cref="System.Diagnostics.Metrics.Meter"/> and one <see cref="System.Diagnostics.ActivitySource"/>,
/// both named <c>ZepixHealth.Monitoring</c>, and the instruments every part of the library records to.
/// </summary>
/// <remarks>
/// Static on purpose for what is process-wide: the plugin execution histogram is recorded by plugin
/// authors' recorders, which belong to no host, and every instrument costs one field read and one check
/// when nothing listens. The per-plugin gauges are per host instead (see <see cref="MonitorGauges"/>).
/// </remarks>
internal static class MonitoringDiagnostics
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "ZepixHealth.Monitoring";

    /// <summary>The tag every per-plugin measurement and activity carries.</summary>
    public const string PluginIdTag = "plugin.id";

    // Bucket boundaries in seconds, the histograms' unit: an SDK's default boundaries are meant for
    // milliseconds (0, 5, 10 … 10,000) and would put every sample into the first bucket.
    private static readonly double[] ExecutionBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private static readonly double[] CycleBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    /// <summary>The library's meter.</summary>
    public static readonly Meter Meter = new(Name, typeof(MonitoringDiagnostics).Assembly.GetName().Version?.ToString(3));

    /// <summary>The library's activity source: one activity per cycle, one child per plugin collected.</summary>
    public static readonly ActivitySource ActivitySource = new(Name, typeof(MonitoringDiagnostics).Assembly.GetName().Version?.ToString(3));

    /// <summary>How long each cycle took, from its start to its last observer.</summary>
    public static readonly Histogram<double> CycleDuration = Meter.CreateHistogram(
        "zepix.health.cycle.duration", "s", "Duration of one health cycle (collect, store, evaluate, notify)",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CycleBuckets });

    /// <summary>Every execution a plugin telemetry recorder recorded (the full distribution, for an OpenTelemetry SDK).</summary>
    public static readonly Histogram<double> ExecutionDuration = Meter.CreateHistogram(
        "zepix.health.plugin.execution.duration", "s", "Duration of each plugin execution recorded by PluginTelemetry",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ExecutionBuckets });

    /// <summary>Alert changes (fired, escalated, reminder, resolved), by plugin, rule and level.</summary>
    public static readonly Counter<long> Alerts = Meter.CreateCounter<long>(
        "zepix.health.alerts", "{alert}", "Alert changes by plugin, rule, level and transition (fired, escalated, reminder, resolved)");

    /// <summary>Gets the version the meters and the activity source carry: the library's.</summary>
    public static string? Version => typeof(MonitoringDiagnostics).Assembly.GetName().Version?.ToString(3);

    /// <summary>
    /// Creates the meter of one monitor's per-plugin gauges: from the host's <see cref="IMeterFactory"/>
    /// when it has one (owned and disposed by the host), else a meter of the monitor's own.
    /// </summary>
    public static Meter CreateMonitorMeter(IMeterFactory? meterFactory) =>
        meterFactory?.Create(new MeterOptions(Name) { Version = Version }) ?? new Meter(Name, Version);
}
