using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Storage;

/// <summary>Typical snapshots: a healthy plugin reporting every figure, no error text.</summary>
internal static class BenchmarkSnapshots
{
    public static readonly DateTimeOffset Start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static PluginHealthSnapshot Typical(int plugin, DateTimeOffset timestamp) => new()
    {
        PluginId = "v6-price-action-" + plugin.ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
        Timestamp = timestamp,
        Availability = new PluginAvailabilityMetrics
        {
            Status = PluginHealthStatus.Healthy,
            IsRunning = true,
            IsResponsive = true,
            LastHeartbeat = timestamp.AddSeconds(-2),
            Uptime = TimeSpan.FromHours(50),
        },
        Performance = new PluginPerformanceMetrics
        {
            AvgExecutionTimeMs = 12.5 + plugin,
            P50ExecutionTimeMs = 10.25,
            P95ExecutionTimeMs = 48.75,
            P99ExecutionTimeMs = 97.125,
            SignalsProcessed1h = 120 + plugin,
            OrdersPlaced1h = 14,
            SignalAccuracyPct = 61.5,
            WinRatePct = 55.25,
        },
        Resources = new PluginResourceMetrics
        {
            MemoryUsageMb = 256.5,
            MemoryLimitMb = 512,
            CpuUsagePct = 3.75,
            DbConnectionsActive = 4,
            DbConnectionsMax = 20,
            DbQueryTimeAvgMs = 1.5,
            OpenFileHandles = 87,
        },
        Errors = new PluginErrorMetrics { TotalErrors = 0, CriticalErrors = 0, Warnings = 2, ErrorRatePct = 0 },
        SelfTest = SelfTestResult.Pass(),
        SelfTestCompletedAt = timestamp.AddMinutes(-1),
    };

    public static PluginHealthSnapshot[][] Cycles(int cycles, int plugins) =>
        Enumerable.Range(0, cycles)
            .Select(c => Enumerable.Range(0, plugins).Select(p => Typical(p, Start.AddSeconds(30 * c))).ToArray())
            .ToArray();
}
