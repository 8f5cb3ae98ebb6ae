using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Selects the SQLite <see cref="IHealthStore"/>.</summary>
public static class SqliteStoreBuilderExtensions
{
    /// <summary>
    /// Keeps the health history and the alerts in SQLite, by default in the bot's own <c>zepix_bot.db</c>
    /// beside the host's tables (the store touches only its own tables). The schema is created or
    /// migrated when the host starts; a corrupt file stops the start with a clear error. Calling it
    /// again registers nothing twice (the last connection string wins).
    /// </summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="connectionString">The <c>Microsoft.Data.Sqlite</c> connection string; default <c>Data Source=zepix_bot.db</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is null, empty or white space.</exception>
    public static IPluginHealthMonitoringBuilder UseSqliteStore(
        this IPluginHealthMonitoringBuilder builder, string connectionString = SqliteHealthStoreDefaults.ConnectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseSqliteStore(options => options.ConnectionString = connectionString);
    }

    /// <summary>Keeps the health history and the alerts in SQLite, with options set in code.</summary>
    /// <param name="builder">The monitoring builder.</param>
    /// <param name="configure">Sets the store's options; validated at start-up.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    public static IPluginHealthMonitoringBuilder UseSqliteStore(this IPluginHealthMonitoringBuilder builder, Action<SqliteHealthStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        var services = builder.Services;
        services.AddOptions<SqliteHealthStoreOptions>().ValidateOnStart();
        services.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteHealthStoreOptions>, SqliteHealthStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SqliteHealthStore(
            sp.GetRequiredService<IOptions<SqliteHealthStoreOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SqliteHealthStore>>() ?? NullLogger<SqliteHealthStore>.Instance));

        // Use*: replaces any other store.
        services.Replace(ServiceDescriptor.Singleton<IHealthStore>(sp => sp.GetRequiredService<SqliteHealthStore>()));

        // First in line: hosted services start in order and stop in reverse, so the schema is ready
        // before the monitor's first cycle and the last cycle's snapshots are flushed after it stops.
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SqliteHealthStoreService)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, SqliteHealthStoreService>());
        }

        return builder;
    }
}
