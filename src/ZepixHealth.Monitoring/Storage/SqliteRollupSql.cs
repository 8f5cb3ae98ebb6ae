namespace ZepixHealth.Monitoring;

/// <summary>
/// The SQL of <c>health_snapshot_rollups</c>: one row per plugin, bucket and width (ticks) with the sample
/// count, the worst status (0 Healthy … 3 Dead) and min/avg/max of the charted figures; the statements that
/// fold full-resolution rows, or a finer level, into a level and delete what they folded.
/// </summary>
internal static class SqliteRollupSql
{
    /// <summary>The figures kept per bucket, as columns of <c>health_snapshot_rows</c>; each becomes <c>_min</c>, <c>_avg</c>, <c>_max</c>.</summary>
    public static readonly string[] Figures = ["p95_execution_ms", "p99_execution_ms", "error_rate_pct", "memory_mb", "cpu_pct", "signals_1h"];

    // WITHOUT ROWID: the key is the table, so a row costs no second index entry.
    public static string CreateTable { get; } =
        $"""
        CREATE TABLE IF NOT EXISTS health_snapshot_rollups (
            plugin_id    TEXT    NOT NULL,
            bucket_start INTEGER NOT NULL,
            width        INTEGER NOT NULL,
            samples      INTEGER NOT NULL,
            worst_status INTEGER NOT NULL,
            {string.Join(",\n    ", Figures.SelectMany(f => new[] { f + "_min REAL", f + "_avg REAL", f + "_max REAL" }))},
            PRIMARY KEY (plugin_id, bucket_start, width)
        ) WITHOUT ROWID;
        """;

    /// <summary>Folds one plugin's full rows in [<c>$start</c>, <c>$end</c>) into buckets of <c>$width</c>.</summary>
    public static string FoldRows { get; } =
        $"""
        INSERT INTO health_snapshot_rollups (plugin_id, bucket_start, width, samples, worst_status, {Columns})
        SELECT $plugin_id, s.timestamp - s.timestamp % $width, $width, count(*),
               max(CASE s.status WHEN 'Dead' THEN 3 WHEN 'Hung' THEN 2 WHEN 'Stale' THEN 1 ELSE 0 END),
               {string.Join(", ", Figures.Select(f => $"min(s.{f}), avg(s.{f}), max(s.{f})"))}
        FROM health_snapshot_rows AS s
        WHERE s.plugin_id = $plugin_id AND s.timestamp >= $start AND s.timestamp < $end
        GROUP BY s.timestamp - s.timestamp % $width
        {Merge};
        """;

    /// <summary>Deletes one plugin's full rows in [<c>$start</c>, <c>$end</c>).</summary>
    public const string DeleteRows =
        "DELETE FROM health_snapshot_rows WHERE plugin_id = $plugin_id AND timestamp >= $start AND timestamp < $end;";

    /// <summary>Folds one plugin's buckets of <c>$source_width</c> in [<c>$start</c>, <c>$end</c>) into buckets of <c>$width</c>.</summary>
    public static string FoldLevel { get; } =
        $"""
        INSERT INTO health_snapshot_rollups (plugin_id, bucket_start, width, samples, worst_status, {Columns})
        SELECT $plugin_id, r.bucket_start - r.bucket_start % $width, $width, sum(r.samples), max(r.worst_status),
               {string.Join(", ", Figures.Select(f => $"min(r.{f}_min), {WeightedAverage("r", f)}, max(r.{f}_max)"))}
        FROM health_snapshot_rollups AS r
        WHERE r.plugin_id = $plugin_id AND r.bucket_start >= $start AND r.bucket_start < $end AND r.width = $source_width
        GROUP BY r.bucket_start - r.bucket_start % $width
        {Merge};
        """;

    /// <summary>Deletes one plugin's buckets of <c>$source_width</c> in [<c>$start</c>, <c>$end</c>).</summary>
    public const string DropLevel =
        "DELETE FROM health_snapshot_rollups WHERE plugin_id = $plugin_id AND bucket_start >= $start AND bucket_start < $end AND width = $source_width;";

    /// <summary>
    /// A plugin's roll-ups in [<c>$from</c>, <c>$to</c>] regrouped into buckets of <c>$width</c> counted from
    /// <c>$from</c>, in the column layout of <see cref="SqliteHistoryBuckets.Sql"/> (bound and read the same way).
    /// </summary>
    public static string HistoryBuckets { get; } =
        $"""
        SELECT $from + ((r.bucket_start - $from) / $width) * $width, sum(r.samples), max(r.worst_status),
               {string.Join(",\n       ", Figures.Select(f => $"min(r.{f}_min), {WeightedAverage("r", f)}, max(r.{f}_max)"))}
        FROM health_snapshot_rollups AS r
        WHERE r.plugin_id = $plugin_id AND r.bucket_start >= $from AND r.bucket_start <= $to
        GROUP BY (r.bucket_start - $from) / $width
        ORDER BY 1;
        """;

    private static string Columns => string.Join(", ", Figures.SelectMany(f => new[] { f + "_min", f + "_avg", f + "_max" }));

    // A row that arrived late for a bucket already folded is merged into it, not lost.
    private static string Merge =>
        $"""
        ON CONFLICT (plugin_id, bucket_start, width) DO UPDATE SET
            samples = samples + excluded.samples,
            worst_status = max(worst_status, excluded.worst_status),
            {string.Join(",\n    ", Figures.Select(MergeFigure))}
        """;

    private static string MergeFigure(string f) =>
        $"{f}_min = coalesce(min({f}_min, excluded.{f}_min), {f}_min, excluded.{f}_min), " +
        $"{f}_avg = CASE WHEN {f}_avg IS NULL THEN excluded.{f}_avg WHEN excluded.{f}_avg IS NULL THEN {f}_avg " +
        $"ELSE ({f}_avg * samples + excluded.{f}_avg * excluded.samples) / (samples + excluded.samples) END, " +
        $"{f}_max = coalesce(max({f}_max, excluded.{f}_max), {f}_max, excluded.{f}_max)";

    // Averages weighted by their buckets' samples.
    private static string WeightedAverage(string table, string f) =>
        $"sum({table}.{f}_avg * {table}.samples) / sum(CASE WHEN {table}.{f}_avg IS NOT NULL THEN {table}.samples END)";
}
