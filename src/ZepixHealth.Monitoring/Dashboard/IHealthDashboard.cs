namespace ZepixHealth.Monitoring;

/// <summary>
/// Renders the <c>/health</c> dashboard, the detail of one plugin, the open alerts and alert
/// notifications, as Telegram HTML or plain text. Every result is a list of messages, each at most
/// <see cref="MaxMessageLength"/> UTF-16 units long once tags are stripped and entities decoded, split
/// on line boundaries and never inside a tag.
/// </summary>
public interface IHealthDashboard
{
    /// <summary>The longest message returned, counted after entity parsing: Telegram's 4,096 less a margin.</summary>
    const int MaxMessageLength = 4000;

    /// <summary>
    /// Renders the overview from the store: the age of the newest data (<c>data 12 s old</c>, and a
    /// "Monitor stalled" line when it is older than two collection intervals), a one-line summary (<c>38 healthy, 1 hung, 1 dead; 2 alerts
    /// open</c>); the plugins with a problem, worst first, each with what is known of it (the reason,
    /// last activity, uptime, P95, memory, CPU, error rate, P95 trend); the healthy ones one line each;
    /// the <c>host</c> row if there is one; then the five most recent alerts. Unknown figures are left
    /// out and times are ages (<c>12 s ago</c>).
    /// </summary>
    /// <param name="format">The output format.</param>
    /// <param name="cancellationToken">Cancels the store queries.</param>
    /// <returns>The messages, in order; at least one.</returns>
    Task<IReadOnlyList<string>> RenderOverviewAsync(DashboardFormat format, CancellationToken cancellationToken = default);

    /// <summary>Renders the overview of the given snapshots (for example a cycle's, before the store has written them).</summary>
    /// <param name="snapshots">The snapshots to show, one per plugin.</param>
    /// <param name="format">The output format.</param>
    /// <param name="cancellationToken">Cancels the store queries (recent alerts, P95 history).</param>
    /// <returns>The messages, in order; at least one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshots"/> is null.</exception>
    Task<IReadOnlyList<string>> RenderOverviewAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, DashboardFormat format, CancellationToken cancellationToken = default);

    /// <summary>Renders everything known about one plugin: every metric, the self-test, the P95 trend, its open alerts and its last error.</summary>
    /// <param name="pluginId">The plugin's id (compared ignoring case).</param>
    /// <param name="format">The output format.</param>
    /// <param name="cancellationToken">Cancels the store queries.</param>
    /// <returns>The messages, or <see langword="null"/> when the store has no snapshot of that plugin.</returns>
    /// <exception cref="ArgumentException"><paramref name="pluginId"/> is null, empty or white space.</exception>
    Task<IReadOnlyList<string>?> RenderPluginAsync(string pluginId, DashboardFormat format, CancellationToken cancellationToken = default);

    /// <summary>Renders the alerts that are firing, each with the short id that <c>/ack</c> accepts.</summary>
    /// <param name="format">The output format.</param>
    /// <param name="cancellationToken">Cancels the store query.</param>
    /// <returns>The messages, in order; at least one.</returns>
    Task<IReadOnlyList<string>> RenderOpenAlertsAsync(DashboardFormat format, CancellationToken cancellationToken = default);

    /// <summary>Renders an alert notification (one alert, or several grouped into one message).</summary>
    /// <param name="notification">The notification.</param>
    /// <param name="format">The output format.</param>
    /// <returns>The messages, in order; more than one only when the texts are very long.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="notification"/> is null.</exception>
    IReadOnlyList<string> RenderNotification(AlertNotification notification, DashboardFormat format);
}
