namespace ZepixHealth.Monitoring;

/// <summary>
/// The store's tables. Every timestamp in the tables is an INTEGER: 100-nanosecond ticks since 1970-01-01 UTC
/// (read in the sqlite3 shell with <c>datetime(col / 10000000, 'unixepoch')</c>). Ticks are .NET's own
/// resolution, so a <see cref="DateTimeOffset"/> round-trips exactly; an integer sorts and compares
/// in the index without parsing and takes at most 8 bytes, where ISO-8601 text takes 28.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The library's own version table; the host's <c>PRAGMA user_version</c> is never read or written.</summary>
    public const string VersionTable = "health_schema_migrations";

    public const string CreateVersionTable =
        """
        CREATE TABLE IF NOT EXISTS health_schema_migrations (
            version     INTEGER PRIMARY KEY,
            description TEXT    NOT NULL,
            applied_at  INTEGER NOT NULL
        );
        """;

    private const string Version1 =
        """
        CREATE TABLE IF NOT EXISTS plugin_health_snapshots (
            id                    INTEGER PRIMARY KEY,
            plugin_id             TEXT    NOT NULL,
            timestamp             INTEGER NOT NULL,
            status                TEXT    NOT NULL,
            is_running            INTEGER NOT NULL,
            is_responsive         INTEGER NOT NULL,
            last_heartbeat        INTEGER,
            uptime_ticks          INTEGER,
            status_reason         TEXT,
            avg_execution_ms      REAL,
            p50_execution_ms      REAL,
            p95_execution_ms      REAL,
            p99_execution_ms      REAL,
            signals_1h            INTEGER,
            orders_1h             INTEGER,
            signal_accuracy_pct   REAL,
            win_rate_pct          REAL,
            memory_mb             REAL,
            memory_limit_mb       REAL,
            cpu_pct               REAL,
            db_connections_active INTEGER,
            db_connections_max    INTEGER,
            db_query_avg_ms       REAL,
            open_file_handles     INTEGER,
            total_errors          INTEGER,
            critical_errors       INTEGER,
            warnings              INTEGER,
            error_rate_pct        REAL,
            last_error_message    TEXT,
            last_error_type       TEXT,
            last_error_at         INTEGER,
            self_test_passed      INTEGER,
            self_test_message     TEXT,
            self_test_at          INTEGER,
            faults                TEXT
        );
        CREATE INDEX IF NOT EXISTS ix_plugin_health_snapshots_plugin_time
            ON plugin_health_snapshots (plugin_id, timestamp);

        CREATE TABLE IF NOT EXISTS health_alerts (
            id              TEXT    PRIMARY KEY,
            plugin_id       TEXT    NOT NULL,
            rule_id         TEXT    NOT NULL,
            level           TEXT    NOT NULL,
            message         TEXT    NOT NULL,
            value           REAL,
            threshold       REAL,
            raised_at       INTEGER NOT NULL,
            state           TEXT    NOT NULL,
            resolved        INTEGER NOT NULL DEFAULT 0,
            resolved_at     INTEGER,
            send_count      INTEGER NOT NULL DEFAULT 0,
            last_sent_at    INTEGER,
            silenced_by     TEXT,
            silenced_at     INTEGER,
            acknowledged_by TEXT,
            acknowledged_at INTEGER
        );
        CREATE INDEX IF NOT EXISTS ix_health_alerts_open
            ON health_alerts (resolved, plugin_id, rule_id);
        CREATE INDEX IF NOT EXISTS ix_health_alerts_raised_at
            ON health_alerts (raised_at);
        CREATE INDEX IF NOT EXISTS ix_health_alerts_resolved_at
            ON health_alerts (resolved_at) WHERE resolved = 1;
        """;

    // No REFERENCES clause: whether foreign keys are enforced is the connection's choice, and a host that
    // turns them on must not see our outbox writes fail for an ordering reason of ours.
    private const string Version2 =
        """
        CREATE TABLE IF NOT EXISTS health_alert_deliveries (
            id              TEXT    PRIMARY KEY,
            notification_id TEXT    NOT NULL,
            alert_id        TEXT    NOT NULL,
            sink            TEXT    NOT NULL,
            alert_state     TEXT    NOT NULL,
            alert_level     TEXT    NOT NULL,
            created_at      INTEGER NOT NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            last_error      TEXT,
            delivered_at    INTEGER,
            failed_at       INTEGER
        );
        CREATE INDEX IF NOT EXISTS ix_health_alert_deliveries_pending
            ON health_alert_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
        CREATE INDEX IF NOT EXISTS ix_health_alert_deliveries_alert
            ON health_alert_deliveries (alert_id);
        """;

    private const string Version3 =
        """
        CREATE TABLE IF NOT EXISTS health_alert_silences (
            id         TEXT    PRIMARY KEY,
            plugin_id  TEXT,
            rule_id    TEXT,
            created_at INTEGER NOT NULL,
            until      INTEGER NOT NULL,
            reason     TEXT    NOT NULL,
            created_by TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_health_alert_silences_until
            ON health_alert_silences (until);
        """;

    private const string Version4 =
        """
        ALTER TABLE plugin_health_snapshots ADD COLUMN managed_heap_mb REAL;
        ALTER TABLE plugin_health_snapshots ADD COLUMN threads INTEGER;
        ALTER TABLE plugin_health_snapshots ADD COLUMN allocated_bytes INTEGER;
        """;

    private const string Version6 =
        """
        ALTER TABLE health_alert_rows ADD COLUMN inhibited_by TEXT;
        ALTER TABLE health_alert_rows ADD COLUMN flapping_since INTEGER;
        ALTER TABLE health_alert_silences ADD COLUMN max_level TEXT;
        """;

    // The history index carries the charted figures, so a plugin's bucketed history is one sequential
    // read of the index instead of one table page per row (a plugin's rows are spread over every page).
    private const string Version7 =
        """
        DROP INDEX IF EXISTS ix_plugin_health_snapshots_plugin_time;
        CREATE INDEX IF NOT EXISTS ix_health_snapshot_rows_history
            ON health_snapshot_rows (plugin_id, timestamp, status, p95_execution_ms, p99_execution_ms,
                                     error_rate_pct, memory_mb, cpu_pct, signals_1h);
        """;

    /// <summary>Every migration, in order. Append new ones; never edit a released one.</summary>
    public static IReadOnlyList<SqliteMigration> Migrations { get; } =
    [
        new(1, "plugin_health_snapshots and health_alerts", Version1),
        new(2, "health_alert_deliveries (alert outbox)", Version2),
        new(3, "health_alert_silences (maintenance windows)", Version3),
        new(4, "plugin_health_snapshots: managed heap, threads, allocated bytes", Version4),
        new(5, SqliteSeedViews.Description, SqliteSeedViews.Sql),
        new(6, "health_alert_rows: inhibited by, flapping since; health_alert_silences: max level", Version6),
        new(7, "health_snapshot_rows: history index covers the charted figures", Version7),
        new(8, "health_snapshot_rollups (history roll-ups for long retention)", SqliteRollupSql.CreateTable),
    ];

    public static int LatestVersion => Migrations[^1].Version;
}
