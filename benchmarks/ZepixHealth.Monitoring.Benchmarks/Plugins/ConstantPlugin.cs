using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Plugins;

/// <summary>A plugin whose calls complete synchronously with the same healthy metrics every time.</summary>
internal sealed class ConstantPlugin(string id, TimeProvider time) : IHealthCheckablePlugin
{
    private readonly PluginMetrics _metrics = new()
    {
        LastActivity = time.GetUtcNow(),
        StartedAt = time.GetUtcNow(),
        Performance = new PluginPerformanceMetrics { AvgExecutionTimeMs = 3, P95ExecutionTimeMs = 9, P99ExecutionTimeMs = 15, SignalsProcessed1h = 120 },
        Errors = new PluginErrorMetrics { TotalErrors = 0, ErrorRatePct = 0 },
    };

    public string Id { get; } = id;

    public ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(true);

    public ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_metrics);

    public ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(SelfTestResult.Pass());
}
