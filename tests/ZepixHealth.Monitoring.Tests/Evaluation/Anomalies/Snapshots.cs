namespace ZepixHealth.Monitoring.Tests.Evaluation.Anomalies;

internal static class Snapshots
{
    public static PluginHealthSnapshot WithValues(
        string pluginId, double? p95 = null, double? errorRate = null, double? memory = null, double? cpu = null, long? signals = null, long? orders = null) => new()
    {
        PluginId = pluginId,
        Timestamp = DateTimeOffset.UnixEpoch,
        Availability = new PluginAvailabilityMetrics { IsRunning = true, IsResponsive = true, Status = PluginHealthStatus.Healthy },
        Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = p95, SignalsProcessed1h = signals, OrdersPlaced1h = orders },
        Errors = new PluginErrorMetrics { ErrorRatePct = errorRate },
        Resources = new PluginResourceMetrics { MemoryUsageMb = memory, CpuUsagePct = cpu },
    };
}
