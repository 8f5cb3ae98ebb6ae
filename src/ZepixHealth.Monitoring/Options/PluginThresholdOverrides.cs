namespace ZepixHealth.Monitoring;

/// <summary>
/// Thresholds for one plugin; a <see langword="null"/> value means "as in <see cref="PluginHealthOptions.Thresholds"/>".
/// A critical limit set here must lie beyond the warning limit that applies to the plugin.
/// </summary>
public sealed class PluginThresholdOverrides
{
    /// <summary>Gets or sets the highest acceptable P95 execution time, in milliseconds.</summary>
    public double? MaxExecutionTimeMs { get; set; }

    /// <summary>Gets or sets the P95 execution time, in milliseconds, above which <c>latency.p95</c> is Critical.</summary>
    public double? CriticalExecutionTimeMs { get; set; }

    /// <summary>Gets or sets the highest acceptable error rate, in percent of operations.</summary>
    public double? MaxErrorRatePct { get; set; }

    /// <summary>Gets or sets the error rate, in percent of operations, above which <c>error_rate</c> is Critical.</summary>
    public double? CriticalErrorRatePct { get; set; }

    /// <summary>Gets or sets the highest acceptable memory use, in mebibytes.</summary>
    public double? MaxMemoryUsageMb { get; set; }

    /// <summary>Gets or sets the memory use, in mebibytes, above which <c>memory</c> is Critical.</summary>
    public double? CriticalMemoryUsageMb { get; set; }

    /// <summary>Gets or sets the highest acceptable CPU use, in percent of one core.</summary>
    public double? MaxCpuUsagePct { get; set; }

    /// <summary>Gets or sets the CPU use, in percent of one core, above which <c>cpu</c> is Critical.</summary>
    public double? CriticalCpuUsagePct { get; set; }

    /// <summary>Gets or sets how many critical errors in the one-hour window make <c>critical_errors</c> Critical.</summary>
    public int? CriticalErrorsForCritical { get; set; }
}
