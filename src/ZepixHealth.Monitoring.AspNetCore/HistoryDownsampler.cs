namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>
/// Buckets a plugin's snapshots into at most <see cref="MaxPoints"/> points of min/avg/max per metric.
/// Done here over <see cref="IHealthStore.GetHistoryAsync"/> until the store offers a bucketed query.
/// </summary>
internal static class HistoryDownsampler
{
    public const int MaxPoints = 240;

    public static double BucketSeconds(DateTimeOffset from, DateTimeOffset to) =>
        Math.Max(1, Math.Ceiling((to - from).TotalSeconds / MaxPoints));

    public static IReadOnlyList<HistoryPoint> Downsample(IReadOnlyList<PluginHealthSnapshot> snapshots, DateTimeOffset from, DateTimeOffset to)
    {
        var bucket = BucketSeconds(from, to);
        var points = new List<HistoryPoint>();
        var start = 0;
        while (start < snapshots.Count)
        {
            var index = BucketIndex(snapshots[start].Timestamp, from, bucket);
            var end = start + 1;
            while (end < snapshots.Count && BucketIndex(snapshots[end].Timestamp, from, bucket) == index)
            {
                end++;
            }

            points.Add(Summarise(snapshots, start, end, from.AddSeconds(index * bucket)));
            start = end;
        }

        return points;
    }

    private static long BucketIndex(DateTimeOffset time, DateTimeOffset from, double bucket) =>
        (long)Math.Floor(Math.Max(0, (time - from).TotalSeconds) / bucket);

    private static HistoryPoint Summarise(IReadOnlyList<PluginHealthSnapshot> snapshots, int start, int end, DateTimeOffset time)
    {
        var metrics = new Dictionary<string, MetricStats>(StringComparer.Ordinal);
        foreach (var metric in ChartMetric.All)
        {
            double min = double.MaxValue, max = double.MinValue, sum = 0;
            var count = 0;
            for (var i = start; i < end; i++)
            {
                if (metric.Read(snapshots[i]) is { } value && double.IsFinite(value))
                {
                    min = Math.Min(min, value);
                    max = Math.Max(max, value);
                    sum += value;
                    count++;
                }
            }

            if (count > 0)
            {
                metrics[metric.Key] = new MetricStats(min, sum / count, max);
            }
        }

        return new HistoryPoint(time, end - start, metrics);
    }
}
