using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The library's one <see cref="System.Diagnostics.Metrics.Meter"/> and one <see cref="System.Diagnostics.ActivitySource"/>,
/// both named <c>ZepixHealth.Monitoring</c>, and the instruments every part of the library records to.
/// </summary>
/// <remarks>
/// Static on purpose: a meter is found by name by listeners (OpenTelemetry, <c>dotnet-counters</c>), and
/// every instrument costs one field read and one check when nothing listens. The per-plugin gauges read
/// the latest snapshots of every live monitor (see <see cref="MonitorGauges"/>).
/// </remarks>
internal static class MonitoringDiagnostics
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "ZepixHealth.Monitoring";

    /// <summary>The tag every per-plugin measurement and activity carries.</summary>
    public const string PluginIdTag = "plugin.id";

    /// <summary>The library's meter.</summary>
    public static readonly Meter Meter = new(Name, typeof(MonitoringDiagnostics).Assembly.GetName().Version?.ToString(3));

    /// <summary>The library's activity source: one activity per cycle, one child per plugin collected.</summary>
    public static readonly ActivitySource ActivitySource = new(Name, typeof(MonitoringDiagnostics).Assembly.GetName().Version?.ToString(3));

    /// <summary>How long each cycle took, from its start to its last observer.</summary>
    public static readonly Histogram<double> CycleDuration = Meter.CreateHistogram<double>(
        "zepix.health.cycle.duration", "s", "Duration of one health cycle (collect, store, evaluate, notify)");

    /// <summary>Every execution a plugin telemetry recorder recorded (the full distribution, for an OpenTelemetry SDK).</summary>
    public static readonly Histogram<double> ExecutionDuration = Meter.CreateHistogram<double>(
        "zepix.health.plugin.execution.duration", "s", "Duration of each plugin execution recorded by PluginTelemetry");

    /// <summary>Alert changes (fired, escalated, reminder, resolved), by plugin, rule and level.</summary>
    public static readonly Counter<long> Alerts = Meter.CreateCounter<long>(
        "zepix.health.alerts", "{alert}", "Alert changes by plugin, rule, level and transition (fired, escalated, reminder, resolved)");

    // A field rather than a static constructor, so that the class stays beforefieldinit and the hot
    // path's reads of the instruments above need no initialisation check.
    private static readonly bool GaugesCreated = MonitorGauges.CreateInstruments(Meter);

    /// <summary>Gets whether the gauges exist (touching it makes sure they do).</summary>
    public static bool HasGauges => GaugesCreated;
}
