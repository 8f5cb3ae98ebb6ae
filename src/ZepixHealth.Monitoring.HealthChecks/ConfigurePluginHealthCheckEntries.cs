using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring.HealthChecks;

/// <summary>
/// Adds one <c>AddPluginHealthChecks</c> call's entries when the health-check service's options are
/// built, so that the per-plugin entries can list the plugins in the registry at that moment.
/// </summary>
internal sealed class ConfigurePluginHealthCheckEntries(IServiceProvider services, PluginHealthCheckOptions options)
    : IConfigureOptions<HealthCheckServiceOptions>
{
    public void Configure(HealthCheckServiceOptions healthChecks)
    {
        ArgumentNullException.ThrowIfNull(healthChecks);
        var tags = options.Tags.ToList();
        IReadOnlySet<string>? selected = options.PluginIds.Count == 0 ? null : new HashSet<string>(options.PluginIds, StringComparer.OrdinalIgnoreCase);

        healthChecks.Registrations.Add(new HealthCheckRegistration(
            options.Name, sp => Create(sp, selected, single: false), options.FailureStatus, tags, options.Timeout));

        if (!options.PerPluginEntries)
        {
            return;
        }

        foreach (var pluginId in PluginIdsFor(selected))
        {
            healthChecks.Registrations.Add(new HealthCheckRegistration(
                $"{options.Name}:{pluginId}",
                sp => Create(sp, new HashSet<string>([pluginId], StringComparer.OrdinalIgnoreCase), single: true),
                options.FailureStatus,
                [.. tags, PluginHealthCheckDefaults.PluginTag, pluginId],
                options.Timeout));
        }
    }

    private IEnumerable<string> PluginIdsFor(IReadOnlySet<string>? selected)
    {
        if (selected is not null)
        {
            return selected.Order(StringComparer.Ordinal);
        }

        var ids = new List<string>();
        foreach (var plugin in services.GetService<IPluginRegistry>()?.GetAllPlugins() ?? [])
        {
            try
            {
                if (!string.IsNullOrWhiteSpace(plugin?.Id) && !ids.Contains(plugin.Id, StringComparer.OrdinalIgnoreCase))
                {
                    ids.Add(plugin.Id);
                }
            }
#pragma warning disable CA1031 // A plugin whose Id throws is the monitor's to report; it just gets no entry of its own here.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        if (options.IncludeHost && services.GetService<IOptions<PluginHealthOptions>>()?.Value.Host.Enabled == true)
        {
            ids.Add(PluginHealthCheckDefaults.HostId);
        }

        return ids;
    }

    private PluginHealthCheck Create(IServiceProvider sp, IReadOnlySet<string>? pluginIds, bool single)
    {
        var monitor = sp.GetService<PluginHealthMonitor>()
            ?? throw new InvalidOperationException(
                "AddPluginHealthChecks needs the plugin health monitor: call services.AddPluginHealthMonitoring(...) as well.");
        var logger = sp.GetService<ILoggerFactory>()?.CreateLogger<PluginHealthCheck>() ?? (ILogger)NullLogger.Instance;
        var interval = sp.GetService<IOptions<PluginHealthOptions>>()?.Value.CollectionInterval ?? TimeSpan.FromSeconds(30);
        return new PluginHealthCheck(
            monitor, sp.GetRequiredService<IHealthStore>(), logger, pluginIds, options.IncludeHost, single, sp.GetService<TimeProvider>() ?? TimeProvider.System, interval);
    }
}
