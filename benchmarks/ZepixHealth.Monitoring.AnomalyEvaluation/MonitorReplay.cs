using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ZepixHealth.Monitoring.AnomalyEvaluation;

/// <summary>
/// Replays a series through the public surface with default anomaly settings: a scripted plugin, one
/// value per cycle of <see cref="PluginHealthMonitor.CollectOnceAsync"/> at the row's own time (a fake
/// clock), the real rules and alert lifecycle. A detection is a new <c>anomaly.cpu</c> alert.
/// </summary>
internal static class MonitorReplay
{
    private const string RuleId = "anomaly.cpu";

    public static async Task<IReadOnlyList<int>> DetectAsync(LabelledSeries series)
    {
        var time = new FakeTimeProvider(series.Timestamps[0]);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        var plugin = new ReplayPlugin(time);
        services.AddSingleton<IHealthCheckablePlugin>(plugin);
        services.AddPluginHealthMonitoring(o => o.CollectionInterval = series.Cadence);
        await using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<PluginHealthMonitor>();
        var store = provider.GetRequiredService<IHealthStore>();

        var seen = new HashSet<Guid>();
        var detections = new List<int>();
        for (var row = 0; row < series.Values.Length; row++)
        {
            time.SetUtcNow(series.Timestamps[row]);
            plugin.Value = series.Values[row];
            await monitor.CollectOnceAsync();
            foreach (var alert in await store.GetOpenAlertsAsync())
            {
                if (alert.RuleId == RuleId && alert.PluginId == ReplayPlugin.PluginId && seen.Add(alert.Id))
                {
                    detections.Add(row);
                }
            }
        }

        return detections;
    }
}
