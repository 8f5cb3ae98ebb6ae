using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Telegram;

// In this namespace so that hosts find it without a using directive, like AddPluginHealthMonitoring.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Telegram alerts and commands to the plugin health monitor.</summary>
public static class TelegramAlertsBuilderExtensions
{
    /// <summary>
    /// Sends alert notifications to Telegram and answers <c>/health</c>, <c>/alerts</c>, <c>/ack</c> and
    /// <c>/silence</c> (through <see cref="ITelegramHealthCommands"/>, or a polling loop when
    /// <see cref="TelegramAlertOptions.EnableLongPolling"/> is set). The options are validated when the
    /// host starts. Calling it again registers nothing twice.
    /// </summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configure">Sets the options: at least <see cref="TelegramAlertOptions.BotToken"/> and <see cref="TelegramAlertOptions.ChatIds"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    public static IPluginHealthMonitoringBuilder AddTelegramAlerts(this IPluginHealthMonitoringBuilder builder, Action<TelegramAlertOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return AddCore(builder);
    }

    /// <summary>
    /// Sends alert notifications to Telegram and answers the health commands, with options bound from
    /// configuration, usually <c>builder.Configuration.GetSection("PluginHealth:Telegram")</c>. A key
    /// that no option has is a start-up error.
    /// </summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is null.</exception>
    public static IPluginHealthMonitoringBuilder AddTelegramAlerts(this IPluginHealthMonitoringBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<TelegramAlertOptions>().Bind(configuration, binder => binder.ErrorOnUnknownConfiguration = true);
        return AddCore(builder);
    }

    private static IPluginHealthMonitoringBuilder AddCore(IPluginHealthMonitoringBuilder builder)
    {
        var services = builder.Services;

        // ValidateOnStart adds a configure action per call, so the rest goes in only once.
        if (services.Any(d => d.ServiceType == typeof(TelegramAlertClient)))
        {
            return builder;
        }

        services.AddOptions<TelegramAlertOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramAlertOptions>, TelegramAlertOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TelegramAlertClient(sp.GetRequiredService<IOptions<TelegramAlertOptions>>()));
        services.TryAddSingleton(sp => new TelegramMessageSender(
            sp.GetRequiredService<IOptions<TelegramAlertOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            Logger<TelegramMessageSender>(sp)));
        services.TryAddSingleton<ITelegramHealthCommands>(sp => new TelegramHealthCommands(
            sp.GetRequiredService<IHealthDashboard>(),
            sp.GetRequiredService<IHealthStore>(),
            sp.GetRequiredService<IHealthAlertManager>(),
            sp.GetRequiredService<IPluginRegistry>(),
            sp.GetRequiredService<TelegramMessageSender>(),
            sp.GetRequiredService<IOptions<TelegramAlertOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            Logger<TelegramHealthCommands>(sp)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, TelegramAlertSink>(sp => new TelegramAlertSink(
            sp.GetRequiredService<TelegramAlertClient>(),
            sp.GetRequiredService<TelegramMessageSender>(),
            sp.GetRequiredService<IHealthDashboard>(),
            sp.GetRequiredService<IOptions<TelegramAlertOptions>>(),
            Logger<TelegramAlertSink>(sp))));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TelegramPollingService>(sp => new TelegramPollingService(
            sp.GetRequiredService<TelegramAlertClient>(),
            sp.GetRequiredService<ITelegramHealthCommands>(),
            sp.GetRequiredService<IOptions<TelegramAlertOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            Logger<TelegramPollingService>(sp))));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TelegramCommandRegistrationService>(sp => new TelegramCommandRegistrationService(
            sp.GetRequiredService<TelegramAlertClient>(),
            sp.GetRequiredService<IOptions<TelegramAlertOptions>>(),
            Logger<TelegramCommandRegistrationService>(sp))));
        return builder;
    }

    // A bare service collection (a test, a tool) may have no logging, and still works.
    private static ILogger<T> Logger<T>(IServiceProvider services) =>
        services.GetService<ILogger<T>>() ?? NullLogger<T>.Instance;
}
