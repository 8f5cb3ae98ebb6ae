using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring;

// In this namespace so that hosts find the entry point without a using directive, as with AddHealthChecks.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the plugin health monitor.</summary>
public static class PluginHealthMonitoringServiceCollectionExtensions
{
    /// <summary>
    /// Adds the plugin health monitor: the plugin registry (holding every <see cref="IHealthCheckablePlugin"/>
    /// registered in <paramref name="services"/>), the <see cref="PluginHealthMonitor"/> and the hosted
    /// service that runs it every <see cref="PluginHealthOptions.CollectionInterval"/>. Calling it again
    /// registers nothing twice.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder for stores, alert sinks and observers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IPluginHealthMonitoringBuilder AddPluginHealthMonitoring(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // ValidateOnStart registers a configure action per call, so the core goes in only once.
        if (services.Any(d => d.ServiceType == typeof(PluginHealthMonitor)))
        {
            return new PluginHealthMonitoringBuilder(services);
        }

        services.AddOptions<PluginHealthOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PluginHealthOptions>, PluginHealthOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPluginRegistry>(sp => new PluginRegistry(sp.GetServices<IHealthCheckablePlugin>()));
        services.TryAddSingleton<IHealthStore, InMemoryHealthStore>();
        services.TryAddSingleton(sp => OutboxOf(sp.GetRequiredService<IHealthStore>()));
        AddBuiltInRules(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, LoggingAlertSink>(sp => new LoggingAlertSink(Logger<LoggingAlertSink>(sp))));
        services.TryAddSingleton(sp => new HealthAlertManager(
            sp.GetRequiredService<IHealthStore>(),
            sp.GetRequiredService<IAlertOutboxStore>(),
            sp.GetServices<IAlertSink>(),
            sp.GetRequiredService<IOptions<PluginHealthOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            Logger<HealthAlertManager>(sp),
            sp.GetRequiredService<AlertDispatcher>().Signal));
        services.TryAddSingleton<IHealthAlertManager>(sp => sp.GetRequiredService<HealthAlertManager>());
        services.TryAddSingleton(sp => new AlertDispatcher(
            sp.GetRequiredService<IHealthStore>(),
            sp.GetRequiredService<IAlertOutboxStore>(),
            sp.GetServices<IAlertSink>(),
            sp.GetRequiredService<IOptions<PluginHealthOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            Logger<AlertDispatcher>(sp)));
        services.TryAddSingleton(CreateMonitor);
        services.TryAddSingleton<IHealthDashboard>(sp => new HealthDashboard(
            sp.GetRequiredService<IHealthStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<PluginHealthOptions>>().Value.CollectionInterval));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PluginHealthMonitorService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AlertDispatcherService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MonitorWatchdog>(sp => new MonitorWatchdog(
            sp.GetRequiredService<PluginHealthMonitor>(),
            sp.GetRequiredService<IAlertOutboxStore>(),
            sp.GetRequiredService<HealthAlertManager>().SinkNames,
            sp.GetRequiredService<AlertDispatcher>(),
            sp.GetRequiredService<IOptions<PluginHealthOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            Logger<MonitorWatchdog>(sp))));

        return new PluginHealthMonitoringBuilder(services);
    }

    private static void AddBuiltInRules(IServiceCollection services) =>
        services.TryAddEnumerable(
        [
            ServiceDescriptor.Singleton<IHealthRule, AvailabilityRule>(),
            ServiceDescriptor.Singleton<IHealthRule, LatencyP95Rule>(),
            ServiceDescriptor.Singleton<IHealthRule, MemoryRule>(),
            ServiceDescriptor.Singleton<IHealthRule, CpuRule>(),
            ServiceDescriptor.Singleton<IHealthRule, ErrorRateRule>(),
            ServiceDescriptor.Singleton<IHealthRule, CriticalErrorsRule>(),
            ServiceDescriptor.Singleton<IHealthRule, SelfTestRule>(),
        ]);

    private static PluginHealthMonitor CreateMonitor(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<PluginHealthOptions>>();
        var loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var store = services.GetRequiredService<IHealthStore>();
        var evaluationLogger = loggers.CreateLogger<HealthAlertManager>();
        var restorer = StoredBaselines.RestorerFor(store, options.Value, services.GetRequiredService<TimeProvider>(), evaluationLogger);
        var alerting = new AlertingStages(
            new SnapshotRecorder(store, loggers.CreateLogger<PluginHealthMonitor>()),
            new HealthEvaluator(services.GetServices<IHealthRule>(), options.Value, services.GetRequiredService<TimeProvider>(), evaluationLogger, restorer),
            services.GetRequiredService<HealthAlertManager>(),
            services.GetRequiredService<AlertDispatcher>());
        return new PluginHealthMonitor(
            services.GetRequiredService<IPluginRegistry>(),
            options,
            services.GetRequiredService<TimeProvider>(),
            services.GetServices<IPluginHealthObserver>(),
            loggers,
            alerting,
            services.GetService<IMeterFactory>());
    }

    // Alerts are written through the store's outbox side; a store without one cannot keep alerts durable.
    private static IAlertOutboxStore OutboxOf(IHealthStore store) =>
        store as IAlertOutboxStore ?? throw new InvalidOperationException(
            $"The health store {store.GetType().FullName} does not implement {nameof(IAlertOutboxStore)}; alerts need it to be written before any sink sees them.");

    // Hosts always have logging; a bare service collection (a test, a tool) may not, and still works.
    private static ILogger<T> Logger<T>(IServiceProvider services) =>
        services.GetService<ILogger<T>>() ?? NullLogger<T>.Instance;

    /// <summary>Adds the plugin health monitor and configures its options in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; applied after any configuration binding.</param>
    /// <returns>A builder for stores, alert sinks and observers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static IPluginHealthMonitoringBuilder AddPluginHealthMonitoring(
        this IServiceCollection services, Action<PluginHealthOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddPluginHealthMonitoring();
        services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Adds the plugin health monitor and binds its options from configuration, usually
    /// <c>builder.Configuration.GetSection("PluginHealth")</c>. A key that no option has (a typo) is
    /// a start-up error; the child sections of adapter packages (<c>Telegram</c>, <c>HealthChecks</c>,
    /// <c>AspNetCore</c>, <c>Alertmanager</c>, <c>Templates</c>) are left to those packages.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>A builder for stores, alert sinks and observers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    public static IPluginHealthMonitoringBuilder AddPluginHealthMonitoring(
        this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddPluginHealthMonitoring();
        // Adapter sections (PluginHealth:Telegram, …) are bound by their packages, not checked as typos here.
        // Unknown keys are reported by the validator, one clear line each, rather than by the binder.
        var section = new AdapterSectionFilter(configuration);
        services.AddOptions<PluginHealthOptions>().Bind(section);
        services.AddSingleton<IValidateOptions<PluginHealthOptions>>(new ConfigurationKeysValidator(section));
        return builder;
    }
}
