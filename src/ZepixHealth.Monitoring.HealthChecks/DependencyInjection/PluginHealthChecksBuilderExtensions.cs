using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring.HealthChecks;

// In this namespace so that hosts find it without a using directive, like AddHealthChecks.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the plugins' health to ASP.NET Core / Kubernetes health checks.</summary>
public static class PluginHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds an entry that reports the plugins' health from the monitor's latest cycle — Healthy when
    /// every plugin is, Degraded when one is Stale or has a firing alert, Unhealthy (the
    /// <see cref="PluginHealthCheckOptions.FailureStatus"/>) when one is Dead or Hung, or when the monitor's
    /// latest cycle completed more than two collection intervals ago (it has stalled) — and, by default,
    /// one entry per plugin with its status, reason and headline figures as data. Needs
    /// <c>AddPluginHealthMonitoring</c>.
    /// </summary>
    /// <param name="builder">The health-checks builder from <c>services.AddHealthChecks()</c>.</param>
    /// <param name="configure">Sets the entries' name, tags, plugins and failure status; optional.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="PluginHealthCheckOptions.Name"/> is empty or white space.</exception>
    public static IHealthChecksBuilder AddPluginHealthChecks(this IHealthChecksBuilder builder, Action<PluginHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new PluginHealthCheckOptions();
        configure?.Invoke(options);
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            throw new ArgumentException("PluginHealthCheckOptions.Name must not be empty.", nameof(configure));
        }

        // The health-check service rejects a duplicate name when it is created: calling this twice with
        // the same name is the host's mistake, reported at start-up as the anchor does.
        builder.Services.AddSingleton<IConfigureOptions<HealthCheckServiceOptions>>(sp => new ConfigurePluginHealthCheckEntries(sp, options));
        return builder;
    }
}
