namespace ZepixHealth.Monitoring;

/// <summary>
/// History buckets over the roll-ups beside those over full rows: retention folds rows into roll-ups as
/// it deletes them, so the two never cover the same snapshot, and a bucket that spans both is merged.
/// </summary>
internal static class SqliteHistoryRollupBuckets
{
    /// <summary>Merges two lists of buckets, each ordered by start: buckets with the same start become one, averages weighted by samples.</summary>
    public static IReadOnlyList<PluginHistoryBucket> Merge(IReadOnlyList<PluginHistoryBucket> rolledUp, IReadOnlyList<PluginHistoryBucket> full)
    {
        if (rolledUp.Count == 0)
        {
            return full;
        }

        var merged = new List<PluginHistoryBucket>(rolledUp.Count + full.Count);
        int i = 0, j = 0;
        while (i < rolledUp.Count || j < full.Count)
        {
            if (j == full.Count || (i < rolledUp.Count && rolledUp[i].Start < full[j].Start))
            {
                merged.Add(rolledUp[i++]);
            }
            else if (i == rolledUp.Count || full[j].Start < rolledUp[i].Start)
            {
                merged.Add(full[j++]);
            }
            else
            {
                merged.Add(Combine(rolledUp[i++], full[j++]));
            }
        }

        return merged;
    }

    private static PluginHistoryBucket Combine(PluginHistoryBucket a, PluginHistoryBucket b) => new()
    {
        Start = a.Start,
        Samples = a.Samples + b.Samples,
        WorstStatus = (PluginHealthStatus)Math.Max((int)a.WorstStatus, (int)b.WorstStatus),
        P95ExecutionTimeMs = Combine(a.P95ExecutionTimeMs, a.Samples, b.P95ExecutionTimeMs, b.Samples),
        P99ExecutionTimeMs = Combine(a.P99ExecutionTimeMs, a.Samples, b.P99ExecutionTimeMs, b.Samples),
        ErrorRatePct = Combine(a.ErrorRatePct, a.Samples, b.ErrorRatePct, b.Samples),
        MemoryUsageMb = Combine(a.MemoryUsageMb, a.Samples, b.MemoryUsageMb, b.Samples),
        CpuUsagePct = Combine(a.CpuUsagePct, a.Samples, b.CpuUsagePct, b.Samples),
        SignalsProcessed1h = Combine(a.SignalsProcessed1h, a.Samples, b.SignalsProcessed1h, b.Samples),
    };

    private static MetricRange? Combine(MetricRange? a, int aSamples, MetricRange? b, int bSamples)
    {
        var builder = default(MetricRangeBuilder);
        if (a is { } x)
        {
            builder.Add(x.Min, x.Avg * aSamples, x.Max, aSamples);
        }

        if (b is { } y)
        {
            builder.Add(y.Min, y.Avg * bSamples, y.Max, bSamples);
        }

        return builder.Build();
    }
}
