using System.Globalization;
using static ZepixHealth.Monitoring.DashboardFormatting;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The one renderer behind <see cref="IHealthDashboard"/>: each view is laid out once, on a
/// <see cref="DashboardWriter"/> that emits Telegram HTML or plain text, then split into messages.
/// The overview differs in layout only: Telegram gets a tree per plugin (a proportional font ruins
/// tables), a console or a log gets one aligned row per plugin.
/// </summary>
internal sealed class HealthDashboard(IHealthStore store, TimeProvider timeProvider) : IHealthDashboard
{
    private const string Rule = "━━━━━━━━━━━━━━━━━━━━";

    public async Task<IReadOnlyList<string>> RenderOverviewAsync(DashboardFormat format, CancellationToken cancellationToken = default)
    {
        var snapshots = await store.GetLatestSnapshotsAsync(cancellationToken).ConfigureAwait(false);
        return await RenderOverviewAsync(snapshots, format, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> RenderOverviewAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, DashboardFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var now = timeProvider.GetUtcNow();

        // Plugins first (in the order given), then the host process's row.
        var ordered = snapshots.Where(s => !IsHost(s)).Concat(snapshots.Where(IsHost)).ToList();
        var trends = new string?[ordered.Count];
        for (var i = 0; i < ordered.Count; i++)
        {
            trends[i] = await TrendAsync(ordered[i].PluginId, now, cancellationToken).ConfigureAwait(false);
        }

        var alerts = await store.GetRecentAlertsAsync(HealthDashboardDefaults.RecentAlerts, cancellationToken).ConfigureAwait(false);

        var w = new DashboardWriter(format);
        if (w.IsHtml)
        {
            w.Text("🏥 ").Bold("Plugin Health Dashboard").Line().Line(Rule).Italic(Time(now)).Line().Line();
            for (var i = 0; i < ordered.Count; i++)
            {
                WriteTree(w, ordered[i], trends[i]);
            }
        }
        else
        {
            w.Line($"Plugin Health Dashboard, {Time(now)}");
            WriteTable(w, ordered, trends);
            w.Line();
        }

        if (ordered.Count == 0)
        {
            w.Line("No plugin has been checked yet.").Line();
        }

        if (alerts.Count == 0)
        {
            w.Line("✅ No recent alerts.");
        }
        else
        {
            w.Text("⚠️ ").Bold($"Recent Alerts (last {HealthDashboardDefaults.RecentAlerts}):").Line();
            foreach (var alert in alerts)
            {
                w.Text(w.IsHtml ? "• " : "  • ")
                    .Text($"[{Ago(alert.RaisedAt, now)}] {AlertEmoji(alert)} ")
                    .Bold(alert.PluginId)
                    .Text($": {OneLine(alert.Message, HealthDashboardDefaults.OverviewTextLength)}")
                    .Text(alert.State == AlertState.Resolved ? " (resolved)" : string.Empty)
                    .Line();
            }
        }

        return DashboardMessageSplitter.Split(w.ToString(), format);
    }

    public async Task<IReadOnlyList<string>?> RenderPluginAsync(string pluginId, DashboardFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginId);
        var snapshots = await store.GetLatestSnapshotsAsync(cancellationToken).ConfigureAwait(false);
        var s = snapshots.FirstOrDefault(x => PluginId.Comparer.Equals(x.PluginId, pluginId));
        if (s is null)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var trend = await TrendAsync(s.PluginId, now, cancellationToken).ConfigureAwait(false);
        var open = (await store.GetOpenAlertsAsync(cancellationToken).ConfigureAwait(false))
            .Where(a => PluginId.Comparer.Equals(a.PluginId, s.PluginId))
            .ToList();

        var w = new DashboardWriter(format);
        WritePluginHeader(w, s, now);
        WriteAvailability(w, s.Availability, now);
        WritePerformance(w, s.Performance, trend);
        WriteResources(w, s.Resources);
        WriteErrors(w, s.Errors, now);
        WriteSelfTest(w, s, now);
        WriteFaults(w, s.Faults);
        WriteOpenAlerts(w, open, now);
        return DashboardMessageSplitter.Split(w.ToString(), format);
    }

