namespace ZepixHealth.Monitoring;

/// <summary>
/// The limits beyond which a plugin's figures raise an alert: each built-in threshold rule has a
/// warning limit (<c>Max…</c>) and, beyond it, a critical one (<c>Critical…</c>).
/// </summary>
/// <remarks>
/// A critical limit left <see langword="null"/> has a default that follows the warning limit or what the
/// plugin runs on, so raising a warning limit never leaves the critical one below it. A critical limit
/// that is set must lie beyond the warning limit that applies with it (a start-up error otherwise).
/// The thresholds a rule receives in <see cref="HealthRuleContext.Thresholds"/> have every default filled
/// in; a critical limit is <see langword="null"/> there only when it cannot be known (memory, when no
/// memory limit is known).
/// </remarks>
public sealed class PluginHealthThresholds
{
    /// <summary>Gets or sets the highest acceptable P95 execution time, in milliseconds; above it <c>latency.p95</c> is a Warning.</summary>
    /// <value>Default 5000; greater than zero and at most 3,600,000 (an hour).</value>
    public double MaxExecutionTimeMs { get; set; } = PluginHealthDefaults.MaxExecutionTimeMs;

    /// <summary>Gets or sets the P95 execution time, in milliseconds, above which <c>latency.p95</c> is Critical.</summary>
    /// <value>
    /// Default <see langword="null"/>: three times <see cref="MaxExecutionTimeMs"/> (15,000 with the defaults).
    /// When set: above <see cref="MaxExecutionTimeMs"/> and at most 3,600,000.
    /// </value>
    public double? CriticalExecutionTimeMs { get; set; }

    /// <summary>Gets or sets the highest acceptable error rate, in percent of operations; above it <c>error_rate</c> is High.</summary>
    /// <value>Default 5; greater than zero and at most 100.</value>
    public double MaxErrorRatePct { get; set; } = PluginHealthDefaults.MaxErrorRatePct;

    /// <summary>Gets or sets the error rate, in percent of operations, above which <c>error_rate</c> is Critical.</summary>
    /// <value>
    /// Default <see langword="null"/>: four times <see cref="MaxErrorRatePct"/>, at most 100 (20 with the
    /// defaults). When set: above <see cref="MaxErrorRatePct"/> and at most 100.
    /// </value>
    public double? CriticalErrorRatePct { get; set; }

    /// <summary>Gets or sets the highest acceptable memory use, in mebibytes; above it <c>memory</c> is a Warning.</summary>
    /// <value>Default 500; greater than zero and at most 16,777,216 (16 TiB).</value>
    public double MaxMemoryUsageMb { get; set; } = PluginHealthDefaults.MaxMemoryUsageMb;

    /// <summary>Gets or sets the memory use, in mebibytes, above which <c>memory</c> is Critical.</summary>
    /// <value>
    /// Default <see langword="null"/>: 90 % of the memory limit the plugin runs under — its own process's
    /// when it reports one, else the host's (as the <c>host</c> row reports it, or
    /// <see cref="HostMonitoringOptions.MemoryLimitMb"/>); no critical level while no limit is known. A
    /// plugin near the host's limit endangers the whole host, so this applies even below
    /// <see cref="MaxMemoryUsageMb"/>. When set: above <see cref="MaxMemoryUsageMb"/> and at most 16,777,216.
    /// </value>
    public double? CriticalMemoryUsageMb { get; set; }

    /// <summary>Gets or sets the highest acceptable CPU use, in percent of one core (may exceed 100 on several cores); above it <c>cpu</c> is a Warning.</summary>
    /// <value>Default 80; greater than zero.</value>
    public double MaxCpuUsagePct { get; set; } = PluginHealthDefaults.MaxCpuUsagePct;

    /// <summary>Gets or sets the CPU use, in percent of one core, above which <c>cpu</c> is Critical.</summary>
    /// <value>
    /// Default <see langword="null"/>: 90 % of all the machine's cores (90 × the processor count), a plugin
    /// that starves the host. When set: above <see cref="MaxCpuUsagePct"/>.
    /// </value>
    public double? CriticalCpuUsagePct { get; set; }

    /// <summary>
    /// Gets or sets how many critical errors in the plugin's one-hour window make <c>critical_errors</c>
    /// Critical; fewer, but at least one, make it High.
    /// </summary>
    /// <value>Default <see langword="null"/>: 5. When set: from 2 to 1,000,000.</value>
    public int? CriticalErrorsForCritical { get; set; }
}
