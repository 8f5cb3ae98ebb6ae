namespace ZepixHealth.Monitoring;

/// <summary>
/// Schema version 5: the data moves to <c>health_snapshot_rows</c> and <c>health_alert_rows</c> (ticks,
/// as the store reads and writes them), and <c>plugin_health_snapshots</c> and <c>health_alerts</c>
/// become views with the seed's columns, so the operator's sqlite3 queries work as the seed wrote them:
/// <c>timestamp</c> is UTC text that SQLite's date functions compare (<c>'2026-05-01 12:00:03.250'</c>),
/// statuses and levels are upper case. <c>ALTER TABLE … RENAME</c> keeps every row and every index.
/// </summary>
internal static class SqliteSeedViews
{
    public const string Description = "seed-compatible views plugin_health_snapshots and health_alerts; alert short ids";

    public static string Sql { get; } =
        $"""
        ALTER TABLE plugin_health_snapshots RENAME TO health_snapshot_rows;
        ALTER TABLE health_alerts RENAME TO health_alert_rows;
        ALTER TABLE health_alert_rows ADD COLUMN short_id TEXT;
        UPDATE health_alert_rows SET short_id = lower(substr(replace(id, '-', ''), 25, 8));
        CREATE INDEX IF NOT EXISTS ix_health_alert_rows_short_id ON health_alert_rows (short_id) WHERE resolved = 0;
        {Snapshots}
        {Alerts}
        """;

    private static string Snapshots =>
        $"""
        CREATE VIEW IF NOT EXISTS plugin_health_snapshots AS
        SELECT id,
               plugin_id,
               {Utc("timestamp")} AS timestamp,
               is_running,
               is_responsive,
               upper(status) AS health_status,
               CAST(uptime_ticks / 10000000 AS INTEGER) AS uptime_seconds,
               avg_execution_ms AS avg_execution_time_ms,
               p95_execution_ms AS p95_execution_time_ms,
               signals_1h AS signals_processed_1h,
               win_rate_pct,
               memory_mb AS memory_usage_mb,
               cpu_pct AS cpu_usage_pct,
               db_connections_active,
               total_errors,
               error_rate_pct,
               status_reason,
               {Utc("last_heartbeat")} AS last_heartbeat,
               p50_execution_ms AS p50_execution_time_ms,
               p99_execution_ms AS p99_execution_time_ms,
               orders_1h AS orders_placed_1h,
               signal_accuracy_pct,
               memory_limit_mb,
               db_connections_max,
               db_query_avg_ms AS db_query_time_avg_ms,
               open_file_handles,
               critical_errors,
               warnings,
               last_error_message,
               last_error_type,
               {Utc("last_error_at")} AS last_error_timestamp,
               self_test_passed,
               self_test_message,
               {Utc("self_test_at")} AS self_test_at,
               managed_heap_mb,
               threads,
               faults
        FROM health_snapshot_rows;
        """;

    private static string Alerts =>
        $"""
        CREATE VIEW IF NOT EXISTS health_alerts AS
        SELECT rowid AS id,
               plugin_id,
               upper(level) AS alert_level,
               message,
               {Utc("raised_at")} AS timestamp,
               resolved,
               {Utc("resolved_at")} AS resolved_at,
               short_id,
               id AS alert_id,
               rule_id,
               value,
               threshold,
               upper(state) AS state,
               send_count,
               acknowledged_by,
               {Utc("acknowledged_at")} AS acknowledged_at,
               silenced_by,
               {Utc("silenced_at")} AS silenced_at
        FROM health_alert_rows;
        """;

    // Ticks since 1970 → 'YYYY-MM-DD HH:MM:SS.SSS' UTC, the form CURRENT_TIMESTAMP and datetime() compare with.
    private static string Utc(string column) =>
        $"strftime('%Y-%m-%d %H:%M:%f', {column} / 10000000.0, 'unixepoch')";
}
