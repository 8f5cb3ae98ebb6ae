namespace ZepixHealth.Monitoring;

/// <summary>
/// How often an alert that keeps firing at one level is sent again, per level, under
/// <c>PluginHealth:RepeatIntervals</c>. A change of level and a resolution are sent at once, whatever
/// the interval. <see cref="AlertRuleOptions.RepeatInterval"/> overrides these for one rule.
/// </summary>
/// <remarks>
/// <see cref="PluginHealthOptions.AlertCooldown"/> is the floor under every repeat interval: a default
/// shorter than it is raised to it, and an interval set here shorter than it is a start-up error.
/// </remarks>
public sealed class AlertRepeatIntervals
{
    /// <summary>Gets or sets how often a Critical alert is repeated.</summary>
    /// <value>Default <see langword="null"/>: 5 minutes (or <see cref="PluginHealthOptions.AlertCooldown"/> when that is longer). When set: from <c>AlertCooldown</c> to 7 days.</value>
    public TimeSpan? Critical { get; set; }

    /// <summary>Gets or sets how often a High alert is repeated.</summary>
    /// <value>Default <see langword="null"/>: 15 minutes (or <see cref="PluginHealthOptions.AlertCooldown"/> when that is longer). When set: from <c>AlertCooldown</c> to 7 days.</value>
    public TimeSpan? High { get; set; }

    /// <summary>Gets or sets how often a Warning alert is repeated.</summary>
    /// <value>Default <see langword="null"/>: 1 hour (or <see cref="PluginHealthOptions.AlertCooldown"/> when that is longer). When set: from <c>AlertCooldown</c> to 7 days.</value>
    public TimeSpan? Warning { get; set; }
}
