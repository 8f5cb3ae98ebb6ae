namespace ZepixHealth.Monitoring;

/// <summary>
/// The sample count and the P50, P95 and P99 (in <see cref="TimeSpan"/> ticks) of a window's latency
/// buckets; the percentiles are <see langword="null"/> when there is no sample.
/// </summary>
/// <param name="Count">How many executions the buckets hold.</param>
/// <param name="P50Ticks">The median, as its bucket's representative value.</param>
/// <param name="P95Ticks">The 95th percentile, as its bucket's representative value.</param>
/// <param name="P99Ticks">The 99th percentile, as its bucket's representative value.</param>
internal readonly record struct LatencyPercentiles(long Count, double? P50Ticks, double? P95Ticks, double? P99Ticks)
{
    /// <summary>
    /// The 1-based rank of percentile <paramref name="percent"/> among <paramref name="count"/> samples:
    /// ceil(percent·count / 100), and at least 1.
    /// </summary>
    public static long NearestRank(int percent, long count) => Math.Max(1, ((count * percent) + 99) / 100);

    /// <summary>Reads the percentiles off <paramref name="buckets"/>, indexed as <see cref="LatencyBuckets"/> lays them out.</summary>
    public static LatencyPercentiles FromBuckets(ReadOnlySpan<long> buckets)
    {
        long count = 0;
        foreach (var bucket in buckets)
        {
            count += bucket;
        }

        if (count == 0)
        {
            return default;
        }

        // Nearest rank, as HdrHistogram reports it: the sample of 1-based rank ceil(p·n / 100),
        // so that a P99 over 50 samples is the slowest one rather than the second slowest.
        var rank50 = NearestRank(50, count);
        var rank95 = NearestRank(95, count);
        var rank99 = NearestRank(99, count);
        double? p50 = null, p95 = null, p99 = null;
        long cumulative = 0;
        for (var i = 0; i < buckets.Length && p99 is null; i++)
        {
            if (buckets[i] == 0)
            {
                continue;
            }

            cumulative += buckets[i];
            if (p50 is null && cumulative >= rank50)
            {
                p50 = LatencyBuckets.Representative(i);
            }

            if (p95 is null && cumulative >= rank95)
            {
                p95 = LatencyBuckets.Representative(i);
            }

            if (cumulative >= rank99)
            {
                p99 = LatencyBuckets.Representative(i);
            }
        }

        return new LatencyPercentiles(count, p50, p95, p99);
    }
}
