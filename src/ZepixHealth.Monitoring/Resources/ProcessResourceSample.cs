namespace ZepixHealth.Monitoring;

/// <summary>One reading of a process's resources, as the operating system reports them.</summary>
/// <param name="ResidentBytes">Resident memory (RSS, the working set on Windows), in bytes.</param>
/// <param name="ProcessorTicks">User plus kernel CPU time the process has used since it started, in 100 ns ticks.</param>
/// <param name="Threads">Threads of the process; null when unknown.</param>
/// <param name="OpenHandles">Open file descriptors (Linux) or OS handles (elsewhere); null when unknown.</param>
/// <param name="StartTime">When the process started, in the OS's own unit: only compared, to notice a process id that was reused.</param>
internal readonly record struct ProcessResourceSample(long ResidentBytes, long ProcessorTicks, int? Threads, int? OpenHandles, long StartTime);
