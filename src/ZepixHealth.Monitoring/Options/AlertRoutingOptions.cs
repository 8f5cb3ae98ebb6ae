namespace ZepixHealth.Monitoring;

/// <summary>
/// Which sinks get which notifications, under <c>PluginHealth:Routing</c>: a small route tree like
/// Alertmanager's <c>route</c> (by level, plugin and rule; first match, or on with <c>Continue</c>),
/// and escalation by time: an alert still firing and unacknowledged <see cref="EscalateAfter"/> after
/// it fired goes to <see cref="EscalationSinks"/> as well, once. By default every sink gets everything.
/// </summary>
/// <remarks>
/// A resolution goes to every sink that got the alert's firing (escalation sinks included), wherever
/// its route would send it now. Sink names are checked at start-up: a name no sink has is an error.
/// </remarks>
public sealed class AlertRoutingOptions
{
    /// <summary>Gets the names of the sinks that get what no route in <see cref="Routes"/> takes.</summary>
    /// <value>Default empty: every registered sink.</value>
    public List<string> Sinks { get; } = [];

    /// <summary>Gets the routes, tried in order; the first that matches wins unless it says <see cref="AlertRouteOptions.Continue"/>.</summary>
    /// <value>Default empty: everything goes to <see cref="Sinks"/>.</value>
    public List<AlertRouteOptions> Routes { get; } = [];

    /// <summary>
    /// Gets or sets how long an alert may fire unacknowledged before it goes to <see cref="EscalationSinks"/>
    /// as well; acknowledging it before stops that. A silenced or inhibited alert is not escalated.
    /// </summary>
    /// <value>Default <see langword="null"/>: no escalation; otherwise greater than zero and at most 7 days.</value>
    public TimeSpan? EscalateAfter { get; set; }

    /// <summary>Gets the names of the sinks an alert is escalated to (for example a second Telegram chat).</summary>
    /// <value>Default empty; required when <see cref="EscalateAfter"/> is set.</value>
    public List<string> EscalationSinks { get; } = [];
}
