using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.AspNetCore.Tests;

/// <summary>A plugin whose liveness and metrics a test sets between cycles.</summary>
internal sealed class HealthCheckTestPlugin(string id) : IHealthCheckablePlugin
{
    public string Id { get; } = id;

    public bool Alive { get; set; } = true;

    public PluginMetrics Metrics { get; set; } = new();

    /// <summary>When set, IsAliveAsync never answers (until the monitor gives up and cancels it).</summary>
    public bool Hangs { get; set; }

    public async ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default)
    {
        if (Hangs)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return Alive;
    }

    public ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Metrics);

    public ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(SelfTestResult.Pass());
}
