namespace ZepixHealth.Monitoring;

/// <summary>Whether a plugin is running and answering, as the monitor saw it at one instant.</summary>
public sealed record PluginAvailabilityMetrics
{
    /// <summary>Gets the verdict.</summary>
    public required PluginHealthStatus Status { get; init; }

    /// <summary>
    /// Gets whether the plugin is running: <see langword="false"/> when
    /// <see cref="IHealthCheckablePlugin.IsAliveAsync"/> returned <see langword="false"/> or threw.
    /// A hung plugin counts as running.
    /// </summary>
    public required bool IsRunning { get; init; }

    /// <summary>Gets whether the plugin answered every call of this cycle within the check timeout.</summary>
    public required bool IsResponsive { get; init; }

    /// <summary>Gets the plugin's last activity, as last reported; <see langword="null"/> when never reported.</summary>
    public DateTimeOffset? LastHeartbeat { get; init; }

    /// <summary>Gets how long the plugin has been running; <see langword="null"/> when its start is unknown.</summary>
    public TimeSpan? Uptime { get; init; }

    /// <summary>
    /// Gets why the status is not <see cref="PluginHealthStatus.Healthy"/>, for the operator (for
    /// example the exception that <see cref="IHealthCheckablePlugin.IsAliveAsync"/> threw);
    /// <see langword="null"/> when healthy.
    /// </summary>
    public string? Reason { get; init; }
}
