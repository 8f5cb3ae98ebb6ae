using System.Globalization;
using static ZepixHealth.Monitoring.DashboardFormatting;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The one renderer behind <see cref="IHealthDashboard"/>: each view is laid out once, on a
/// <see cref="DashboardWriter"/> that emits Telegram HTML or plain text, then split into messages.
/// The overview differs in layout only: Telegram gets a tree per plugin (a proportional font ruins
/// tables), a console or a log gets one aligned row per plugin.
/// </summary>
internal sealed class HealthDashboard(IHealthStore store, TimeProvider timeProvider, TimeSpan? collectionInterval = null) : IHealthDashboard
{
    private const string Rule = "━━━━━━━━━━━━━━━━━━━━";

    private readonly TimeSpan _stalledAfter = HealthDashboardDefaults.StalledAfterIntervals * (collectionInterval ?? PluginHealthDefaults.CollectionInterval);

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
        var rows = new List<(PluginHealthSnapshot, string?)>(snapshots.Count);
        foreach (var snapshot in snapshots)
        {
            rows.Add((snapshot, await TrendAsync(snapshot.PluginId, now, cancellationToken).ConfigureAwait(false)));
        }

        var open = await store.GetOpenAlertsAsync(cancellationToken).ConfigureAwait(false);
        var recent = await store.GetRecentAlertsAsync(HealthDashboardDefaults.RecentAlerts, cancellationToken).ConfigureAwait(false);
        var w = new DashboardWriter(format);
        DashboardOverview.Write(w, rows, open.Count, recent, now, _stalledAfter);
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

    /// <summary>"Firing since 14:02 UTC" for an alert just raised; "Firing for 5 min, since 14:02 UTC" after that.</summary>
    private static string FiringFor(HealthAlert alert, DateTimeOffset at)
    {
        var since = OperatorTime.ClockTime(alert.RaisedAt, at);
        return at - alert.RaisedAt < TimeSpan.FromMinutes(1)
            ? $"Firing since {since}"
            : $"Firing for {OperatorTime.Age(at - alert.RaisedAt)}, since {since}";
    }

