namespace ZepixHealth.Monitoring.Telegram.Tests.Support;

/// <summary>Alerts, notifications and snapshots with fixed ids and times.</summary>
internal static class TestAlerts
{
    public static readonly DateTimeOffset RaisedAt = new(2025, 6, 1, 11, 57, 0, TimeSpan.Zero);

    public static HealthAlert Alert(string pluginId = "v6-price-action-15m", AlertLevel level = AlertLevel.Critical, string message = "IsAliveAsync returned false.", int n = 1) => new()
    {
        Id = Guid.Parse($"11111111-1111-1111-1111-1111{n:x8}"),
        PluginId = pluginId,
        RuleId = "availability",
        Level = level,
        Message = message,
        RaisedAt = RaisedAt,
    };

    public static AlertNotification Notification(params HealthAlert[] alerts) =>
        new(Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001"), new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), alerts);

    public static PluginHealthSnapshot Snapshot(string pluginId, PluginHealthStatus status = PluginHealthStatus.Healthy) => new()
    {
        PluginId = pluginId,
        Timestamp = new DateTimeOffset(2025, 6, 1, 11, 59, 30, TimeSpan.Zero),
        Availability = new PluginAvailabilityMetrics { Status = status, IsRunning = true, IsResponsive = true, Uptime = TimeSpan.FromMinutes(125) },
        Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 37 },
        Resources = new PluginResourceMetrics { MemoryUsageMb = 120.5, CpuUsagePct = 3.2 },
        Errors = new PluginErrorMetrics { ErrorRatePct = 0.5 },
    };
}
