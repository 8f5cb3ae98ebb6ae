namespace ZepixHealth.Monitoring;

/// <summary>What the monitor concluded about one plugin at one instant.</summary>
public sealed record PluginHealthSnapshot
{
    /// <summary>Gets the plugin's id.</summary>
    public required string PluginId { get; init; }

    /// <summary>Gets when the snapshot was taken (UTC, from the monitor's <see cref="TimeProvider"/>).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets whether the plugin is running and answering.</summary>
    public required PluginAvailabilityMetrics Availability { get; init; }

    /// <summary>Gets latency, throughput and quality figures; every figure unknown when the plugin did not report them.</summary>
    public PluginPerformanceMetrics Performance { get; init; } = PluginPerformanceMetrics.Unknown;

    /// <summary>Gets the resources the plugin uses.</summary>
    public PluginResourceMetrics Resources { get; init; } = PluginResourceMetrics.Unknown;

    /// <summary>Gets error counts and the last error.</summary>
    public PluginErrorMetrics Errors { get; init; } = PluginErrorMetrics.Unknown;

    /// <summary>Gets the most recent self-test result; <see langword="null"/> until a self-test has completed.</summary>
    public SelfTestResult? SelfTest { get; init; }

    /// <summary>Gets when the most recent self-test completed.</summary>
    public DateTimeOffset? SelfTestCompletedAt { get; init; }

    /// <summary>
    /// Gets what was wrong with the plugin's answers this cycle (a metric that was NaN or negative
    /// and was discarded as unknown, a call that threw, an over-long message that was cut); empty
    /// when nothing was.
    /// </summary>
    public IReadOnlyList<string> Faults { get; init; } = [];
}
