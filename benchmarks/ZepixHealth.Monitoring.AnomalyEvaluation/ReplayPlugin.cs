namespace ZepixHealth.Monitoring.AnomalyEvaluation;

/// <summary>A scripted plugin that reports the current row of a series as its P95 latency, and is otherwise healthy.</summary>
internal sealed class ReplayPlugin(TimeProvider time) : IHealthCheckablePlugin
{
    public const string PluginId = "nab-replay";

    public string Id => PluginId;

    /// <summary>The value the next collection reports.</summary>
    public double Value { get; set; }

    public ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(true);

    public ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(new PluginMetrics
    {
        LastActivity = time.GetUtcNow(),
        Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = Value },
    });

    public ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(SelfTestResult.Pass("replay"));
}
