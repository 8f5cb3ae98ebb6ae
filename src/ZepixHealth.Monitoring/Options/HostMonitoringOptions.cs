namespace ZepixHealth.Monitoring;

/// <summary>
/// Settings of the <c>host</c> row, under <c>PluginHealth:Host</c>: every cycle the monitor measures
/// the host process itself (resident memory, managed heap, CPU, threads, open file handles, memory
/// limit) and adds a snapshot with plugin id <see cref="PluginId"/>, last in the cycle, judged by the
/// same rules as the plugins.
/// </summary>
public sealed class HostMonitoringOptions
{
    /// <summary>The plugin id of the host row; reserved, so no plugin may use it (ignoring case).</summary>
    public const string PluginId = Monitoring.PluginId.HostRowId;

    /// <summary>Gets or sets whether the host row is produced.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets the memory limit reported for the host, in mebibytes.
    /// </summary>
    /// <value>
    /// Default <see langword="null"/>: the limit the runtime sees (the container's cgroup limit, a GC
    /// heap hard limit, or else the machine's physical memory). Greater than zero and at most 16,777,216 (16 TiB) when set.
    /// </value>
    public double? MemoryLimitMb { get; set; }

    /// <summary>
    /// Gets the thresholds of the host row (for example <c>Host:Thresholds:MaxMemoryUsageMb = 2048</c>).
    /// A <see langword="null"/> value means: for memory, 90 % of the memory limit the host runs under
    /// (as the host row reports it); for CPU, 80 % of all the machine's cores (80 × the processor count,
    /// in percent of one core); otherwise as in <see cref="PluginHealthOptions.Thresholds"/>. The plugins'
    /// 500 MB and 80 % fit one plugin, not the whole process.
    /// </summary>
    public PluginThresholdOverrides Thresholds { get; } = new();
}
