namespace ZepixHealth.Monitoring;

/// <summary>Where an alert is in its lifecycle, as stored.</summary>
public enum AlertState
{
    /// <summary>The condition holds; the alert is open.</summary>
    Firing = 1,

    /// <summary>The condition has cleared; <see cref="HealthAlert.ResolvedAt"/> says when.</summary>
    Resolved = 2,
}
