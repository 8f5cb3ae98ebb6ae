namespace ZepixHealth.Monitoring;

/// <summary>
/// Options of the plugin health monitor, bound from the configuration section <c>PluginHealth</c>
/// (or set in code). Validated at start-up: a bad value stops the host with a message that names
/// the key and the value.
/// </summary>
/// <remarks>
/// Each part of a cycle waits on its own timeout: collection on <see cref="CheckTimeout"/> and
/// <see cref="SelfTestTimeout"/>, a host's own rules on <see cref="RuleTimeout"/>, observers on <see cref="ObserverTimeout"/>, alert writes on
/// <see cref="AlertStoreTimeout"/>, each sink on <see cref="SinkTimeout"/>; the SQLite store has its
/// own <c>BusyTimeout</c>.
/// </remarks>
public sealed class PluginHealthOptions
{
    /// <summary>The configuration section these options are usually bound from.</summary>
    public const string SectionName = PluginHealthDefaults.SectionName;

    /// <summary>Gets or sets how often the monitor runs a cycle.</summary>
    /// <value>Default 30 seconds; greater than zero and at most one day.</value>
    public TimeSpan CollectionInterval { get; set; } = PluginHealthDefaults.CollectionInterval;

    /// <summary>
    /// Gets or sets how long the monitor waits for one plugin's answers in a cycle
    /// (<see cref="IHealthCheckablePlugin.IsAliveAsync"/> and <see cref="IHealthCheckablePlugin.GetMetricsAsync"/>
    /// together). A plugin that has not answered by then is <see cref="PluginHealthStatus.Hung"/>.
    /// </summary>
    /// <value>Default 5 seconds; greater than zero, at most 10 minutes, and not longer than <see cref="CollectionInterval"/>.</value>
    public TimeSpan CheckTimeout { get; set; } = PluginHealthDefaults.CheckTimeout;

    /// <summary>
    /// Gets or sets how long a plugin may go without activity before it is <see cref="PluginHealthStatus.Stale"/>,
    /// measured in total elapsed time since <see cref="PluginMetrics.LastActivity"/>.
    /// </summary>
    /// <value>Default 300 seconds; greater than zero and at most 30 days.</value>
    public TimeSpan StaleAfter { get; set; } = PluginHealthDefaults.StaleAfter;

    /// <summary>Gets or sets how often each plugin's <see cref="IHealthCheckablePlugin.SelfTestAsync"/> runs.</summary>
    /// <value>Default 5 minutes; greater than zero and at most 7 days.</value>
    public TimeSpan SelfTestInterval { get; set; } = PluginHealthDefaults.SelfTestInterval;

    /// <summary>
    /// Gets or sets how long a self-test may take before it counts as failed. Self-tests run beside
    /// the cycle, so a slow one never delays it.
    /// </summary>
    /// <value>Default 30 seconds; greater than zero and at most 30 minutes.</value>
    public TimeSpan SelfTestTimeout { get; set; } = PluginHealthDefaults.SelfTestTimeout;

    /// <summary>
    /// Gets or sets how long one <see cref="IPluginHealthObserver"/> may take with a cycle's snapshots;
    /// one that takes longer is skipped until its call ends, and the cycle goes on.
    /// </summary>
    /// <value>Default 5 seconds; greater than zero and at most 10 minutes.</value>
    public TimeSpan ObserverTimeout { get; set; } = PluginHealthDefaults.ObserverTimeout;

    /// <summary>
    /// Gets or sets how long a host's own <see cref="IHealthRule"/> (one added with <c>AddRule&lt;T&gt;()</c>)
    /// may take to judge a cycle's snapshots. A rule that takes longer is abandoned: its verdicts of that
    /// cycle count as unknown, and it is not called again until that call returns. The built-in rules
    /// are the library's own and are not timed.
    /// </summary>
    /// <value>Default 3 seconds; greater than zero and at most 10 minutes.</value>
    public TimeSpan RuleTimeout { get; set; } = PluginHealthDefaults.RuleTimeout;

