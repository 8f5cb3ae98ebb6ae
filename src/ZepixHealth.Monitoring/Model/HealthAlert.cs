namespace ZepixHealth.Monitoring;

/// <summary>
/// One problem of one plugin, keyed by (<see cref="PluginId"/>, <see cref="RuleId"/>), from the moment
/// it fires until it resolves. The alert is written to the <see cref="IHealthStore"/> before any sink sees it.
/// </summary>
public sealed record HealthAlert
{
    private readonly string? _shortId;

    /// <summary>Gets the alert's id, chosen by whoever raises it and unique across all alerts.</summary>
    public required Guid Id { get; init; }

    /// <summary>
    /// Gets the alert's short id, what the operator types in <c>/ack</c> and <c>/silence</c>: lower-case
    /// hex, unique among open alerts, stored with the alert so that it survives a restart.
    /// </summary>
    /// <value>
    /// Chosen by the alert lifecycle when the alert fires; when not set, the last 8 hex digits of
    /// <see cref="Id"/> (its random part for a version-7 GUID, where the first digits are a timestamp
    /// that alerts raised together share).
    /// </value>
    public string ShortId
    {
        get => _shortId ?? DefaultShortId(Id);
        init => _shortId = string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>Gets the id of the plugin the alert is about.</summary>
    public required string PluginId { get; init; }

    /// <summary>
    /// Gets the id of the rule that raised the alert, for example <c>availability</c>, <c>latency.p95</c>,
    /// <c>memory</c>, <c>cpu</c>, <c>error_rate</c>, <c>self_test</c> or <c>anomaly.&lt;metric&gt;</c>.
    /// </summary>
    public required string RuleId { get; init; }

    /// <summary>Gets how serious the alert is.</summary>
    public required AlertLevel Level { get; init; }

    /// <summary>Gets the text for the operator.</summary>
    public required string Message { get; init; }

    /// <summary>Gets the value that breached the rule; <see langword="null"/> when the rule has no figure (for example <c>availability</c>).</summary>
    public double? Value { get; init; }

    /// <summary>Gets the threshold the value was compared with; <see langword="null"/> when the rule has none.</summary>
    public double? Threshold { get; init; }

    /// <summary>Gets when the alert fired (UTC).</summary>
    public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>Gets whether the alert is firing or resolved.</summary>
    /// <value>Default <see cref="AlertState.Firing"/>.</value>
    public AlertState State { get; init; } = AlertState.Firing;

    /// <summary>Gets when the alert resolved (UTC); <see langword="null"/> while it is firing.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Gets how many notifications about this alert have been sent.</summary>
    /// <value>Default 0.</value>
    public int SendCount { get; init; }

    /// <summary>Gets when a notification about this alert was last sent (UTC); <see langword="null"/> when never.</summary>
    public DateTimeOffset? LastSentAt { get; init; }

    /// <summary>Gets who or what silenced the alert (a user, or a maintenance window's reason); <see langword="null"/> when not silenced.</summary>
    public string? SilencedBy { get; init; }

    /// <summary>Gets when the alert was silenced (UTC); <see langword="null"/> when not silenced.</summary>
    public DateTimeOffset? SilencedAt { get; init; }

    /// <summary>
    /// Gets what holds the alert back while another alert of the same plugin explains it (for example
    /// <c>availability</c> while the plugin is Dead); <see langword="null"/> when nothing does. An
    /// inhibited alert is stored and listed, but not sent.
    /// </summary>
    public string? InhibitedBy { get; init; }

    /// <summary>
    /// Gets since when the alert's condition has been flapping (changing state too often to fire or
    /// resolve); <see langword="null"/> when it is not flapping.
    /// </summary>
    public DateTimeOffset? FlappingSince { get; init; }

    /// <summary>Gets who acknowledged the alert; <see langword="null"/> when nobody has.</summary>
    public string? AcknowledgedBy { get; init; }

    /// <summary>Gets when the alert was acknowledged (UTC); <see langword="null"/> when nobody has.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>The short id of an alert that was given none: the last 8 hex digits of its id.</summary>
    /// <param name="id">The alert's id.</param>
    /// <returns>Eight lower-case hex digits.</returns>
    public static string DefaultShortId(Guid id) => id.ToString("N", System.Globalization.CultureInfo.InvariantCulture)[^8..];
}
