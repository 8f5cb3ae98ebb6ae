namespace ZepixHealth.Monitoring;

/// <summary>What each <see cref="AnomalyMetric"/> reads, which way is bad, and how it is named.</summary>
internal static class AnomalyMetricExtensions
{
    /// <summary>The number of metrics; <see cref="AnomalyMetric"/> values run from 0 to <c>Count - 1</c>.</summary>
    public const int Count = 6;

    // A static array, not a collection expression returned as a span: for an enum, a Debug build
    // allocates a new array on every read of the latter.
    private static readonly AnomalyMetric[] AllMetrics =
    [
        AnomalyMetric.P95Latency,
        AnomalyMetric.ErrorRate,
        AnomalyMetric.Memory,
        AnomalyMetric.Cpu,
        AnomalyMetric.SignalsPerHour,
        AnomalyMetric.OrdersPerHour,
    ];

    /// <summary>Every metric, in the order of their values.</summary>
    public static ReadOnlySpan<AnomalyMetric> All => AllMetrics;

    /// <summary>Returns the alert rule id, for example <c>anomaly.p95_latency</c>.</summary>
    public static string RuleId(this AnomalyMetric metric) => metric switch
    {
        AnomalyMetric.P95Latency => "anomaly.p95_latency",
        AnomalyMetric.ErrorRate => "anomaly.error_rate",
        AnomalyMetric.Memory => "anomaly.memory",
        AnomalyMetric.Cpu => "anomaly.cpu",
        AnomalyMetric.SignalsPerHour => "anomaly.signals_per_hour",
        AnomalyMetric.OrdersPerHour => "anomaly.orders_per_hour",
        _ => throw Unknown(metric),
    };

    /// <summary>Returns which moves of the metric <paramref name="options"/> watches.</summary>
    public static AnomalyDirections Directions(this AnomalyMetric metric, AnomalyDetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return metric switch
        {
            AnomalyMetric.P95Latency => options.P95LatencyDirections,
            AnomalyMetric.ErrorRate => options.ErrorRateDirections,
            AnomalyMetric.Memory => options.MemoryDirections,
            AnomalyMetric.Cpu => options.CpuDirections,
            AnomalyMetric.SignalsPerHour => options.SignalsPerHourDirections,
            AnomalyMetric.OrdersPerHour => options.OrdersPerHourDirections,
            _ => throw Unknown(metric),
        };
    }

    /// <summary>
    /// Returns whether the metric is a count of events over the plugin's sliding hour. Such a count varies
    /// from hour to hour by about √count (Poisson), however smooth its 30 s samples look: successive samples
    /// share most of their hour, so the MAD of a window of them understates the spread.
    /// </summary>
    public static bool IsHourlyCount(this AnomalyMetric metric) =>
        metric is AnomalyMetric.SignalsPerHour or AnomalyMetric.OrdersPerHour;

    /// <summary>Returns the name an operator reads, for example <c>P95 latency</c>.</summary>
    public static string DisplayName(this AnomalyMetric metric) => metric switch
    {
        AnomalyMetric.P95Latency => "P95 latency",
        AnomalyMetric.ErrorRate => "Error rate",
        AnomalyMetric.Memory => "Memory",
        AnomalyMetric.Cpu => "CPU",
        AnomalyMetric.SignalsPerHour => "Signals per hour",
        AnomalyMetric.OrdersPerHour => "Orders per hour",
        _ => throw Unknown(metric),
    };

    /// <summary>Returns the unit written after a value, with its leading space; empty for counts.</summary>
    public static string Unit(this AnomalyMetric metric) => metric switch
    {
        AnomalyMetric.P95Latency => " ms",
        AnomalyMetric.ErrorRate or AnomalyMetric.Cpu => " %",
        AnomalyMetric.Memory => " MB",
        AnomalyMetric.SignalsPerHour or AnomalyMetric.OrdersPerHour => string.Empty,
        _ => throw Unknown(metric),
    };

    /// <summary>Reads the metric from a snapshot; <see langword="null"/> when the plugin did not report it.</summary>
    public static double? ReadValue(this AnomalyMetric metric, PluginHealthSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return metric switch
        {
            AnomalyMetric.P95Latency => snapshot.Performance.P95ExecutionTimeMs,
            AnomalyMetric.ErrorRate => snapshot.Errors.ErrorRatePct,
            AnomalyMetric.Memory => snapshot.Resources.MemoryUsageMb,
            AnomalyMetric.Cpu => snapshot.Resources.CpuUsagePct,
            AnomalyMetric.SignalsPerHour => snapshot.Performance.SignalsProcessed1h,
            AnomalyMetric.OrdersPerHour => snapshot.Performance.OrdersPlaced1h,
            _ => throw Unknown(metric),
        };
    }

    /// <summary>Returns the metric's minimum absolute deviation from <paramref name="options"/>.</summary>
    public static double MinDeviation(this AnomalyMetric metric, AnomalyDetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return metric switch
        {
            AnomalyMetric.P95Latency => options.MinP95LatencyDeviationMs,
            AnomalyMetric.ErrorRate => options.MinErrorRateDeviationPct,
            AnomalyMetric.Memory => options.MinMemoryDeviationMb,
            AnomalyMetric.Cpu => options.MinCpuDeviationPct,
            AnomalyMetric.SignalsPerHour => options.MinSignalsPerHourDeviation,
            AnomalyMetric.OrdersPerHour => options.MinOrdersPerHourDeviation,
            _ => throw Unknown(metric),
        };
    }

    private static ArgumentOutOfRangeException Unknown(AnomalyMetric metric) =>
        new(nameof(metric), metric, "Unknown anomaly metric.");
}