    /// <summary>Gets or sets how many plugins are checked at the same time.</summary>
    /// <value>Default 32; between 1 and 4096.</value>
    public int MaxConcurrentChecks { get; set; } = PluginHealthDefaults.MaxConcurrentChecks;

    /// <summary>
    /// Gets or sets the shortest time between two notifications of the same open alert at the same
    /// level: the floor under every repeat interval. How often an alert is actually repeated is set per
    /// level by <see cref="RepeatIntervals"/> (Critical 5 min, High 15 min, Warning 1 h) and per rule by
    /// <see cref="AlertRuleOptions.RepeatInterval"/>; a default interval shorter than this is raised to
    /// it, and one set shorter than this is a start-up error. A change of level and a resolution are
    /// sent at once, whatever this says.
    /// </summary>
    /// <value>Default 5 minutes (the Critical interval, so the defaults apply unchanged); zero (no floor) to 7 days.</value>
    public TimeSpan AlertCooldown { get; set; } = PluginHealthDefaults.AlertCooldown;

    /// <summary>
    /// Gets how often an alert that keeps firing is sent again, per level (for example
    /// <c>PluginHealth:RepeatIntervals:Warning = 02:00:00</c>).
    /// </summary>
    /// <value>Default Critical 5 minutes, High 15 minutes, Warning 1 hour, each at least <see cref="AlertCooldown"/>.</value>
    public AlertRepeatIntervals RepeatIntervals { get; } = new();

    /// <summary>Gets or sets how many alerts may change in one cycle before they are sent as one grouped notification.</summary>
    /// <value>Default 3: a fourth alert in the same cycle makes one notification carrying all of them; from 1 to 1000.</value>
    public int GroupThreshold { get; set; } = PluginHealthDefaults.GroupThreshold;

    /// <summary>
    /// Gets or sets how long the first notification of a new group (<see cref="GroupBy"/>) waits for
    /// company: changes of the same group that come meanwhile go out with it, as one notification.
    /// An alert already announced that fires at Critical (an escalation to Critical) is sent at once.
    /// </summary>
    /// <value>
    /// Default <see langword="null"/>: one <see cref="CollectionInterval"/>. <see cref="TimeSpan.Zero"/> sends
    /// each cycle's changes at once (grouped only within the cycle, by <see cref="GroupThreshold"/>); at most 1 hour.
    /// </value>
    public TimeSpan? GroupWait { get; set; }

    /// <summary>
    /// Gets or sets how long further changes of a group wait after the group's last notification: those
    /// that come within it go out together when it ends.
    /// </summary>
    /// <value>Default 2 minutes; greater than zero and at most one day.</value>
    public TimeSpan GroupInterval { get; set; } = PluginHealthDefaults.GroupInterval;

    /// <summary>Gets or sets what puts alert changes in the same group, for example <c>"Level, PluginId"</c>.</summary>
    /// <value>Default <see cref="AlertGroupBy.Level"/>: all plugins of the host at one level.</value>
    public AlertGroupBy GroupBy { get; set; } = AlertGroupBy.Level;

    /// <summary>Gets which sinks get which notifications, and where an alert left unacknowledged is escalated.</summary>
    /// <value>Default: every sink gets everything; no escalation.</value>
    public AlertRoutingOptions Routing { get; } = new();

    /// <summary>Gets or sets how long one sink may take to deliver one notification before the attempt counts as failed.</summary>
    /// <value>Default 10 seconds; greater than zero and at most 10 minutes.</value>
    public TimeSpan SinkTimeout { get; set; } = PluginHealthDefaults.SinkTimeout;

    /// <summary>
    /// Gets or sets how long a cycle waits for the store to take its alert changes (or, after a
    /// restart, to return the open alerts). What a slow store has not taken is kept and written again
    /// next cycle; monitoring goes on meanwhile.
    /// </summary>
    /// <value>Default 5 seconds; greater than zero and at most 10 minutes.</value>
    public TimeSpan AlertStoreTimeout { get; set; } = PluginHealthDefaults.AlertStoreTimeout;

