namespace ZepixHealth.Monitoring;

/// <summary>Where a <see cref="GuardedCall{TTarget, T}"/> stands.</summary>
internal enum CallPhase
{
    /// <summary>Answered (or never started): ready for the next call.</summary>
    Idle,

    /// <summary>Waiting for a worker.</summary>
    Queued,

    /// <summary>A worker is inside the callee's synchronous part.</summary>
    Running,

    /// <summary>The callee returned a task that is still running.</summary>
    Waiting,

    /// <summary>Given up on (deadline passed or the caller stopped); never reused.</summary>
    Abandoned,
}
