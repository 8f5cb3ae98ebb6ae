namespace ZepixHealth.Monitoring;

/// <summary>
/// The figures of a <see cref="PluginHealthSnapshot"/> that anomaly detection learns per plugin.
/// Each raises its own rule, <c>anomaly.&lt;metric&gt;</c>.
/// </summary>
public enum AnomalyMetric
{
    /// <summary>
    /// <see cref="PluginPerformanceMetrics.P95ExecutionTimeMs"/>; rule <c>anomaly.p95_latency</c>. A rise is bad.
    /// </summary>
    P95Latency = 0,

    /// <summary><see cref="PluginErrorMetrics.ErrorRatePct"/>; rule <c>anomaly.error_rate</c>. A rise is bad.</summary>
    ErrorRate = 1,

    /// <summary><see cref="PluginResourceMetrics.MemoryUsageMb"/>; rule <c>anomaly.memory</c>. A rise is bad.</summary>
    Memory = 2,

    /// <summary><see cref="PluginResourceMetrics.CpuUsagePct"/>; rule <c>anomaly.cpu</c>. A rise is bad.</summary>
    Cpu = 3,

    /// <summary>
    /// <see cref="PluginPerformanceMetrics.SignalsProcessed1h"/>; rule <c>anomaly.signals_per_hour</c>. A drop is bad:
    /// a plugin that silently stops producing signals is the failure no fixed threshold catches.
    /// </summary>
    SignalsPerHour = 4,

    /// <summary><see cref="PluginPerformanceMetrics.OrdersPlaced1h"/>; rule <c>anomaly.orders_per_hour</c>. A drop is bad.</summary>
    OrdersPerHour = 5,
}
