using Microsoft.Extensions.DependencyInjection.Extensions;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the services the web dashboard needs.</summary>
public static class PluginHealthDashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds what <c>MapPluginHealthDashboard</c> needs: antiforgery (its actions are POSTs with a token),
    /// authorization, and <see cref="PluginHealthDashboardOptions"/>. Plugin monitoring itself is added
    /// with <c>AddPluginHealthMonitoring</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the dashboard; optional.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddPluginHealthDashboard(this IServiceCollection services, Action<PluginHealthDashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAntiforgery();

        // Ends the dashboard's "until resolved" silences once their alert has resolved.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPluginHealthObserver, UntilResolvedSilences>());
        services.AddAuthorization();
        var options = services.AddOptions<PluginHealthDashboardOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services;
    }
}
