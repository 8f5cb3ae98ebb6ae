namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>A plugin of the kill -9 helper host: alive or dead for the whole run.</summary>
internal sealed class KillHelperPlugin(string id, bool dead) : IHealthCheckablePlugin
{
    public string Id { get; } = id;

    public ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default) => new(!dead);

    public ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default) =>
        new(new PluginMetrics { LastActivity = TimeProvider.System.GetUtcNow() });

    public ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) => new(SelfTestResult.Pass());
}
