namespace ZepixHealth.Monitoring;

/// <summary>
/// How one rule turns breaches into alerts, under <c>PluginHealth:Rules:&lt;ruleId&gt;</c>
/// (for example <c>PluginHealth:Rules:latency.p95:ForCycles = 4</c>).
/// </summary>
public sealed class AlertRuleOptions
{
    /// <summary>Gets or sets whether the rule is evaluated at all.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how many consecutive breached cycles make the alert fire (it is pending before).</summary>
    /// <value>Default: 1 for <c>availability</c>, 2 for every other rule; from 1 to 10,000.</value>
    public int? ForCycles { get; set; }

    /// <summary>
    /// Gets or sets how many consecutive clear cycles resolve a firing alert, and how many consecutive
    /// cycles at a lower level lower its level (a rise is sent at once).
    /// </summary>
    /// <value>Default 2; from 1 to 10,000.</value>
    public int? ClearCycles { get; set; }

    /// <summary>
    /// Gets or sets how often an alert of this rule that keeps firing at one level is sent again,
    /// whatever its level (for example <c>PluginHealth:Rules:latency.p95:RepeatInterval = 02:00:00</c>).
    /// </summary>
    /// <value>
    /// Default <see langword="null"/>: by level, as in <see cref="PluginHealthOptions.RepeatIntervals"/>.
    /// When set: from <see cref="PluginHealthOptions.AlertCooldown"/> to 7 days.
    /// </value>
    public TimeSpan? RepeatInterval { get; set; }
}
