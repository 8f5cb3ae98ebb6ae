using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the plugin health web dashboard.</summary>
public static class PluginHealthDashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the dashboard under <paramref name="pattern"/>: the overview page at the prefix, a page per
    /// plugin at <c>{prefix}/plugins/{id}</c>, the JSON API at <c>{prefix}/api/…</c> (see docs/dashboard.md),
    /// and the Acknowledge and Silence actions, which also require
    /// <see cref="PluginHealthDashboardOptions.ActionPolicy"/>.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="pattern">The prefix, for example <c>/health</c>.</param>
    /// <returns>A builder for every dashboard endpoint: <c>RequireAuthorization(...)</c> on it applies to all of them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="pattern"/> is empty or does not start with '/'.</exception>
    /// <exception cref="InvalidOperationException">Plugin monitoring or the dashboard's services were not added.</exception>
    public static IEndpointConventionBuilder MapPluginHealthDashboard(this IEndpointRouteBuilder endpoints, string pattern = "/health")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (!pattern.StartsWith('/'))
        {
            throw new ArgumentException($"The dashboard's pattern must start with '/': '{pattern}'.", nameof(pattern));
        }

        // Fail at start-up, not at the first request, when a registration is missing.
        if (endpoints.ServiceProvider.GetService<PluginHealthMonitor>() is null)
        {
            throw new InvalidOperationException("MapPluginHealthDashboard needs plugin monitoring: call services.AddPluginHealthMonitoring(...).");
        }

        if (endpoints.ServiceProvider.GetService<IAntiforgery>() is null)
        {
            throw new InvalidOperationException("MapPluginHealthDashboard needs its services: call services.AddPluginHealthDashboard().");
        }

        var prefix = pattern.TrimEnd('/');
        var group = endpoints.MapGroup(prefix.Length == 0 ? "/" : prefix);
        DashboardEndpoints.Map(group, prefix, endpoints.ServiceProvider);
        return group;
    }
}
