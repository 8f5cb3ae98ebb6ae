namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>What a chaos plugin does during one episode of its script.</summary>
internal enum ChaosEpisodeKind
{
    /// <summary>IsAliveAsync never completes and ignores cancellation; released when the episode ends.</summary>
    Hang,

    /// <summary>IsAliveAsync never completes and ignores cancellation, and is never released.</summary>
    HangForever,

    /// <summary>IsAliveAsync throws (synchronously or through the task).</summary>
    Throws,

    /// <summary>Alive, but GetMetricsAsync returns null, NaN, negative counts or a 10 MB message.</summary>
    Garbage,

    /// <summary>IsAliveAsync answers, but only after the check timeout, ignoring cancellation.</summary>
    Slow,

    /// <summary>Dead one cycle, alive the next.</summary>
    Flaps,

    /// <summary>Alive, but reports no activity since the episode began.</summary>
    Stale,
}
