using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.HealthChecks.Tests;

/// <summary>A plugin whose liveness and metrics a test sets between cycles.</summary>
internal sealed class TestPlugin(string id) : IHealthCheckablePlugin
{
    public string Id { get; } = id;

    public bool Alive { get; set; } = true;

    public PluginMetrics Metrics { get; set; } = new();

    /// <summary>When set, IsAliveAsync never answers (until the monitor gives up and cancels it).</summary>
    public bool Hangs { get; set; }

    private int _answered;

    /// <summary>Gets whether the plugin has answered IsAliveAsync and GetMetricsAsync at least once, or has started to hang.</summary>
    public bool HasAnswered => Volatile.Read(ref _answered) > 0;

    public async ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default)
    {
        if (Hangs)
        {
            Interlocked.Increment(ref _answered);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return Alive;
    }

    public ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _answered);
        return ValueTask.FromResult(Metrics);
    }

    public ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(SelfTestResult.Pass());
}
