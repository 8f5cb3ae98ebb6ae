namespace ZepixHealth.Monitoring;

/// <summary>
/// Inhibition, under <c>PluginHealth:Inhibition</c>, as Alertmanager's <c>inhibit_rules</c>: while a
/// source alert of a plugin is firing, that plugin's target alerts are held back — stored, listed and
/// marked <see cref="HealthAlert.InhibitedBy"/>, but not sent. Once the source resolves, a target
/// still firing is sent.
/// </summary>
public sealed class AlertInhibitionOptions
{
    /// <summary>Gets or sets whether alerts are inhibited at all.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets whether the built-in rules apply beside <see cref="Rules"/>: while a plugin is Dead
    /// or Hung (<c>availability</c> at Critical) its other alerts are held back, and while a threshold
    /// alert on a metric is open (<c>latency.p95</c>, <c>error_rate</c>, <c>memory</c>, <c>cpu</c>) the
    /// anomaly alert on the same metric is.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool UseDefaultRules { get; set; } = true;

    /// <summary>Gets the host's own rules, applied beside the built-in ones.</summary>
    /// <value>Default empty.</value>
    public List<InhibitRuleOptions> Rules { get; } = [];
}
