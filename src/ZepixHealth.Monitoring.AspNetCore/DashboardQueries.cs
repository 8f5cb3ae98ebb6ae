using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>Reads what the dashboard shows from the monitor and the store, through their public surface only.</summary>
internal sealed class DashboardQueries(
    PluginHealthMonitor monitor,
    IHealthStore store,
    IOptions<PluginHealthOptions> monitorOptions,
    TimeProvider time)
{
    private const int RecentAlertLimit = 200;

    // The monitor is called stalled once its newest data is older than this many cycles: one cycle
    // old is normal, a second means a cycle is missing.
    private const int StalledAfterCycles = 2;

    public TimeSpan CollectionInterval => monitorOptions.Value.CollectionInterval;

    public async Task<DashboardOverview> GetOverviewAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<PluginHealthSnapshot> latest = monitor.LatestSnapshots;
        DateTimeOffset? dataAt = monitor.LastCycleCompletedAt;
        if (latest.Count == 0)
        {
            // After a restart, before the first cycle: show what the store last saw, as old as it is.
            latest = await store.GetLatestSnapshotsAsync(cancellationToken).ConfigureAwait(false);
            dataAt = latest.Count == 0 ? null : latest.Max(s => s.Timestamp);
        }

        var open = await store.GetOpenAlertsAsync(cancellationToken).ConfigureAwait(false);
        var rows = latest.Select(s => ToRow(s, open, now))
            .OrderBy(r => r.Rank).ThenByDescending(r => r.OpenAlerts).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var counts = Enum.GetValues<PluginHealthStatus>().ToDictionary(s => s.ToString(), s => rows.Count(r => r.Status == s.ToString()));
        var age = dataAt is { } at ? Math.Max(0, (now - at).TotalSeconds) : (double?)null;
        var stalled = age is { } a && a > StalledAfterCycles * CollectionInterval.TotalSeconds;
        return new DashboardOverview(now, dataAt, age, stalled, counts, open.Count, rows);
    }

    public async Task<PluginHistory> GetHistoryAsync(string pluginId, string range, TimeSpan span, CancellationToken cancellationToken)
    {
        var to = time.GetUtcNow();
        var from = to - span;
        var buckets = await HistoryDownsampler.QueryAsync(store, pluginId, from, to, cancellationToken).ConfigureAwait(false);
        var recent = await store.GetRecentAlertsAsync(RecentAlertLimit, cancellationToken).ConfigureAwait(false);
        var alerts = recent
            .Where(a => string.Equals(a.PluginId, pluginId, StringComparison.Ordinal)
                && (InRange(a.RaisedAt, from, to) || (a.ResolvedAt is { } r && InRange(r, from, to))))
            .ToList();
        return new PluginHistory(pluginId, range, from, to, HistoryDownsampler.BucketSeconds(from, to), HistoryDownsampler.ToPoints(buckets), alerts);
    }

    public async Task<AlertLists> GetAlertsAsync(CancellationToken cancellationToken)
    {
        var open = await store.GetOpenAlertsAsync(cancellationToken).ConfigureAwait(false);
        var recent = await store.GetRecentAlertsAsync(RecentAlertLimit, cancellationToken).ConfigureAwait(false);
        return new AlertLists(open, recent);
    }

    public async Task<PluginHealthSnapshot?> GetLatestAsync(string pluginId, CancellationToken cancellationToken)
    {
        var latest = monitor.LatestSnapshots.FirstOrDefault(s => string.Equals(s.PluginId, pluginId, StringComparison.Ordinal));
        if (latest is not null)
        {
            return latest;
        }

        var stored = await store.GetLatestSnapshotsAsync(cancellationToken).ConfigureAwait(false);
        return stored.FirstOrDefault(s => string.Equals(s.PluginId, pluginId, StringComparison.Ordinal));
    }

    private static bool InRange(DateTimeOffset t, DateTimeOffset from, DateTimeOffset to) => t >= from && t <= to;

    private static PluginRow ToRow(PluginHealthSnapshot s, IReadOnlyList<HealthAlert> open, DateTimeOffset now)
    {
        var status = s.Availability.Status;
        var lastActivity = s.Availability.LastHeartbeat;
        return new PluginRow(
            s.PluginId,
            status.ToString(),
            StatusStyle.Icon(status),
            StatusStyle.Rank(status),
            s.Availability.Reason,
            s.Availability.Uptime?.TotalSeconds,
            s.Performance.P95ExecutionTimeMs,
            s.Performance.P99ExecutionTimeMs,
            s.Errors.ErrorRatePct,
            s.Resources.MemoryUsageMb,
            s.Resources.CpuUsagePct,
            s.Performance.SignalsProcessed1h,
            s.Performance.OrdersPlaced1h,
            lastActivity,
            lastActivity is { } la ? Math.Max(0, (now - la).TotalSeconds) : null,
            open.Count(a => string.Equals(a.PluginId, s.PluginId, StringComparison.Ordinal)));
    }
}
