using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring;

/// <summary>Maps <see cref="PluginHealthSnapshot"/> to and from a row of <c>health_snapshot_rows</c>.</summary>
internal static class SqliteSnapshotRows
{
    // Order matters: Bind writes and Read reads by position.
    private static readonly string[] Columns =
    [
        "plugin_id", "timestamp", "status", "is_running", "is_responsive", "last_heartbeat", "uptime_ticks", "status_reason",
        "avg_execution_ms", "p50_execution_ms", "p95_execution_ms", "p99_execution_ms", "signals_1h", "orders_1h",
        "signal_accuracy_pct", "win_rate_pct",
        "memory_mb", "memory_limit_mb", "cpu_pct", "db_connections_active", "db_connections_max", "db_query_avg_ms", "open_file_handles",
        "total_errors", "critical_errors", "warnings", "error_rate_pct", "last_error_message", "last_error_type", "last_error_at",
        "self_test_passed", "self_test_message", "self_test_at", "faults",
        "managed_heap_mb", "threads", "allocated_bytes",
    ];

    public static int ColumnCount => Columns.Length;

    public static string InsertSql { get; } =
        $"INSERT INTO health_snapshot_rows ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select((_, i) => "$p" + i))});";

    /// <summary>The columns, qualified with <c>s.</c>, for a SELECT whose rows <see cref="Read"/> maps.</summary>
    public static string SelectList { get; } = string.Join(", ", Columns.Select(c => "s." + c));

    /// <summary>Creates the prepared INSERT, its parameters in column order.</summary>
    public static SqliteCommand CreateInsert(SqliteConnection connection, out SqliteParameter[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = InsertSql;
        parameters = new SqliteParameter[Columns.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            // No SqliteType: each value's own type decides how it is bound.
            parameters[i] = new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value);
            command.Parameters.Add(parameters[i]);
        }

        return command;
    }

    public static void Bind(SqliteParameter[] p, PluginHealthSnapshot s)
    {
        var a = s.Availability;
        var perf = s.Performance ?? PluginPerformanceMetrics.Unknown;
        var res = s.Resources ?? PluginResourceMetrics.Unknown;
        var err = s.Errors ?? PluginErrorMetrics.Unknown;

        p[0].Value = s.PluginId;
        p[1].Value = SqliteTime.ToDb(s.Timestamp);
        p[2].Value = StatusText(a.Status);
        p[3].Value = a.IsRunning ? 1L : 0L;
        p[4].Value = a.IsResponsive ? 1L : 0L;
        p[5].Value = SqliteTime.ToDb(a.LastHeartbeat);
        p[6].Value = a.Uptime is { } up ? up.Ticks : DBNull.Value;
        p[7].Value = (object?)a.Reason ?? DBNull.Value;
        p[8].Value = Db(perf.AvgExecutionTimeMs);
        p[9].Value = Db(perf.P50ExecutionTimeMs);
        p[10].Value = Db(perf.P95ExecutionTimeMs);
        p[11].Value = Db(perf.P99ExecutionTimeMs);
        p[12].Value = Db(perf.SignalsProcessed1h);
        p[13].Value = Db(perf.OrdersPlaced1h);
        p[14].Value = Db(perf.SignalAccuracyPct);
        p[15].Value = Db(perf.WinRatePct);
        p[16].Value = Db(res.MemoryUsageMb);
        p[17].Value = Db(res.MemoryLimitMb);
        p[18].Value = Db(res.CpuUsagePct);
        p[19].Value = Db(res.DbConnectionsActive);
        p[20].Value = Db(res.DbConnectionsMax);
        p[21].Value = Db(res.DbQueryTimeAvgMs);
        p[22].Value = Db(res.OpenFileHandles);
        p[23].Value = Db(err.TotalErrors);
        p[24].Value = Db(err.CriticalErrors);
        p[25].Value = Db(err.Warnings);
        p[26].Value = Db(err.ErrorRatePct);
        p[27].Value = (object?)err.LastErrorMessage ?? DBNull.Value;
        p[28].Value = (object?)err.LastErrorType ?? DBNull.Value;
        p[29].Value = SqliteTime.ToDb(err.LastErrorTimestamp);
        p[30].Value = s.SelfTest is { } st ? (st.Passed ? 1L : 0L) : DBNull.Value;
        p[31].Value = (object?)s.SelfTest?.Message ?? DBNull.Value;
        p[32].Value = SqliteTime.ToDb(s.SelfTestCompletedAt);
        p[33].Value = s.Faults is { Count: > 0 } faults ? FaultsToJson(faults) : DBNull.Value;
        p[34].Value = Db(res.ManagedHeapMb);
        p[35].Value = Db(res.Threads);
        p[36].Value = Db(res.AllocatedBytes);
    }

