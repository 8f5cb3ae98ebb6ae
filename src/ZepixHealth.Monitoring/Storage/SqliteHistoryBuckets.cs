using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring;

/// <summary>
/// A plugin's history downsampled in SQL: one row per bucket, counted from <c>$from</c>, with the
/// sample count, the worst status and min/avg/max of the charted figures. It reads the plugin's range
/// of the <c>(plugin_id, timestamp)</c> index once and returns at most one row per bucket.
/// </summary>
internal static class SqliteHistoryBuckets
{
    private static readonly string[] Figures = ["p95_execution_ms", "p99_execution_ms", "error_rate_pct", "memory_mb", "cpu_pct", "signals_1h"];

    public static string Sql { get; } =
        $"""
        SELECT $from + ((s.timestamp - $from) / $width) * $width,
               count(*),
               max(CASE s.status WHEN 'Dead' THEN 3 WHEN 'Hung' THEN 2 WHEN 'Stale' THEN 1 ELSE 0 END),
               {string.Join(",\n       ", Figures.Select(f => $"min(s.{f}), avg(s.{f}), max(s.{f})"))}
        FROM health_snapshot_rows AS s
        WHERE s.plugin_id = $plugin_id AND s.timestamp >= $from AND s.timestamp <= $to
        GROUP BY (s.timestamp - $from) / $width
        ORDER BY 1;
        """;

    public static void Bind(SqliteParameterCollection p, string pluginId, DateTimeOffset from, DateTimeOffset to, TimeSpan width)
    {
        p.AddWithValue("$plugin_id", pluginId);
        p.AddWithValue("$from", SqliteTime.ToDb(from));
        p.AddWithValue("$to", SqliteTime.ToDb(to));
        p.AddWithValue("$width", width.Ticks);
    }

    public static PluginHistoryBucket Read(SqliteDataReader r) => new()
    {
        Start = SqliteTime.FromDb(r.GetInt64(0)),
        Samples = r.GetInt32(1),
        WorstStatus = (PluginHealthStatus)r.GetInt32(2),
        P95ExecutionTimeMs = Range(r, 3),
        P99ExecutionTimeMs = Range(r, 6),
        ErrorRatePct = Range(r, 9),
        MemoryUsageMb = Range(r, 12),
        CpuUsagePct = Range(r, 15),
        SignalsProcessed1h = Range(r, 18),
    };

    private static MetricRange? Range(SqliteDataReader r, int first) =>
        r.IsDBNull(first) ? null : new MetricRange(r.GetDouble(first), r.GetDouble(first + 1), r.GetDouble(first + 2));
}