    public async Task<IReadOnlyList<string>> RenderOpenAlertsAsync(DashboardFormat format, CancellationToken cancellationToken = default)
    {
        var open = await store.GetOpenAlertsAsync(cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var w = new DashboardWriter(format);
        if (open.Count == 0)
        {
            w.Line("✅ No open alerts.");
        }
        else
        {
            w.Text("🚨 ").Bold($"Open alerts ({open.Count})").Line();
            foreach (var alert in open)
            {
                WriteOpenAlert(w, alert, now);
            }

            w.Line().Line("Acknowledge one with /ack <id>.");
        }

        return DashboardMessageSplitter.Split(w.ToString(), format);
    }

    public IReadOnlyList<string> RenderNotification(AlertNotification notification, DashboardFormat format)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var w = new DashboardWriter(format);
        var at = notification.CreatedAt;
        if (!notification.IsGrouped)
        {
            var alert = notification.Alerts[0];
            if (alert.State == AlertState.Resolved)
            {
                w.Text("✅ ").Bold("RESOLVED").Text(" · ").Bold(alert.PluginId).Text($" · {alert.RuleId}").Line()
                    .Line(alert.Message)
                    .Line($"Was {alert.Level} for {Duration((alert.ResolvedAt ?? at) - alert.RaisedAt)}.");
            }
            else
            {
                w.Text($"{LevelEmoji(alert.Level)} ").Bold(alert.Level.ToString().ToUpperInvariant()).Text(" · ").Bold(alert.PluginId).Text($" · {alert.RuleId}").Line()
                    .Line(alert.Message);
                if (alert.Value is { } value)
                {
                    w.Line($"Value {Number(value, "0.##")}{(alert.Threshold is { } threshold ? $", threshold {Number(threshold, "0.##")}" : string.Empty)}");
                }

                w.Line($"Firing for {Duration(at - alert.RaisedAt)}, since {Time(alert.RaisedAt)}")
                    .Text("Acknowledge: ").Code($"/ack {alert.ShortId}").Line();
            }
        }
        else
        {
            w.Text("🚨 ").Bold($"{notification.Alerts.Count} health alerts").Line();
            foreach (var alert in notification.Alerts)
            {
                w.Text($"{AlertEmoji(alert)} ").Bold(alert.PluginId).Text($" · {alert.RuleId}")
                    .Text(alert.State == AlertState.Resolved ? " resolved" : $" {alert.Level}")
                    .Text($": {OneLine(alert.Message)}");
                if (alert.State == AlertState.Firing)
                {
                    w.Text(" ").Code(alert.ShortId);
                }

                w.Line();
            }
        }

        return DashboardMessageSplitter.Split(w.ToString(), format);
    }

    private static string TrendHours =>
        HealthDashboardDefaults.TrendWindow.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h";

    private static bool IsHost(PluginHealthSnapshot s) => PluginId.Comparer.Equals(s.PluginId, HealthDashboardDefaults.HostPluginId);

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static void WriteTree(DashboardWriter w, PluginHealthSnapshot s, string? trend)
    {
        var a = s.Availability;
        w.Text($"{StatusEmoji(a.Status)} ").Bold(s.PluginId).Line()
            .Line($"├ Status: {a.Status}");
        if (a.Status != PluginHealthStatus.Healthy && a.Reason is { Length: > 0 } reason)
        {
            w.Line($"├ Why: {OneLine(reason, HealthDashboardDefaults.OverviewTextLength)}");
        }

        w.Line($"├ Uptime: {Duration(a.Uptime)}")
            .Line($"├ Exec Time: {(s.Performance.P95ExecutionTimeMs is { } p95 ? $"{Number(p95)} ms (P95)" : Unknown)}")
            .Line($"├ Memory: {WithUnit(s.Resources.MemoryUsageMb, " MB")}")
            .Line($"├ CPU: {WithUnit(s.Resources.CpuUsagePct, "%")}")
            .Line($"├ Error Rate: {WithUnit(s.Errors.ErrorRatePct, "%", "0.00")}")
            .Line($"└ P95 trend ({TrendHours}): {trend ?? Unknown}")
            .Line();
    }

    private static void WriteTable(DashboardWriter w, List<PluginHealthSnapshot> ordered, string?[] trends)
    {
        var idWidth = Math.Max(20, ordered.Count == 0 ? 0 : ordered.Max(s => s.PluginId.Length));
        var c = CultureInfo.InvariantCulture;
        w.Line(string.Format(c, "     {0} {1,-8} {2,9} {3,8} {4,8} {5,6} {6,6}  {7}", "PLUGIN".PadRight(idWidth), "STATUS", "UPTIME", "P95 ms", "MEM MB", "CPU %", "ERR %", $"P95 TREND ({TrendHours})").TrimEnd());
        for (var i = 0; i < ordered.Count; i++)
        {
            var s = ordered[i];
            var a = s.Availability;
            w.Line(string.Format(
                c,
                "  {0} {1} {2,-8} {3,9} {4,8} {5,8} {6,6} {7,6}  {8}",
                StatusEmoji(a.Status),
                s.PluginId.PadRight(idWidth),
                a.Status,
                Duration(a.Uptime),
                Number(s.Performance.P95ExecutionTimeMs, "0.0"),
                Number(s.Resources.MemoryUsageMb, "0.0"),
                Number(s.Resources.CpuUsagePct, "0.0"),
                Number(s.Errors.ErrorRatePct, "0.00"),
                trends[i] ?? Unknown).TrimEnd());
            if (a.Status != PluginHealthStatus.Healthy && a.Reason is { Length: > 0 } reason)
            {
                w.Line($"       why: {OneLine(reason, HealthDashboardDefaults.OverviewTextLength)}");
            }
        }
    }

    private static void WritePluginHeader(DashboardWriter w, PluginHealthSnapshot s, DateTimeOffset now)
    {
        var a = s.Availability;
        w.Text($"{StatusEmoji(a.Status)} ").Bold(s.PluginId).Text($" · {a.Status}").Line();
        w.Italic($"checked {Time(s.Timestamp)} ({Ago(s.Timestamp, now)})").Line();
        if (a.Reason is { Length: > 0 } reason)
        {
            w.Line($"Why: {OneLine(reason)}");
        }
    }

    private static void WriteAvailability(DashboardWriter w, PluginAvailabilityMetrics a, DateTimeOffset now) =>
        w.Line().Bold("Availability").Line()
            .Line($"├ Running: {YesNo(a.IsRunning)}")
            .Line($"├ Responsive: {YesNo(a.IsResponsive)}")
            .Line($"├ Last activity: {(a.LastHeartbeat is { } hb ? Ago(hb, now) : Unknown)}")
            .Line($"└ Uptime: {Duration(a.Uptime)}");

    private static void WritePerformance(DashboardWriter w, PluginPerformanceMetrics p, string? trend) =>
        w.Line().Bold("Performance (1 h)").Line()
            .Line($"├ Exec time: avg {WithUnit(p.AvgExecutionTimeMs, " ms")}, P50 {WithUnit(p.P50ExecutionTimeMs, " ms")}, P95 {WithUnit(p.P95ExecutionTimeMs, " ms")}, P99 {WithUnit(p.P99ExecutionTimeMs, " ms")}")
            .Line($"├ P95 trend ({TrendHours}): {trend ?? Unknown}")
            .Line($"├ Signals: {Number(p.SignalsProcessed1h)}, orders: {Number(p.OrdersPlaced1h)}")
            .Line($"└ Signal accuracy: {WithUnit(p.SignalAccuracyPct, "%")}, win rate: {WithUnit(p.WinRatePct, "%")}");

    private static void WriteResources(DashboardWriter w, PluginResourceMetrics r) =>
        w.Line().Bold("Resources").Line()
            .Line($"├ Memory: {WithUnit(r.MemoryUsageMb, " MB")}{(r.MemoryLimitMb is { } limit ? $" of {WithUnit(limit, " MB")}" : string.Empty)}")
            .Line($"├ CPU: {WithUnit(r.CpuUsagePct, "%")}")
            .Line($"├ DB connections: {Number(r.DbConnectionsActive)} of {Number(r.DbConnectionsMax)}, query avg {WithUnit(r.DbQueryTimeAvgMs, " ms")}")
            .Line($"└ Open files: {Number(r.OpenFileHandles)}");

    private static void WriteErrors(DashboardWriter w, PluginErrorMetrics e, DateTimeOffset now)
    {
        w.Line().Bold("Errors (1 h)").Line()
            .Line($"├ Errors: {Number(e.TotalErrors)} (critical {Number(e.CriticalErrors)}), warnings: {Number(e.Warnings)}")
            .Line($"├ Error rate: {WithUnit(e.ErrorRatePct, "%", "0.00")}");
        if (e.LastErrorMessage is null && e.LastErrorType is null)
        {
            // No message and no count is unknown, not "none".
            w.Line($"└ Last error: {(e.TotalErrors is null ? Unknown : "none")}");
        }
        else
        {
            var when = e.LastErrorTimestamp is { } at ? $" ({Ago(at, now)})" : string.Empty;
            w.Text($"└ Last error{when}: ").Code(e.LastErrorType ?? "error").Text($" {OneLine(e.LastErrorMessage)}").Line();
        }
    }

    private static void WriteSelfTest(DashboardWriter w, PluginHealthSnapshot s, DateTimeOffset now)
    {
        w.Line().Bold("Self-test").Text(": ");
        if (s.SelfTest is not { } test)
        {
            w.Line("not run yet");
            return;
        }

        var when = s.SelfTestCompletedAt is { } done ? $" ({Ago(done, now)})" : string.Empty;
        w.Text(test.Passed ? "✅ passed" : "❌ failed").Text(when)
            .Text(string.IsNullOrEmpty(test.Message) ? string.Empty : $": {OneLine(test.Message)}").Line();
    }

    private static void WriteFaults(DashboardWriter w, IReadOnlyList<string> faults)
    {
        if (faults.Count == 0)
        {
            return;
        }

        w.Line().Bold("Faults this cycle").Line();
        foreach (var fault in faults)
        {
            w.Line($"• {OneLine(fault)}");
        }
    }

    private static void WriteOpenAlerts(DashboardWriter w, List<HealthAlert> open, DateTimeOffset now)
    {
        w.Line().Bold($"Open alerts ({open.Count})").Line();
        if (open.Count == 0)
        {
            w.Line("none");
        }

        foreach (var alert in open)
        {
            WriteOpenAlert(w, alert, now);
        }
    }

    private static void WriteOpenAlert(DashboardWriter w, HealthAlert alert, DateTimeOffset now)
    {
        w.Text($"{LevelEmoji(alert.Level)} ").Code(alert.ShortId).Text(" ").Bold(alert.PluginId)
            .Text($" · {alert.RuleId} · {alert.Level}, firing {Duration(now - alert.RaisedAt)}")
            .Text(alert.AcknowledgedBy is { } by ? $", acknowledged by {by}" : string.Empty)
            .Line()
            .Line($"   {OneLine(alert.Message, HealthDashboardDefaults.OverviewTextLength)}");
    }

    private async Task<string?> TrendAsync(string pluginId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = now - HealthDashboardDefaults.TrendWindow;
        var history = await store.GetHistoryAsync(pluginId, from, now, cancellationToken).ConfigureAwait(false);
        return Sparkline.OfP95(history, from, now, HealthDashboardDefaults.TrendBuckets);
    }
}
