namespace ZepixHealth.Monitoring.AnomalyEvaluation;

/// <summary>
/// A scripted plugin that reports the current row of a series as its own CPU use (a figure watched both ways
/// by default, as operations series need), and is otherwise healthy. Without a process id, the monitor takes
/// the plugin's figure as it is.
/// </summary>
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
        CpuUsagePct = Value,
    });

    public ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(SelfTestResult.Pass("replay"));
}
