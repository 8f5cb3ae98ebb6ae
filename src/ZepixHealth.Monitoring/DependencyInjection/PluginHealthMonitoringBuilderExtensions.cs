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

    /// <summary>
    /// Adds a plugin to watch from the start, as a singleton created by dependency injection and
    /// registered as its own type too, so that the bot resolves the same instance the monitor watches.
    /// </summary>
    /// <typeparam name="TPlugin">The plugin type.</typeparam>
    /// <param name="builder">The monitoring builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IPluginHealthMonitoringBuilder AddPlugin<TPlugin>(this IPluginHealthMonitoringBuilder builder)
        where TPlugin : class, IHealthCheckablePlugin
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TPlugin>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthCheckablePlugin, TPlugin>(sp => sp.GetRequiredService<TPlugin>()));
        return builder;
    }

    /// <summary>Adds an alert sink: every alert notification is delivered to it. Adding the same type twice adds it once.</summary>
    /// <typeparam name="TSink">The sink type, created by dependency injection as a singleton.</typeparam>
    /// <param name="builder">The monitoring builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IPluginHealthMonitoringBuilder AddAlertSink<TSink>(this IPluginHealthMonitoringBuilder builder)
        where TSink : class, IAlertSink
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, TSink>());
        return builder;
    }

    /// <summary>Adds a rule of the host's own, evaluated for every plugin every cycle. Adding the same type twice adds it once.</summary>
    /// <typeparam name="TRule">The rule type, created by dependency injection as a singleton.</typeparam>
    /// <param name="builder">The monitoring builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IPluginHealthMonitoringBuilder AddRule<TRule>(this IPluginHealthMonitoringBuilder builder)
        where TRule : class, IHealthRule
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthRule, TRule>());
        return builder;
    }
}
