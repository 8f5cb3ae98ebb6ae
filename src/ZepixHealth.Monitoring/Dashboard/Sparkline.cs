namespace ZepixHealth.Monitoring;

/// <summary>Draws a series as block characters (▁▂▃▄▅▆▇█), scaled from zero to the series' maximum.</summary>
internal static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>The mark of a bucket with no data: unknown is not drawn as the lowest bar.</summary>
    public const char NoData = '·';

    /// <summary>
    /// Buckets the P95 of <paramref name="history"/> over [<paramref name="from"/>, <paramref name="to"/>]
    /// (the worst P95 of each bucket) and draws it; leading empty buckets are left out.
    /// </summary>
    /// <returns>The sparkline, or <see langword="null"/> when no snapshot in the window has a P95.</returns>
    public static string? OfP95(IReadOnlyList<PluginHealthSnapshot> history, DateTimeOffset from, DateTimeOffset to, int buckets)
    {
        var values = new double?[buckets];
        var window = (to - from).Ticks;
        if (window <= 0)
        {
            return null;
        }

        foreach (var snapshot in history)
        {
            if (snapshot.Performance.P95ExecutionTimeMs is not { } p95 || snapshot.Timestamp < from || snapshot.Timestamp > to)
            {
                continue;
            }

            var index = (int)Math.Min(buckets - 1, (snapshot.Timestamp - from).Ticks * buckets / window);
            values[index] = Math.Max(values[index] ?? double.MinValue, p95);
        }

        return Draw(values);
    }

    /// <summary>Draws <paramref name="values"/>; <see langword="null"/> values are <see cref="NoData"/>.</summary>
    /// <returns>The sparkline, or <see langword="null"/> when every value is unknown.</returns>
    public static string? Draw(IReadOnlyList<double?> values)
    {
        var first = -1;
        var max = 0d;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v)
            {
                first = first < 0 ? i : first;
                max = Math.Max(max, v);
            }
        }

        if (first < 0)
        {
            return null;
        }

        var chars = new char[values.Count - first];
        for (var i = first; i < values.Count; i++)
        {
            chars[i - first] = values[i] is { } v
                ? Blocks[max <= 0 ? 0 : Math.Clamp((int)Math.Round(v / max * (Blocks.Length - 1)), 0, Blocks.Length - 1)]
                : NoData;
        }

        return new string(chars);
    }
}
