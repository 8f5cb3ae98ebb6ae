namespace ZepixHealth.Monitoring;

/// <summary>Resources a plugin uses. Unknown figures are <see langword="null"/>, never a made-up zero.</summary>
public sealed record PluginResourceMetrics
{
    /// <summary>Gets an instance in which every figure is unknown.</summary>
    public static PluginResourceMetrics Unknown { get; } = new();

    /// <summary>Gets the memory in use, in mebibytes.</summary>
    public double? MemoryUsageMb { get; init; }

    /// <summary>Gets the memory limit that applies, in mebibytes.</summary>
    public double? MemoryLimitMb { get; init; }

    /// <summary>Gets the CPU use, in percent of one core.</summary>
    public double? CpuUsagePct { get; init; }

    /// <summary>Gets the database connections open now.</summary>
    public int? DbConnectionsActive { get; init; }

    /// <summary>Gets the most database connections allowed, or the peak reached.</summary>
    public int? DbConnectionsMax { get; init; }

    /// <summary>Gets the mean database query time, in milliseconds.</summary>
    public double? DbQueryTimeAvgMs { get; init; }

    /// <summary>Gets the number of open file handles.</summary>
    public int? OpenFileHandles { get; init; }
}
