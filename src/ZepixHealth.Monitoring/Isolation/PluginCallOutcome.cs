namespace ZepixHealth.Monitoring;

/// <summary>How a guarded call to a plugin (or an observer) ended.</summary>
internal enum PluginCallOutcome
{
    /// <summary>It returned a value in time.</summary>
    Completed,

    /// <summary>It threw (synchronously or through its task) in time.</summary>
    Faulted,

    /// <summary>It did not answer in time; it was abandoned and is tracked until it ends.</summary>
    TimedOut,

    /// <summary>It was not made, because the previous call is still running.</summary>
    StillRunning,
}
