namespace ZepixHealth.Monitoring;

/// <summary>The monitor's verdict on whether a plugin is available.</summary>
public enum PluginHealthStatus
{
    /// <summary>Alive, answering, and active within <see cref="PluginHealthOptions.StaleAfter"/>.</summary>
    Healthy = 0,

    /// <summary>Alive, but its last activity is older than <see cref="PluginHealthOptions.StaleAfter"/>.</summary>
    Stale = 1,

    /// <summary>
    /// A call did not answer within <see cref="PluginHealthOptions.CheckTimeout"/>, or an earlier
    /// call is still running.
    /// </summary>
    Hung = 2,

    /// <summary><see cref="IHealthCheckablePlugin.IsAliveAsync"/> returned <see langword="false"/> or threw.</summary>
    Dead = 3,
}
