using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Support;

/// <summary>Builds snapshots for rule and alert tests.</summary>
internal static class Snapshots
{
    public static PluginHealthSnapshot Healthy(string pluginId, DateTimeOffset at) => new()
    {
        PluginId = pluginId,
        Timestamp = at,
        Availability = new PluginAvailabilityMetrics { Status = PluginHealthStatus.Healthy, IsRunning = true, IsResponsive = true },
        Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 20 },
        Errors = new PluginErrorMetrics { ErrorRatePct = 0, CriticalErrors = 0 },
        Resources = new PluginResourceMetrics { MemoryUsageMb = 100, CpuUsagePct = 10 },
        SelfTest = SelfTestResult.Pass(),
    };

    public static PluginHealthSnapshot WithStatus(this PluginHealthSnapshot snapshot, PluginHealthStatus status, string reason = "test") =>
        snapshot with { Availability = snapshot.Availability with { Status = status, Reason = reason } };
}
