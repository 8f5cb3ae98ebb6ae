using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring;

/// <summary>Maps <see cref="AlertSilence"/> to and from <c>health_alert_silences</c>.</summary>
internal static class SqliteSilenceRows
{
    public const string SelectList = "id, plugin_id, rule_id, created_at, until, reason, created_by, max_level";

    public const string UpsertSql =
        """
        INSERT INTO health_alert_silences (id, plugin_id, rule_id, created_at, until, reason, created_by, max_level)
        VALUES ($id, $plugin_id, $rule_id, $created_at, $until, $reason, $created_by, $max_level)
        ON CONFLICT (id) DO UPDATE SET
            plugin_id = excluded.plugin_id, rule_id = excluded.rule_id, created_at = excluded.created_at,
            until = excluded.until, reason = excluded.reason, created_by = excluded.created_by,
            max_level = excluded.max_level;
        """;

    public static void Bind(SqliteCommand command, AlertSilence silence)
    {
        var p = command.Parameters;
        p.Clear();
        p.AddWithValue("$id", SqliteAlertRows.GuidText(silence.Id));
        p.AddWithValue("$plugin_id", (object?)silence.PluginId ?? DBNull.Value);
        p.AddWithValue("$rule_id", (object?)silence.RuleId ?? DBNull.Value);
        p.AddWithValue("$created_at", SqliteTime.ToDb(silence.CreatedAt));
        p.AddWithValue("$until", SqliteTime.ToDb(silence.Until));
        p.AddWithValue("$reason", silence.Reason);
        p.AddWithValue("$created_by", silence.CreatedBy);
        p.AddWithValue("$max_level", silence.MaxLevel is { } level ? level.ToString() : DBNull.Value);
    }

    public static AlertSilence Read(SqliteDataReader r) => new()
    {
        Id = Guid.Parse(r.GetString(0), CultureInfo.InvariantCulture),
        PluginId = r.IsDBNull(1) ? null : r.GetString(1),
        RuleId = r.IsDBNull(2) ? null : r.GetString(2),
        CreatedAt = SqliteTime.FromDb(r.GetInt64(3)),
        Until = SqliteTime.FromDb(r.GetInt64(4)),
        Reason = r.GetString(5),
        CreatedBy = r.GetString(6),
        MaxLevel = r.IsDBNull(7) ? null : Enum.Parse<AlertLevel>(r.GetString(7)),
    };
}
