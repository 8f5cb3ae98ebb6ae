using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>Decides whether anomaly baselines are rebuilt from the store's history after a restart, and from which store.</summary>
internal static class StoredBaselines
{
    /// <summary>
    /// Returns a restorer reading <paramref name="store"/>'s history, or <see langword="null"/> when anomaly
    /// detection is off or the store is the in-memory one (a new process finds it empty, and a removed
    /// plugin's history is forgotten with it).
    /// </summary>
    public static BaselineRestorer? RestorerFor(IHealthStore store, PluginHealthOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        return options.Anomalies.Enabled && store is not InMemoryHealthStore
            ? new BaselineRestorer(store.GetHistoryAsync, options.CollectionInterval, timeProvider, logger)
            : null;
    }
}
