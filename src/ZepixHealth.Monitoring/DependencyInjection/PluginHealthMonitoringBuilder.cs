using Microsoft.Extensions.DependencyInjection;

namespace ZepixHealth.Monitoring;

internal sealed class PluginHealthMonitoringBuilder(IServiceCollection services) : IPluginHealthMonitoringBuilder
{
    public IServiceCollection Services { get; } = services;
}
