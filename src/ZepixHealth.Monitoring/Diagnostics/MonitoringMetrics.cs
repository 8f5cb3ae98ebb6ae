using System.Diagnostics;

namespace ZepixHealth.Monitoring;

/// <summary>Records the cycle's and the alerts' measurements; each call costs a check when nothing listens.</summary>
internal static class MonitoringMetrics
{
    /// <summary>Records one finished cycle's duration.</summary>
    public static void CycleCompleted(TimeSpan elapsed)
    {
        if (MonitoringDiagnostics.CycleDuration.Enabled)
        {
            MonitoringDiagnostics.CycleDuration.Record(elapsed.TotalSeconds);
        }
    }

    /// <summary>Counts an alert change that the sinks are told about (fired, escalated, reminder, resolved).</summary>
    public static void AlertChanged(AlertChange change)
    {
        if (!change.IsNotifiable || !MonitoringDiagnostics.Alerts.Enabled)
        {
            return;
        }

        var alert = change.Alert;
        var tags = new TagList
        {
            { MonitoringDiagnostics.PluginIdTag, alert.PluginId },
            { "alert.rule", alert.RuleId },
            { "alert.level", LevelName(alert.Level) },
            { "alert.transition", TransitionName(change.Kind) },
        };
        MonitoringDiagnostics.Alerts.Add(1, tags);
    }

    // Constant strings, so that counting allocates no enum name.
    private static string LevelName(AlertLevel level) => level switch
    {
        AlertLevel.Warning => "warning",
        AlertLevel.High => "high",
        AlertLevel.Critical => "critical",
        _ => "unknown",
    };

    private static string TransitionName(AlertChangeKind kind) => kind switch
    {
        AlertChangeKind.Fired => "fired",
        AlertChangeKind.Escalated => "escalated",
        AlertChangeKind.Deescalated => "deescalated",
        AlertChangeKind.Reminder => "reminder",
        AlertChangeKind.Resolved => "resolved",
        AlertChangeKind.FlappingStarted => "flapping_started",
        AlertChangeKind.FlappingEnded => "flapping_ended",
        _ => "updated",
    };
}
