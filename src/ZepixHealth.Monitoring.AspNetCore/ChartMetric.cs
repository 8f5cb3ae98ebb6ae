namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>A metric the plugin page charts: its JSON key, its label, its unit and where it comes from.</summary>
internal sealed record ChartMetric(string Key, string Label, string Unit, Func<PluginHealthSnapshot, double?> Read)
{
    /// <summary>Gets the charted metrics, in page order.</summary>
    public static IReadOnlyList<ChartMetric> All { get; } =
    [
        new("p95Ms", "P95 latency", "ms", s => s.Performance.P95ExecutionTimeMs),
        new("p99Ms", "P99 latency", "ms", s => s.Performance.P99ExecutionTimeMs),
        new("errorRatePct", "Error rate", "%", s => s.Errors.ErrorRatePct),
        new("memoryMb", "Memory", "MB", s => s.Resources.MemoryUsageMb),
        new("cpuPct", "CPU", "%", s => s.Resources.CpuUsagePct),
        new("signals1h", "Signals per hour", "/h", s => s.Performance.SignalsProcessed1h),
    ];
}
