namespace ZepixHealth.Monitoring;

/// <summary>What a plugin answered to one check: <c>IsAliveAsync</c>, then <c>GetMetricsAsync</c>.</summary>
/// <param name="Alive">The answer of <see cref="IHealthCheckablePlugin.IsAliveAsync"/>.</param>
/// <param name="Metrics">The answer of <see cref="IHealthCheckablePlugin.GetMetricsAsync"/>.</param>
internal readonly record struct PluginCheckAnswer(PluginCallResult<bool> Alive, PluginCallResult<PluginMetrics> Metrics);
