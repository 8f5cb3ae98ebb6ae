namespace ZepixHealth.Monitoring;

/// <summary>An alert as it is after this cycle, and why it changed.</summary>
internal readonly record struct AlertChange(AlertChangeKind Kind, HealthAlert Alert)
{
    /// <summary>Gets whether the change is announced to the sinks (unless silenced).</summary>
    public bool IsNotifiable => Kind != AlertChangeKind.Updated;
}
