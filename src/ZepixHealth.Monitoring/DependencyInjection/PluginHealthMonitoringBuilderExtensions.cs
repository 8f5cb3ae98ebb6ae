using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ZepixHealth.Monitoring;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Extends <see cref="IPluginHealthMonitoringBuilder"/> with the core package's additions.</summary>
public static class PluginHealthMonitoringBuilderExtensions
{
    /// <summary>Adds an observer that receives every cycle's snapshots. Adding the same type twice adds it once.</summary>
    /// <typeparam name="TObserver">The observer type, created by dependency injection as a singleton.</typeparam>
    /// <param name="builder">The monitoring builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IPluginHealthMonitoringBuilder AddObserver<TObserver>(this IPluginHealthMonitoringBuilder builder)
        where TObserver : class, IPluginHealthObserver
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPluginHealthObserver, TObserver>());
        return builder;
    }

    /// <summary>Adds a plugin to watch from the start, as a singleton created by dependency injection.</summary>
    /// <typeparam name="TPlugin">The plugin type.</typeparam>
    /// <param name="builder">The monitoring builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IPluginHealthMonitoringBuilder AddPlugin<TPlugin>(this IPluginHealthMonitoringBuilder builder)
        where TPlugin : class, IHealthCheckablePlugin
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthCheckablePlugin, TPlugin>());
        return builder;
    }
}
