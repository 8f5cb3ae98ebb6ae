namespace ZepixHealth.Monitoring;

/// <summary>Buckets a plugin's snapshots for <see cref="IHealthStore.GetHistoryBucketsAsync"/>, for stores that answer it in C#.</summary>
internal static class PluginHistoryBuckets
{
    /// <summary>Throws when the bucket width is not positive.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bucketWidth"/> is zero or negative.</exception>
    public static void ThrowIfInvalid(DateTimeOffset from, DateTimeOffset to, TimeSpan bucketWidth)
    {
        _ = from;
        _ = to;
        if (bucketWidth <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(bucketWidth), bucketWidth, "The bucket width must be positive.");
        }
    }

    /// <summary>Buckets snapshots taken from <paramref name="from"/> on, oldest first, in buckets of <paramref name="bucketWidth"/> counted from <paramref name="from"/>.</summary>
    public static IReadOnlyList<PluginHistoryBucket> FromSnapshots(IReadOnlyList<PluginHealthSnapshot> snapshots, DateTimeOffset from, TimeSpan bucketWidth)
    {
        var buckets = new List<PluginHistoryBucket>();
        PluginHistoryBucketBuilder? current = null;
        var currentIndex = -1L;
        foreach (var snapshot in snapshots)
        {
            var index = (snapshot.Timestamp.UtcTicks - from.UtcTicks) / bucketWidth.Ticks;
            if (current is null || index != currentIndex)
            {
                if (current is not null)
                {
                    buckets.Add(current.Build());
                }

                current = new PluginHistoryBucketBuilder(new DateTimeOffset(from.UtcTicks + (index * bucketWidth.Ticks), TimeSpan.Zero));
                currentIndex = index;
            }

            current.Add(snapshot);
        }

        if (current is not null)
        {
            buckets.Add(current.Build());
        }

        return buckets;
    }
}
