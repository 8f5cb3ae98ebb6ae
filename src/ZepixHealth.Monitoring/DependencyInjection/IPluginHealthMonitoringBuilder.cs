using Microsoft.Extensions.DependencyInjection;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Returned by <c>AddPluginHealthMonitoring</c>; extension methods on it add stores, alert sinks
/// and observers (for example <c>.UseSqliteStore(...)</c>, <c>.AddTelegramAlerts(...)</c>).
/// </summary>
public interface IPluginHealthMonitoringBuilder
{
    /// <summary>Gets the service collection the monitoring services are registered in.</summary>
    IServiceCollection Services { get; }
}
