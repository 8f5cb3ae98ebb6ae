using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring;

/// <summary>Maps <see cref="HealthAlert"/> and <see cref="AlertDelivery"/> to and from rows of <c>health_alert_rows</c> and <c>health_alert_deliveries</c>.</summary>
internal static class SqliteAlertRows
{
    public const string AlertSelectList =
        "id, plugin_id, rule_id, level, message, value, threshold, raised_at, state, resolved_at, " +
        "send_count, last_sent_at, silenced_by, silenced_at, acknowledged_by, acknowledged_at, short_id, inhibited_by, flapping_since";

    public const string UpsertAlertSql =
        """
        INSERT INTO health_alert_rows (id, plugin_id, rule_id, level, message, value, threshold, raised_at, state, resolved, resolved_at,
                                   send_count, last_sent_at, silenced_by, silenced_at, acknowledged_by, acknowledged_at, short_id, inhibited_by, flapping_since)
        VALUES ($id, $plugin_id, $rule_id, $level, $message, $value, $threshold, $raised_at, $state, $resolved, $resolved_at,
                $send_count, $last_sent_at, $silenced_by, $silenced_at, $acknowledged_by, $acknowledged_at, $short_id, $inhibited_by, $flapping_since)
        ON CONFLICT (id) DO UPDATE SET
            plugin_id = excluded.plugin_id, rule_id = excluded.rule_id, level = excluded.level, message = excluded.message,
            value = excluded.value, threshold = excluded.threshold, raised_at = excluded.raised_at, state = excluded.state,
            resolved = excluded.resolved, resolved_at = excluded.resolved_at, send_count = excluded.send_count,
            last_sent_at = excluded.last_sent_at, silenced_by = excluded.silenced_by, silenced_at = excluded.silenced_at,
            acknowledged_by = excluded.acknowledged_by, acknowledged_at = excluded.acknowledged_at, short_id = excluded.short_id,
            inhibited_by = excluded.inhibited_by, flapping_since = excluded.flapping_since;
        """;

    public const string DeliverySelectList =
        "id, notification_id, alert_id, sink, alert_state, alert_level, created_at, attempts, next_attempt_at, last_error, delivered_at, failed_at";

    public const string InsertDeliverySql =
        """
        INSERT INTO health_alert_deliveries (id, notification_id, alert_id, sink, alert_state, alert_level, created_at, attempts,
                                             next_attempt_at, last_error, delivered_at, failed_at)
        VALUES ($id, $notification_id, $alert_id, $sink, $alert_state, $alert_level, $created_at, $attempts,
                $next_attempt_at, $last_error, $delivered_at, $failed_at)
        ON CONFLICT (id) DO NOTHING;
        """;

    public static void BindAlert(SqliteCommand command, HealthAlert alert)
    {
        var p = command.Parameters;
        p.Clear();
        p.AddWithValue("$id", GuidText(alert.Id));
        p.AddWithValue("$plugin_id", alert.PluginId);
        p.AddWithValue("$rule_id", alert.RuleId);
        p.AddWithValue("$level", alert.Level.ToString());
        p.AddWithValue("$message", alert.Message);
        p.AddWithValue("$value", alert.Value is { } v ? v : DBNull.Value);
        p.AddWithValue("$threshold", alert.Threshold is { } t ? t : DBNull.Value);
        p.AddWithValue("$raised_at", SqliteTime.ToDb(alert.RaisedAt));
        p.AddWithValue("$state", alert.State.ToString());
        p.AddWithValue("$resolved", alert.State == AlertState.Resolved ? 1L : 0L);
        p.AddWithValue("$resolved_at", SqliteTime.ToDb(alert.ResolvedAt));
        p.AddWithValue("$send_count", (long)alert.SendCount);
        p.AddWithValue("$last_sent_at", SqliteTime.ToDb(alert.LastSentAt));
        p.AddWithValue("$silenced_by", (object?)alert.SilencedBy ?? DBNull.Value);
        p.AddWithValue("$silenced_at", SqliteTime.ToDb(alert.SilencedAt));
        p.AddWithValue("$acknowledged_by", (object?)alert.AcknowledgedBy ?? DBNull.Value);
        p.AddWithValue("$acknowledged_at", SqliteTime.ToDb(alert.AcknowledgedAt));
        p.AddWithValue("$short_id", alert.ShortId);
        p.AddWithValue("$inhibited_by", (object?)alert.InhibitedBy ?? DBNull.Value);
        p.AddWithValue("$flapping_since", SqliteTime.ToDb(alert.FlappingSince));
    }

