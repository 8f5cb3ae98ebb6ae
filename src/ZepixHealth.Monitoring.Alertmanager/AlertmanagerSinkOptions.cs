namespace ZepixHealth.Monitoring.Alertmanager;

/// <summary>
/// Settings of the Alertmanager sink, usually bound from <c>PluginHealth:Alertmanager</c>.
/// </summary>
public sealed class AlertmanagerSinkOptions
{
    /// <summary>
    /// Gets the base addresses of the Alertmanagers, e.g. <c>http://alertmanager-1:9093/</c>. Every
    /// alert is posted to each of them, as Alertmanager's high-availability model asks of its clients.
    /// </summary>
    /// <value>At least one absolute http or https address.</value>
    public List<Uri> Urls { get; } = [];

    /// <summary>Gets or sets the <c>instance</c> label: which bot host the alert comes from.</summary>
    /// <value>Default: the machine name.</value>
    public string Instance { get; set; } = Environment.MachineName;

    /// <summary>Gets labels added to every alert, e.g. <c>{ "account": "main", "exchange": "binance" }</c>.</summary>
    public Dictionary<string, string> StaticLabels { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the address put in each alert's <c>generatorURL</c>, e.g. the web dashboard.</summary>
    /// <value>Default <see langword="null"/>: none.</value>
    public Uri? GeneratorUrl { get; set; }

    /// <summary>
    /// Gets or sets how often open alerts are posted again. Alertmanager resolves an alert nobody has
    /// posted for its <c>resolve_timeout</c> (5 minutes by default): keep this well under it.
    /// </summary>
    /// <value>Default 1 minute; from 1 second to 1 hour.</value>
    public TimeSpan RepostInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long one post to one Alertmanager may take.</summary>
    /// <value>Default 10 seconds; from 100 ms to 5 minutes.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the sink's name, which keys its outbox entries.</summary>
    /// <value>Default <c>alertmanager</c>.</value>
    public string SinkName { get; set; } = "alertmanager";
}
