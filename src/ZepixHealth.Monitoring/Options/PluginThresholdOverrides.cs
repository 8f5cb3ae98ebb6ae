namespace ZepixHealth.Monitoring;

/// <summary>
/// Thresholds for one plugin; a <see langword="null"/> value means "as in <see cref="PluginHealthOptions.Thresholds"/>".
/// </summary>
public sealed class PluginThresholdOverrides
{
    /// <summary>Gets or sets the highest acceptable P95 execution time, in milliseconds.</summary>
    public double? MaxExecutionTimeMs { get; set; }

    /// <summary>Gets or sets the highest acceptable error rate, in percent of operations.</summary>
    public double? MaxErrorRatePct { get; set; }

    /// <summary>Gets or sets the highest acceptable memory use, in mebibytes.</summary>
    public double? MaxMemoryUsageMb { get; set; }

    /// <summary>Gets or sets the highest acceptable CPU use, in percent of one core.</summary>
    public double? MaxCpuUsagePct { get; set; }
}
