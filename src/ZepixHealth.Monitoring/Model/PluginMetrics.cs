namespace ZepixHealth.Monitoring;

/// <summary>
/// What a plugin reports about itself. Anything a plugin cannot know is <see langword="null"/>,
/// never a made-up zero.
/// </summary>
public sealed record PluginMetrics
{
    /// <summary>Gets when the plugin last did something (processed a tick, a signal, an order, a heartbeat).</summary>
    /// <value>Default <see langword="null"/> (unknown): the plugin is then never judged stale.</value>
    public DateTimeOffset? LastActivity { get; init; }

    /// <summary>Gets when the plugin started; the monitor derives the uptime from it.</summary>
    /// <value>Default <see langword="null"/> (unknown).</value>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets latency, throughput and quality figures.</summary>
    /// <value>Default: every figure unknown.</value>
    public PluginPerformanceMetrics Performance { get; init; } = PluginPerformanceMetrics.Unknown;

    /// <summary>Gets error counts and the last error.</summary>
    /// <value>Default: every figure unknown.</value>
    public PluginErrorMetrics Errors { get; init; } = PluginErrorMetrics.Unknown;

    /// <summary>Gets the plugin's database connection figures.</summary>
    /// <value>Default: every figure unknown.</value>
    public PluginDatabaseMetrics Database { get; init; } = PluginDatabaseMetrics.Unknown;

    /// <summary>Gets the memory the plugin attributes to itself, in mebibytes.</summary>
    /// <value>Default <see langword="null"/> (unknown).</value>
    public double? MemoryUsageMb { get; init; }

    /// <summary>
    /// Gets the CPU the plugin attributes to itself, in percent of one core (it may exceed 100 on
    /// several cores). <see cref="PluginTelemetry.ToMetrics"/> fills it when
    /// <see cref="PluginTelemetryOptions.TrackCpu"/> is on.
    /// </summary>
    /// <value>Default <see langword="null"/> (unknown).</value>
    public double? CpuUsagePct { get; init; }

    /// <summary>
    /// Gets the bytes the plugin allocated over its reporting window. <see cref="PluginTelemetry.ToMetrics"/>
    /// fills it (bytes allocated inside measured scopes) when <see cref="PluginTelemetryOptions.TrackCpu"/> is on.
    /// </summary>
    /// <value>Default <see langword="null"/> (unknown).</value>
    public long? AllocatedBytes { get; init; }

    /// <summary>Gets the id of the plugin's own process, for a plugin that runs outside the host process.</summary>
    /// <value>
    /// Default <see langword="null"/>: the plugin runs inside the host process. When set, the monitor
    /// measures that process (memory, CPU, threads, handles) and marks the plugin
    /// <see cref="PluginHealthStatus.Dead"/> once the process has exited.
    /// </value>
    public int? ProcessId { get; init; }
}