    /// <summary>Maps a row whose first <see cref="ColumnCount"/> columns are <see cref="SelectList"/>.</summary>
    public static PluginHealthSnapshot Read(SqliteDataReader r) => new()
    {
        PluginId = r.GetString(0),
        Timestamp = SqliteTime.FromDb(r.GetInt64(1)),
        Availability = new PluginAvailabilityMetrics
        {
            Status = Enum.Parse<PluginHealthStatus>(r.GetString(2)),
            IsRunning = r.GetInt64(3) != 0,
            IsResponsive = r.GetInt64(4) != 0,
            LastHeartbeat = Time(r, 5),
            Uptime = r.IsDBNull(6) ? null : TimeSpan.FromTicks(r.GetInt64(6)),
            Reason = Text(r, 7),
        },
        Performance = new PluginPerformanceMetrics
        {
            AvgExecutionTimeMs = Real(r, 8),
            P50ExecutionTimeMs = Real(r, 9),
            P95ExecutionTimeMs = Real(r, 10),
            P99ExecutionTimeMs = Real(r, 11),
            SignalsProcessed1h = Long(r, 12),
            OrdersPlaced1h = Long(r, 13),
            SignalAccuracyPct = Real(r, 14),
            WinRatePct = Real(r, 15),
        },
        Resources = new PluginResourceMetrics
        {
            MemoryUsageMb = Real(r, 16),
            MemoryLimitMb = Real(r, 17),
            CpuUsagePct = Real(r, 18),
            DbConnectionsActive = Int(r, 19),
            DbConnectionsMax = Int(r, 20),
            DbQueryTimeAvgMs = Real(r, 21),
            OpenFileHandles = Int(r, 22),
            ManagedHeapMb = Real(r, 34),
            Threads = Int(r, 35),
            AllocatedBytes = Long(r, 36),
        },
        Errors = new PluginErrorMetrics
        {
            TotalErrors = Long(r, 23),
            CriticalErrors = Long(r, 24),
            Warnings = Long(r, 25),
            ErrorRatePct = Real(r, 26),
            LastErrorMessage = Text(r, 27),
            LastErrorType = Text(r, 28),
            LastErrorTimestamp = Time(r, 29),
        },
        SelfTest = r.IsDBNull(30) ? null : new SelfTestResult(r.GetInt64(30) != 0, Text(r, 31)),
        SelfTestCompletedAt = Time(r, 32),
        Faults = r.IsDBNull(33) ? [] : FaultsFromJson(r.GetString(33)),
    };

    internal static string StatusText(PluginHealthStatus status) => status switch
    {
        PluginHealthStatus.Healthy => nameof(PluginHealthStatus.Healthy),
        PluginHealthStatus.Stale => nameof(PluginHealthStatus.Stale),
        PluginHealthStatus.Hung => nameof(PluginHealthStatus.Hung),
        PluginHealthStatus.Dead => nameof(PluginHealthStatus.Dead),
        _ => status.ToString(),
    };

    private static object Db(double? value) => value is { } v ? v : DBNull.Value;

    private static object Db(long? value) => value is { } v ? v : DBNull.Value;

    private static object Db(int? value) => value is { } v ? (long)v : DBNull.Value;

    internal static double? Real(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static long? Long(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static int? Int(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    internal static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    internal static DateTimeOffset? Time(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : SqliteTime.FromDb(r.GetInt64(i));

    // A JSON array keeps faults that contain commas or newlines apart; no faults is NULL, the common case.
    internal static string FaultsToJson(IReadOnlyList<string> faults)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var fault in faults)
            {
                writer.WriteStringValue(fault);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string[] FaultsFromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var faults = new string[document.RootElement.GetArrayLength()];
        var i = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            faults[i++] = element.GetString() ?? string.Empty;
        }

        return faults;
    }
}
