namespace ZepixHealth.Monitoring;

/// <summary>
/// Latency, throughput and quality figures of a plugin over the last hour. Unknown figures are
/// <see langword="null"/>.
/// </summary>
public sealed record PluginPerformanceMetrics
{
    /// <summary>Gets an instance in which every figure is unknown.</summary>
    public static PluginPerformanceMetrics Unknown { get; } = new();

    /// <summary>Gets the mean execution time, in milliseconds.</summary>
    public double? AvgExecutionTimeMs { get; init; }

    /// <summary>Gets the median execution time, in milliseconds.</summary>
    public double? P50ExecutionTimeMs { get; init; }

    /// <summary>Gets the 95th percentile of execution time, in milliseconds.</summary>
    public double? P95ExecutionTimeMs { get; init; }

    /// <summary>Gets the 99th percentile of execution time, in milliseconds.</summary>
    public double? P99ExecutionTimeMs { get; init; }

    /// <summary>Gets the number of signals processed in the last hour.</summary>
    public long? SignalsProcessed1h { get; init; }

    /// <summary>Gets the number of orders placed in the last hour.</summary>
    public long? OrdersPlaced1h { get; init; }

    /// <summary>Gets the share of signals that turned out profitable, in percent (0–100).</summary>
    public double? SignalAccuracyPct { get; init; }

    /// <summary>Gets the share of trades that won, in percent (0–100).</summary>
    public double? WinRatePct { get; init; }
}