    /// <summary>
    /// Gets or sets the fewest attempts to deliver a notification to a sink before it may be
    /// dead-lettered; it is dead-lettered only once it is also older than <see cref="DeliveryMaxAge"/>.
    /// </summary>
    /// <value>Default 8; from 1 to 100.</value>
    public int DeliveryMaxAttempts { get; set; } = PluginHealthDefaults.DeliveryMaxAttempts;

    /// <summary>Gets or sets the wait before the first retry of a failed delivery; it doubles on each further failure.</summary>
    /// <value>Default 5 seconds; greater than zero and at most <see cref="DeliveryMaxRetryDelay"/>.</value>
    public TimeSpan DeliveryRetryDelay { get; set; } = PluginHealthDefaults.DeliveryRetryDelay;

    /// <summary>Gets or sets the longest wait between two attempts to deliver a notification.</summary>
    /// <value>Default 5 minutes; at most one day.</value>
    public TimeSpan DeliveryMaxRetryDelay { get; set; } = PluginHealthDefaults.DeliveryMaxRetryDelay;

    /// <summary>
    /// Gets or sets how long delivery of a notification to a sink is retried (with back-off capped at
    /// <see cref="DeliveryMaxRetryDelay"/>) before it is dead-lettered: kept in the store with its
    /// error, logged as Critical, and announced to the other sinks as a <c>delivery.failed</c> alert.
    /// </summary>
    /// <value>Default 24 hours; greater than zero and at most 30 days.</value>
    public TimeSpan DeliveryMaxAge { get; set; } = PluginHealthDefaults.DeliveryMaxAge;

    /// <summary>
    /// Gets how each rule turns breaches into alerts, keyed by rule id (for example
    /// <c>Rules["latency.p95"].ForCycles = 4</c>, <c>Rules["cpu"].Enabled = false</c>).
    /// </summary>
    /// <value>Default empty: every rule enabled, firing after 1 cycle (<c>availability</c>) or 2, resolving after 2 clear cycles.</value>
    public Dictionary<string, AlertRuleOptions> Rules { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets the settings of anomaly detection: a robust, seasonal baseline per plugin and metric
    /// that raises <c>anomaly.&lt;metric&gt;</c> Warnings when a plugin behaves unlike itself.
    /// </summary>
    public AnomalyDetectionOptions Anomalies { get; } = new();

    /// <summary>
    /// Gets the inhibition rules: while a plugin is Dead or Hung its other alerts are held back, and
    /// while a threshold alert on a metric is open the anomaly alert on the same metric is.
    /// </summary>
    public AlertInhibitionOptions Inhibition { get; } = new();

    /// <summary>
    /// Gets the settings of the <c>host</c> row: the host process's own resources, measured every
    /// cycle and judged against <see cref="HostMonitoringOptions.Thresholds"/>.
    /// </summary>
    public HostMonitoringOptions Host { get; } = new();

    /// <summary>Gets the thresholds that apply to every plugin unless <see cref="Plugins"/> overrides them.</summary>
    public PluginHealthThresholds Thresholds { get; } = new();

    /// <summary>
    /// Gets per-plugin settings, keyed by plugin id (ignoring case), for example
    /// <c>Plugins["v3-combined"].Thresholds.MaxMemoryUsageMb = 800</c>.
    /// </summary>
    /// <value>Default empty. An id that no registered plugin has is a start-up error unless <see cref="AllowUnknownPluginOverrides"/> is set.</value>
    public Dictionary<string, PluginMonitoringOptions> Plugins { get; } = new(PluginId.Comparer);

    /// <summary>
    /// Gets or sets whether <see cref="Plugins"/> may name plugins that are not registered at
    /// start-up (because they are loaded later at run time).
    /// </summary>
    /// <value>Default <see langword="false"/>: an unknown id is a start-up error, which catches typos.</value>
    public bool AllowUnknownPluginOverrides { get; set; }
}