    public static HealthAlert ReadAlert(SqliteDataReader r)
    {
        var id = Guid.Parse(r.GetString(0));

        // The default is left unset, so an alert reads back equal to the one written.
        var shortId = SqliteSnapshotRows.Text(r, 16);
        return ReadAlert(r, id, shortId == HealthAlert.DefaultShortId(id) ? string.Empty : shortId ?? string.Empty);
    }

    private static HealthAlert ReadAlert(SqliteDataReader r, Guid id, string shortId) => new()
    {
        Id = id,
        PluginId = r.GetString(1),
        RuleId = r.GetString(2),
        Level = Enum.Parse<AlertLevel>(r.GetString(3)),
        Message = r.GetString(4),
        Value = SqliteSnapshotRows.Real(r, 5),
        Threshold = SqliteSnapshotRows.Real(r, 6),
        RaisedAt = SqliteTime.FromDb(r.GetInt64(7)),
        State = Enum.Parse<AlertState>(r.GetString(8)),
        ResolvedAt = SqliteSnapshotRows.Time(r, 9),
        SendCount = r.GetInt32(10),
        LastSentAt = SqliteSnapshotRows.Time(r, 11),
        SilencedBy = SqliteSnapshotRows.Text(r, 12),
        SilencedAt = SqliteSnapshotRows.Time(r, 13),
        AcknowledgedBy = SqliteSnapshotRows.Text(r, 14),
        AcknowledgedAt = SqliteSnapshotRows.Time(r, 15),
        ShortId = shortId,
        InhibitedBy = SqliteSnapshotRows.Text(r, 17),
        FlappingSince = SqliteSnapshotRows.Time(r, 18),
    };

    public static void BindDelivery(SqliteCommand command, AlertDelivery delivery)
    {
        var p = command.Parameters;
        p.Clear();
        p.AddWithValue("$id", GuidText(delivery.Id));
        p.AddWithValue("$notification_id", GuidText(delivery.NotificationId));
        p.AddWithValue("$alert_id", GuidText(delivery.AlertId));
        p.AddWithValue("$sink", delivery.Sink);
        p.AddWithValue("$alert_state", delivery.AlertState.ToString());
        p.AddWithValue("$alert_level", delivery.AlertLevel.ToString());
        p.AddWithValue("$created_at", SqliteTime.ToDb(delivery.CreatedAt));
        p.AddWithValue("$attempts", (long)delivery.Attempts);
        p.AddWithValue("$next_attempt_at", SqliteTime.ToDb(delivery.NextAttemptAt));
        p.AddWithValue("$last_error", (object?)delivery.LastError ?? DBNull.Value);
        p.AddWithValue("$delivered_at", SqliteTime.ToDb(delivery.DeliveredAt));
        p.AddWithValue("$failed_at", SqliteTime.ToDb(delivery.FailedAt));
    }

    public static AlertDelivery ReadDelivery(SqliteDataReader r) => new()
    {
        Id = Guid.Parse(r.GetString(0)),
        NotificationId = Guid.Parse(r.GetString(1)),
        AlertId = Guid.Parse(r.GetString(2)),
        Sink = r.GetString(3),
        AlertState = Enum.Parse<AlertState>(r.GetString(4)),
        AlertLevel = Enum.Parse<AlertLevel>(r.GetString(5)),
        CreatedAt = SqliteTime.FromDb(r.GetInt64(6)),
        Attempts = r.GetInt32(7),
        NextAttemptAt = SqliteTime.FromDb(r.GetInt64(8)),
        LastError = SqliteSnapshotRows.Text(r, 9),
        DeliveredAt = SqliteSnapshotRows.Time(r, 10),
        FailedAt = SqliteSnapshotRows.Time(r, 11),
    };

    // One canonical text form, so that ids compare equal in SQL whoever wrote them.
    public static string GuidText(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
