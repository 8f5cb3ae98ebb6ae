namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>
/// Turns the store's bucketed history (<see cref="IHealthStore.GetHistoryBucketsAsync"/>, downsampled in
/// SQL by the SQLite store) into at most <see cref="MaxPoints"/> chart points of min/avg/max per metric.
/// </summary>
internal static class HistoryDownsampler
{
    public const int MaxPoints = 240;

    public static double BucketSeconds(DateTimeOffset from, DateTimeOffset to) =>
        Math.Max(1, Math.Ceiling((to - from).TotalSeconds / MaxPoints));

    public static Task<IReadOnlyList<PluginHistoryBucket>> QueryAsync(IHealthStore store, string pluginId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        store.GetHistoryBucketsAsync(pluginId, from, to, TimeSpan.FromSeconds(BucketSeconds(from, to)), cancellationToken);

    public static IReadOnlyList<HistoryPoint> ToPoints(IReadOnlyList<PluginHistoryBucket> buckets)
    {
        var points = new List<HistoryPoint>(buckets.Count);
        foreach (var bucket in buckets)
        {
            var metrics = new Dictionary<string, MetricStats>(StringComparer.Ordinal);
            foreach (var metric in ChartMetric.All)
            {
                if (RangeOf(bucket, metric.Key) is { } range)
                {
                    metrics[metric.Key] = new MetricStats(range.Min, range.Avg, range.Max);
                }
            }

            points.Add(new HistoryPoint(bucket.Start, bucket.Samples, metrics));
        }

        return points;
    }

    private static MetricRange? RangeOf(PluginHistoryBucket bucket, string key) => key switch
    {
        "p95Ms" => bucket.P95ExecutionTimeMs,
        "p99Ms" => bucket.P99ExecutionTimeMs,
        "errorRatePct" => bucket.ErrorRatePct,
        "memoryMb" => bucket.MemoryUsageMb,
        "cpuPct" => bucket.CpuUsagePct,
        "signals1h" => bucket.SignalsProcessed1h,
        _ => null,
    };
}
