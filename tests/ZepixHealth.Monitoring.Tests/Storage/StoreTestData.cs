namespace ZepixHealth.Monitoring.Tests.Storage;

/// <summary>Snapshots and alerts for store tests.</summary>
internal static class StoreTestData
{
    public static readonly DateTimeOffset Start = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(5_897_931);

    public static PluginHealthSnapshot Full(string pluginId, DateTimeOffset timestamp) => new()
    {
        PluginId = pluginId,
        Timestamp = timestamp,
        Availability = new PluginAvailabilityMetrics
        {
            Status = PluginHealthStatus.Stale,
            IsRunning = true,
            IsResponsive = false,
            LastHeartbeat = timestamp.AddTicks(-3_000_001),
            Uptime = TimeSpan.FromTicks(36_000_000_123),
            Reason = "no activity for 301 s; 'quoted' \"text\", ünïcödé",
        },
        Performance = new PluginPerformanceMetrics
        {
            AvgExecutionTimeMs = 12.345678901234567,
            P50ExecutionTimeMs = 10.1,
            P95ExecutionTimeMs = 48.25,
            P99ExecutionTimeMs = 99.999,
            SignalsProcessed1h = 1234,
            OrdersPlaced1h = long.MaxValue,
            SignalAccuracyPct = 61.5,
            WinRatePct = 0.1 + 0.2,
        },
        Resources = new PluginResourceMetrics
        {
            MemoryUsageMb = 256.75,
            MemoryLimitMb = 512,
            CpuUsagePct = 3.14159,
            DbConnectionsActive = 4,
            DbConnectionsMax = int.MaxValue,
            DbQueryTimeAvgMs = 0.5,
            OpenFileHandles = 87,
            ManagedHeapMb = 96.25,
            Threads = 23,
            AllocatedBytes = 1_234_567_890,
        },
        Errors = new PluginErrorMetrics
        {
            TotalErrors = 7,
            CriticalErrors = 1,
            Warnings = 0,
            ErrorRatePct = 2.5,
            LastErrorMessage = "Order rejected\nline 2, 100% sure; DROP TABLE plugin_health_snapshots; --",
            LastErrorType = "System.TimeoutException",
            LastErrorTimestamp = timestamp.AddTicks(-1),
        },
        SelfTest = SelfTestResult.Fail("broker unreachable"),
        SelfTestCompletedAt = timestamp.AddMinutes(-2).AddTicks(7),
        Faults = ["P95 was NaN", "message cut at 1024 characters, \"and\" more"],
    };

    public static PluginHealthSnapshot Minimal(string pluginId, DateTimeOffset timestamp) => new()
    {
        PluginId = pluginId,
        Timestamp = timestamp,
        Availability = new PluginAvailabilityMetrics { Status = PluginHealthStatus.Healthy, IsRunning = true, IsResponsive = true },
    };

    public static PluginHealthSnapshot[] Cycle(int plugins, DateTimeOffset timestamp) =>
        Enumerable.Range(0, plugins).Select(i => Minimal($"plugin-{i:D3}", timestamp)).ToArray();

    public static HealthAlert Alert(string pluginId, string ruleId, DateTimeOffset raisedAt) => new()
    {
        Id = Guid.NewGuid(),
        PluginId = pluginId,
        RuleId = ruleId,
        Level = AlertLevel.High,
        Message = $"{ruleId} on {pluginId}",
        Value = 7.5,
        Threshold = 5,
        RaisedAt = raisedAt,
    };
}
