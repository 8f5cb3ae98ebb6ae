namespace ZepixHealth.Monitoring;

/// <summary>Resources a plugin uses. Unknown figures are <see langword="null"/>, never a made-up zero.</summary>
public sealed record PluginResourceMetrics
{
    /// <summary>Gets an instance in which every figure is unknown.</summary>
    public static PluginResourceMetrics Unknown { get; } = new();

    /// <summary>
    /// Gets the memory in use, in mebibytes: the resident memory of the process for the <c>host</c> row
    /// and for a plugin with a <see cref="PluginMetrics.ProcessId"/>, the plugin's own figure otherwise.
    /// </summary>
    public double? MemoryUsageMb { get; init; }

    /// <summary>Gets the memory limit that applies, in mebibytes.</summary>
    public double? MemoryLimitMb { get; init; }

    /// <summary>
    /// Gets the CPU use, in percent of one core (200 means two cores busy): processor time over wall
    /// time since the previous cycle for a process, CPU time attributed in measured scopes over the
    /// telemetry window for an in-process plugin that tracks it.
    /// </summary>
    public double? CpuUsagePct { get; init; }

    /// <summary>Gets the managed (GC) heap in use, in mebibytes; known for the <c>host</c> row only.</summary>
    public double? ManagedHeapMb { get; init; }

    /// <summary>Gets the number of threads of the process; unknown for an in-process plugin.</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Gets the bytes allocated inside an in-process plugin's measured scopes over its telemetry window
    /// (<see cref="PluginMetrics.AllocatedBytes"/>).
    /// </summary>
    public long? AllocatedBytes { get; init; }

    /// <summary>Gets the database connections open now.</summary>
    public int? DbConnectionsActive { get; init; }

    /// <summary>Gets the most database connections allowed, or the peak reached.</summary>
    public int? DbConnectionsMax { get; init; }

    /// <summary>Gets the mean database query time, in milliseconds.</summary>
    public double? DbQueryTimeAvgMs { get; init; }

    /// <summary>Gets the number of open file handles: file descriptors on Linux, OS handles elsewhere.</summary>
    public int? OpenFileHandles { get; init; }
}
