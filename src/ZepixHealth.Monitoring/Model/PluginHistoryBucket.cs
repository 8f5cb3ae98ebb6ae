namespace ZepixHealth.Monitoring;

/// <summary>
/// A plugin's history over one time bucket, as <c>IHealthStore.GetHistoryBucketsAsync</c> returns
/// it for charts: how many snapshots fell in it, the worst status among them, and the min/avg/max of the
/// charted figures. A figure no snapshot of the bucket knew is <see langword="null"/>, never a made-up 0.
/// </summary>
public sealed record PluginHistoryBucket
{
    /// <summary>Gets the start of the bucket (inclusive), in UTC.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Gets how many snapshots the bucket summarises.</summary>
    public required int Samples { get; init; }

    /// <summary>Gets the worst status of the bucket's snapshots (<see cref="PluginHealthStatus.Dead"/> is the worst).</summary>
    public required PluginHealthStatus WorstStatus { get; init; }

    /// <summary>Gets the range of <see cref="PluginPerformanceMetrics.P95ExecutionTimeMs"/>.</summary>
    public MetricRange? P95ExecutionTimeMs { get; init; }

    /// <summary>Gets the range of <see cref="PluginPerformanceMetrics.P99ExecutionTimeMs"/>.</summary>
    public MetricRange? P99ExecutionTimeMs { get; init; }

    /// <summary>Gets the range of <see cref="PluginErrorMetrics.ErrorRatePct"/>.</summary>
    public MetricRange? ErrorRatePct { get; init; }

    /// <summary>Gets the range of <see cref="PluginResourceMetrics.MemoryUsageMb"/>.</summary>
    public MetricRange? MemoryUsageMb { get; init; }

    /// <summary>Gets the range of <see cref="PluginResourceMetrics.CpuUsagePct"/>.</summary>
    public MetricRange? CpuUsagePct { get; init; }

    /// <summary>Gets the range of <see cref="PluginPerformanceMetrics.SignalsProcessed1h"/>.</summary>
    public MetricRange? SignalsProcessed1h { get; init; }
}
