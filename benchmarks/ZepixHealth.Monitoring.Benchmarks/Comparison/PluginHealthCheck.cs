using Microsoft.Extensions.Diagnostics.HealthChecks;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Comparison;

/// <summary>The Microsoft health check equivalent to what the monitor collects: is the plugin alive, and its metrics.</summary>
internal sealed class PluginHealthCheck(IHealthCheckablePlugin plugin) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await plugin.IsAliveAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("not alive");
        }

        var metrics = await plugin.GetMetricsAsync(cancellationToken);
        return metrics.Errors?.ErrorRatePct > 5 ? HealthCheckResult.Degraded("errors") : HealthCheckResult.Healthy();
    }
}
