namespace ZepixHealth.Monitoring;

/// <summary>The limits beyond which a plugin's figures raise an alert.</summary>
public sealed class PluginHealthThresholds
{
    /// <summary>Gets or sets the highest acceptable P95 execution time, in milliseconds.</summary>
    /// <value>Default 5000; greater than zero and at most 3,600,000 (an hour).</value>
    public double MaxExecutionTimeMs { get; set; } = PluginHealthDefaults.MaxExecutionTimeMs;

    /// <summary>Gets or sets the highest acceptable error rate, in percent of operations.</summary>
    /// <value>Default 5; greater than zero and at most 100.</value>
    public double MaxErrorRatePct { get; set; } = PluginHealthDefaults.MaxErrorRatePct;

    /// <summary>Gets or sets the highest acceptable memory use, in mebibytes.</summary>
    /// <value>Default 500; greater than zero and at most 16,777,216 (16 TiB).</value>
    public double MaxMemoryUsageMb { get; set; } = PluginHealthDefaults.MaxMemoryUsageMb;

    /// <summary>Gets or sets the highest acceptable CPU use, in percent of one core (may exceed 100 on several cores).</summary>
    /// <value>Default 80; greater than zero.</value>
    public double MaxCpuUsagePct { get; set; } = PluginHealthDefaults.MaxCpuUsagePct;
}
