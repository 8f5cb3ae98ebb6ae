namespace ZepixHealth.Monitoring;

/// <summary>What a <see cref="ProcessResourceProbe"/> found: the process's figures, or why there are none.</summary>
/// <param name="Resources">The figures; null when the process is not running.</param>
/// <param name="ExitReason">Why the process is not running, for the operator; null when it is.</param>
internal readonly record struct ProcessProbeResult(PluginResourceMetrics? Resources, string? ExitReason)
{
    /// <summary>Gets whether the process is running.</summary>
    public bool IsRunning => ExitReason is null;
}
