namespace ZepixHealth.Monitoring.Alertmanager.Tests.Support;

/// <summary>A plugin whose liveness the test switches.</summary>
internal sealed class SwitchablePlugin(string id) : IHealthCheckablePlugin
{
    private volatile bool _alive = true;

    public string Id { get; } = id;

    public bool Alive
    {
        get => _alive;
        set => _alive = value;
    }

    public ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Alive);

    public ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new PluginMetrics { LastActivity = DateTimeOffset.UtcNow });

    public ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(SelfTestResult.Pass());
}
