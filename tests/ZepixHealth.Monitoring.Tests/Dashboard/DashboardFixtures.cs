namespace ZepixHealth.Monitoring.Tests.Dashboard;

/// <summary>Fixed snapshots and alerts for the dashboard tests: every status, unknown figures, markup in texts.</summary>
internal static class DashboardFixtures
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static PluginHealthSnapshot Healthy => new()
    {
        PluginId = "v3-combined",
        Timestamp = Now.AddSeconds(-30),
        Availability = new PluginAvailabilityMetrics { Status = PluginHealthStatus.Healthy, IsRunning = true, IsResponsive = true, LastHeartbeat = Now.AddSeconds(-31), Uptime = TimeSpan.FromMinutes(125) },
        Performance = new PluginPerformanceMetrics { AvgExecutionTimeMs = 12, P50ExecutionTimeMs = 10, P95ExecutionTimeMs = 37.25, P99ExecutionTimeMs = 80, SignalsProcessed1h = 16, OrdersPlaced1h = 3, SignalAccuracyPct = 45.5, WinRatePct = 50 },
        Resources = new PluginResourceMetrics { MemoryUsageMb = 120.5, MemoryLimitMb = 800, CpuUsagePct = 3.2, DbConnectionsActive = 2, DbConnectionsMax = 10, DbQueryTimeAvgMs = 3.1, OpenFileHandles = 12 },
        Errors = new PluginErrorMetrics { TotalErrors = 1, CriticalErrors = 0, Warnings = 4, ErrorRatePct = 0.5, LastErrorMessage = "Timeout <after> 5 s & more", LastErrorType = "System.TimeoutException", LastErrorTimestamp = Now.AddMinutes(-3) },
        SelfTest = SelfTestResult.Pass("exchange reachable"),
        SelfTestCompletedAt = Now.AddMinutes(-2),
    };

    public static PluginHealthSnapshot Dead => new()
    {
        PluginId = "v6-<b>15m</b>",
        Timestamp = Now.AddSeconds(-30),
        Availability = new PluginAvailabilityMetrics { Status = PluginHealthStatus.Dead, IsRunning = false, IsResponsive = true, Reason = "IsAliveAsync returned false. Last error: socket </code> reset" },
    };

    public static PluginHealthSnapshot Host => new()
    {
        PluginId = "host",
        Timestamp = Now.AddSeconds(-30),
        Availability = new PluginAvailabilityMetrics { Status = PluginHealthStatus.Healthy, IsRunning = true, IsResponsive = true, Uptime = TimeSpan.FromDays(3.5) },
        Resources = new PluginResourceMetrics { MemoryUsageMb = 512, CpuUsagePct = 12.5 },
    };

    public static HealthAlert Alert(int n, string pluginId, AlertLevel level, string message, TimeSpan ago, AlertState state = AlertState.Firing) => new()
    {
        Id = Guid.Parse($"00000000-0000-0000-0000-0000{n:x8}"),
        PluginId = pluginId,
        RuleId = "availability",
        Level = level,
        Message = message,
        RaisedAt = Now - ago,
        State = state,
        ResolvedAt = state == AlertState.Resolved ? Now : null,
    };

    /// <summary>P95 history of v3-combined: rising over six hours, one snapshot per half hour.</summary>
    public static IEnumerable<PluginHealthSnapshot> History() =>
        Enumerable.Range(0, 12).Select(i => Healthy with
        {
            Timestamp = Now.AddHours(-6).AddMinutes(30 * i + 1),
            Performance = Healthy.Performance with { P95ExecutionTimeMs = 10 * (i + 1) },
        });
}
