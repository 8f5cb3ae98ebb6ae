namespace ZepixHealth.Monitoring;

/// <summary>
/// One route of <see cref="AlertRoutingOptions.Routes"/>, as a route of Alertmanager's <c>route</c> tree:
/// an alert that matches it (its <see cref="PluginId"/>, <see cref="RuleId"/> and <see cref="Levels"/>)
/// goes to its <see cref="Sinks"/>, or to those of the first of its own <see cref="Routes"/> that match.
/// Routes are tried in order; the first that matches wins unless it says <see cref="Continue"/>.
/// </summary>
public sealed class AlertRouteOptions
{
    /// <summary>Gets or sets the plugin id the route takes, exactly or as a pattern where <c>*</c> stands for any text (ignoring case).</summary>
    /// <value>Default <see langword="null"/>: any plugin.</value>
    public string? PluginId { get; set; }

    /// <summary>Gets or sets the rule id the route takes, exactly or as a pattern such as <c>anomaly.*</c>.</summary>
    /// <value>Default <see langword="null"/>: any rule.</value>
    public string? RuleId { get; set; }

    /// <summary>Gets the levels the route takes.</summary>
    /// <value>Default empty: any level.</value>
    public List<AlertLevel> Levels { get; } = [];

    /// <summary>Gets the names of the sinks that get what the route takes.</summary>
    /// <value>Default empty: the sinks of the enclosing route.</value>
    public List<string> Sinks { get; } = [];

    /// <summary>Gets or sets whether the routes after this one are tried too when it matches.</summary>
    /// <value>Default <see langword="false"/>: the first route that matches wins.</value>
    public bool Continue { get; set; }

    /// <summary>Gets the routes below this one, tried in order for what it takes; when none matches, this route's sinks get it.</summary>
    /// <value>Default empty.</value>
    public List<AlertRouteOptions> Routes { get; } = [];
}