    /// <summary>How long the problem lasted: "Lasted 12 min (Critical, 14:02 to 14:14 UTC)."</summary>
    private static string Lasted(HealthAlert alert, DateTimeOffset at)
    {
        var end = alert.ResolvedAt ?? at;
        var endClock = OperatorTime.ClockTime(end, at);
        var startClock = OperatorTime.ClockTime(alert.RaisedAt, at);
        var from = startClock.EndsWith(" UTC", StringComparison.Ordinal) && endClock.EndsWith(" UTC", StringComparison.Ordinal) ? startClock[..^4] : startClock;
        return $"Lasted {OperatorTime.Age(end - alert.RaisedAt)} ({alert.Level}, {from} to {endClock}).";
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
                    .Line(Lasted(alert, at));
            }
            else
            {
                w.Text($"{LevelEmoji(alert.Level)} ").Bold(alert.Level.ToString().ToUpperInvariant()).Text(" · ").Bold(alert.PluginId).Text($" · {alert.RuleId}").Line()
                    .Line(alert.Message);
                if (alert.Value is { } value)
                {
                    w.Line($"Value {Number(value, "0.##")}{(alert.Threshold is { } threshold ? $", threshold {Number(threshold, "0.##")}" : string.Empty)}");
                }

                w.Line(FiringFor(alert, at))
                    .Text("Acknowledge: ").Code($"/ack {alert.ShortId}").Line();
            }
        }
        else
        {
            w.Text("🚨 ").Bold($"{notification.Alerts.Count} health alerts").Line();
            foreach (var alert in notification.Alerts)
            {
                w.Text($"{AlertEmoji(alert)} ").Bold(alert.PluginId).Text($" · {alert.RuleId}")
                    .Text(alert.State == AlertState.Resolved
                        ? $" resolved after {OperatorTime.Age((alert.ResolvedAt ?? at) - alert.RaisedAt)}"
                        : at - alert.RaisedAt < TimeSpan.FromMinutes(1) ? $" {alert.Level}" : $" {alert.Level} for {OperatorTime.Age(at - alert.RaisedAt)}")
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

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static void WritePluginHeader(DashboardWriter w, PluginHealthSnapshot s, DateTimeOffset now)
    {
        var a = s.Availability;
        w.Text($"{StatusEmoji(a.Status)} ").Bold(s.PluginId).Text($" · {a.Status}").Line();
        w.Italic($"checked {Ago(s.Timestamp, now)}").Line();
        if (a.Reason is { Length: > 0 } reason)
        {
            w.Line($"Why: {OneLine(reason)}");
        }
    }

    /// <summary>A titled section of the known lines; left out when none is known.</summary>
    private static void WriteSection(DashboardWriter w, string title, DashboardTree tree)
    {
        if (tree.Count > 0)
        {
            w.Line().Bold(title).Line();
            tree.WriteTo(w);
        }
    }

    /// <summary>The known parts, joined; <see langword="null"/> when none is known.</summary>
    private static string? Join(params string?[] parts) =>
        parts.Any(p => p is not null) ? string.Join(", ", parts.OfType<string>()) : null;

    private static void WriteAvailability(DashboardWriter w, PluginAvailabilityMetrics a, DateTimeOffset now) =>
        WriteSection(w, "Availability", new DashboardTree()
            .Add("Running", YesNo(a.IsRunning))
            .Add("Responsive", YesNo(a.IsResponsive))
            .Add("Last activity", a.LastHeartbeat is { } hb ? Ago(hb, now) : null)
            .Add("Uptime", Known(a.Uptime)));

    private static void WritePerformance(DashboardWriter w, PluginPerformanceMetrics p, string? trend) =>
        WriteSection(w, "Performance (1 h)", new DashboardTree()
            .Add("Exec time", Join(
                Known(p.AvgExecutionTimeMs, " ms") is { } avg ? "avg " + avg : null,
                Known(p.P50ExecutionTimeMs, " ms") is { } p50 ? "P50 " + p50 : null,
                Known(p.P95ExecutionTimeMs, " ms") is { } p95 ? "P95 " + p95 : null,
                Known(p.P99ExecutionTimeMs, " ms") is { } p99 ? "P99 " + p99 : null))
            .Add($"P95 trend ({TrendHours})", trend)
            .Add("Signals", Known(p.SignalsProcessed1h, string.Empty))
            .Add("Orders", Known(p.OrdersPlaced1h, string.Empty))
            .Add("Signal accuracy", Known(p.SignalAccuracyPct, "%"))
            .Add("Win rate", Known(p.WinRatePct, "%")));

    private static void WriteResources(DashboardWriter w, PluginResourceMetrics r) =>
        WriteSection(w, "Resources", new DashboardTree()
            .Add("Memory", Known(r.MemoryUsageMb, " MB") is { } memory ? memory + (Known(r.MemoryLimitMb, " MB") is { } limit ? $" of {limit}" : string.Empty) : null)
            .Add("CPU", Known(r.CpuUsagePct, "%"))
            .Add("DB connections", r.DbConnectionsActive is { } active ? Number(active) + (r.DbConnectionsMax is { } max ? $" of {Number(max)}" : string.Empty) : null)
            .Add("DB query avg", Known(r.DbQueryTimeAvgMs, " ms"))
            .Add("Open files", Known(r.OpenFileHandles, string.Empty)));

    private static void WriteErrors(DashboardWriter w, PluginErrorMetrics e, DateTimeOffset now)
    {
        string? last = null;
        if (e.LastErrorMessage is not null || e.LastErrorType is not null)
        {
            var when = e.LastErrorTimestamp is { } at ? $" ({Ago(at, now)})" : string.Empty;
            last = e.LastErrorMessage is null ? $"{e.LastErrorType}{when}" : $"{e.LastErrorType ?? "error"}: {OneLine(e.LastErrorMessage)}{when}";
        }
        else if (e.TotalErrors is not null)
        {
            // A count with no message is "none"; no count and no message is unknown, and left out.
            last = "none";
        }

        WriteSection(w, "Errors (1 h)", new DashboardTree()
            .Add("Errors", Known(e.TotalErrors, string.Empty) is { } total ? total + (Known(e.CriticalErrors, string.Empty) is { } critical ? $" (critical {critical})" : string.Empty) : null)
            .Add("Warnings", Known(e.Warnings, string.Empty))
            .Add("Error rate", Known(e.ErrorRatePct, "%", "0.00"))
            .Add("Last error", last));
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
            .Text(alert.InhibitedBy is { } source ? $", inhibited by {source}" : string.Empty)
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
