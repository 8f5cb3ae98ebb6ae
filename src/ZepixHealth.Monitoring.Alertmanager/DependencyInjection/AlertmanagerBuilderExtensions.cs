using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Alertmanager;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Prometheus Alertmanager sink to plugin health monitoring.</summary>
public static class AlertmanagerBuilderExtensions
{
    /// <summary>
    /// Sends plugin alerts to Prometheus Alertmanager, bound from configuration (usually
    /// <c>PluginHealth:Alertmanager</c>): <c>Urls</c>, <c>Instance</c>, <c>StaticLabels</c>,
    /// <c>GeneratorUrl</c>, <c>RepostInterval</c>, <c>RequestTimeout</c>, <c>SinkName</c>.
    /// </summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <returns>The builder.</returns>
    public static IPluginHealthMonitoringBuilder AddAlertmanagerAlerts(this IPluginHealthMonitoringBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<AlertmanagerSinkOptions>().Bind(configuration, binder => binder.ErrorOnUnknownConfiguration = true);
        return AddCore(builder);
    }

    /// <summary>Sends plugin alerts to Prometheus Alertmanager, configured in code.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configure">Sets the options; at least one URL.</param>
    /// <returns>The builder.</returns>
    public static IPluginHealthMonitoringBuilder AddAlertmanagerAlerts(this IPluginHealthMonitoringBuilder builder, Action<AlertmanagerSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return AddCore(builder);
    }

    private static IPluginHealthMonitoringBuilder AddCore(IPluginHealthMonitoringBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AlertmanagerSinkOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertmanagerSinkOptions>, AlertmanagerSinkOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AlertmanagerAlertMapper(Options(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new AlertmanagerClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan },
            Options(sp),
            sp.GetService<ILogger<AlertmanagerClient>>() ?? NullLogger<AlertmanagerClient>.Instance));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, AlertmanagerAlertSink>(sp => new AlertmanagerAlertSink(
            sp.GetRequiredService<AlertmanagerClient>(), sp.GetRequiredService<AlertmanagerAlertMapper>(), Options(sp))));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AlertmanagerRepostService>(sp => new AlertmanagerRepostService(
            sp.GetRequiredService<IHealthStore>(),
            sp.GetRequiredService<AlertmanagerClient>(),
            sp.GetRequiredService<AlertmanagerAlertMapper>(),
            Options(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<AlertmanagerRepostService>>() ?? NullLogger<AlertmanagerRepostService>.Instance)));
        return builder;
    }

    private static AlertmanagerSinkOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<AlertmanagerSinkOptions>>().Value;
}
