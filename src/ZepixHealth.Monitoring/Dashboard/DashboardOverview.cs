using System.Globalization;
using static ZepixHealth.Monitoring.DashboardFormatting;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Lays out the <c>/health</c> overview, the same for Telegram HTML and plain text: a one-line summary
/// ("38 healthy, 1 hung, 1 dead; 2 alerts open"), the plugins with a problem first (worst first, each a
/// tree of what is known), the healthy ones one line each, the <c>host</c> row, the recent alerts.
/// Unknown figures are left out; times are ages.
/// </summary>
internal static class DashboardOverview
{
    private static readonly PluginHealthStatus[] SummaryOrder =
        [PluginHealthStatus.Healthy, PluginHealthStatus.Stale, PluginHealthStatus.Hung, PluginHealthStatus.Dead];

    /// <summary>
    /// Writes the overview of <paramref name="rows"/> (a snapshot and its P95 trend each); a warning
    /// follows the title when the newest snapshot is older than <paramref name="stalledAfter"/>.
    /// </summary>
    public static void Write(DashboardWriter w, IReadOnlyList<(PluginHealthSnapshot Snapshot, string? Trend)> rows, int openAlerts, IReadOnlyList<HealthAlert> recent, DateTimeOffset now, TimeSpan stalledAfter)
    {
        var plugins = rows.Where(r => !IsHost(r.Snapshot)).OrderByDescending(r => Severity(r.Snapshot.Availability.Status)).ToList();
        var hosts = rows.Where(r => IsHost(r.Snapshot)).ToList();
        w.Text("🏥 ").Bold("Plugin Health Dashboard");
        if (rows.Count > 0)
        {
            var newest = rows.Max(r => r.Snapshot.Timestamp);
            w.Text($" · data {Age(newest, now)} old");
            if (now - newest > stalledAfter)
            {
                // Figures that stopped changing look healthy: say so before them.
                w.Line().Text("🔴 ").Bold("Monitor stalled").Text($": no new data for {Duration(now - newest)}; the figures below are that old.");
            }
        }

        w.Line().Bold(Summary(plugins.Select(r => r.Snapshot), openAlerts)).Line().Line();
        var problems = plugins.Where(r => r.Snapshot.Availability.Status != PluginHealthStatus.Healthy).ToList();
        foreach (var (snapshot, trend) in problems)
        {
            WriteProblem(w, snapshot, trend, now);
        }

        var healthy = plugins.Where(r => r.Snapshot.Availability.Status == PluginHealthStatus.Healthy).Concat(hosts).ToList();
        foreach (var (snapshot, trend) in healthy)
        {
            if (snapshot.Availability.Status == PluginHealthStatus.Healthy)
            {
                WriteHealthy(w, snapshot, trend);
            }
            else
            {
                WriteProblem(w, snapshot, trend, now);
            }
        }

        if (healthy.Count > 0)
        {
            w.Line();
        }

        WriteRecentAlerts(w, recent, now);
    }

    /// <summary>"38 healthy, 1 hung, 1 dead; 2 alerts open": the statuses present, then the open alerts.</summary>
    public static string Summary(IEnumerable<PluginHealthSnapshot> plugins, int openAlerts)
    {
        var counts = plugins.GroupBy(s => s.Availability.Status).ToDictionary(g => g.Key, g => g.Count());
        var statuses = counts.Count == 0
            ? "No plugin has been checked yet"
            : string.Join(", ", SummaryOrder.Where(counts.ContainsKey).Select(s => $"{counts[s]} {s.ToString().ToLowerInvariant()}"));
        var alerts = openAlerts switch
        {
            0 => "no alerts open",
            1 => "1 alert open",
            _ => string.Create(CultureInfo.InvariantCulture, $"{openAlerts} alerts open"),
        };
        return $"{statuses}; {alerts}";
    }

    private static int Severity(PluginHealthStatus status) => status switch
    {
        PluginHealthStatus.Dead => 3,
        PluginHealthStatus.Hung => 2,
        PluginHealthStatus.Stale => 1,
        _ => 0,
    };

    private static bool IsHost(PluginHealthSnapshot s) => PluginId.Comparer.Equals(s.PluginId, HealthDashboardDefaults.HostPluginId);

    private static void WriteProblem(DashboardWriter w, PluginHealthSnapshot s, string? trend, DateTimeOffset now)
    {
        var a = s.Availability;
        w.Text($"{StatusEmoji(a.Status)} ").Bold(s.PluginId).Line($" · {a.Status}");
        new DashboardTree()
            .Add("Why", a.Reason is { Length: > 0 } reason ? OneLine(reason, HealthDashboardDefaults.OverviewTextLength) : null)
            .Add("Last activity", a.LastHeartbeat is { } heartbeat ? Ago(heartbeat, now) : null)
            .Add("Uptime", Known(a.Uptime))
            .Add("P95", Known(s.Performance.P95ExecutionTimeMs, " ms"))
            .Add("Memory", Known(s.Resources.MemoryUsageMb, " MB"))
            .Add("CPU", Known(s.Resources.CpuUsagePct, "%"))
            .Add("Error rate", Known(s.Errors.ErrorRatePct, "%", "0.00"))
            .Add($"P95 trend ({TrendHours})", trend)
            .WriteTo(w);
        w.Line();
    }

    /// <summary>One line: the status, the id and whatever figures are known.</summary>
    private static void WriteHealthy(DashboardWriter w, PluginHealthSnapshot s, string? trend)
    {
        string?[] parts =
        [
            s.Availability.Uptime is { } up ? "up " + Duration(up) : null,
            Known(s.Performance.P95ExecutionTimeMs, " ms") is { } p95 ? $"P95 {p95}" : null,
            Known(s.Resources.MemoryUsageMb, " MB"),
            Known(s.Resources.CpuUsagePct, "%") is { } cpu ? $"CPU {cpu}" : null,
            Known(s.Errors.ErrorRatePct, "%", "0.00") is { } errors ? $"err {errors}" : null,
            trend,
        ];
        w.Text($"{StatusEmoji(s.Availability.Status)} ").Bold(s.PluginId);
        foreach (var part in parts.OfType<string>())
        {
            w.Text(" · ").Text(part);
        }

        w.Line();
    }

    private static void WriteRecentAlerts(DashboardWriter w, IReadOnlyList<HealthAlert> recent, DateTimeOffset now)
    {
        if (recent.Count == 0)
        {
            w.Line("✅ No recent alerts.");
            return;
        }

        w.Text("⚠️ ").Bold($"Recent alerts (last {HealthDashboardDefaults.RecentAlerts})").Line();
        foreach (var alert in recent)
        {
            w.Text($"• {Ago(alert.RaisedAt, now)} {AlertEmoji(alert)} ").Bold(alert.PluginId)
                .Text($": {OneLine(alert.Message, HealthDashboardDefaults.OverviewTextLength)}");
            if (alert.State == AlertState.Resolved)
            {
                w.Text(" (resolved)");
            }
            else
            {
                w.Text(" ").Code(alert.ShortId);
            }

            w.Line();
        }
    }
}
