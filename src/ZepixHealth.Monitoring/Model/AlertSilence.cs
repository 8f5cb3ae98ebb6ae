namespace ZepixHealth.Monitoring;

/// <summary>
/// A maintenance window: alerts that match it are stored but not sent until it ends.
/// </summary>
public sealed record AlertSilence
{
    /// <summary>Gets the silence's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>
    /// Gets the plugin it covers, exactly (ignoring case) or as a pattern where <c>*</c> stands for any
    /// text (<c>v6-*</c>); <see langword="null"/> for every plugin.
    /// </summary>
    public string? PluginId { get; init; }

    /// <summary>
    /// Gets the rule it covers, exactly or as a pattern where <c>*</c> stands for any text
    /// (<c>anomaly.*</c>); <see langword="null"/> for every rule.
    /// </summary>
    public string? RuleId { get; init; }

    /// <summary>
    /// Gets the highest level it covers: alerts at this level or below are silenced, a higher one (or an
    /// escalation past it) is sent; <see langword="null"/> for every level.
    /// </summary>
    public AlertLevel? MaxLevel { get; init; }

    /// <summary>Gets when it was created (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when it ends (UTC).</summary>
    public required DateTimeOffset Until { get; init; }

    /// <summary>Gets why, for the operator (for example "exchange maintenance").</summary>
    public required string Reason { get; init; }

    /// <summary>Gets who created it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>Returns whether the silence covers an alert of <paramref name="pluginId"/> and <paramref name="ruleId"/> at <paramref name="now"/>.</summary>
    /// <param name="pluginId">The alert's plugin.</param>
    /// <param name="ruleId">The alert's rule.</param>
    /// <param name="now">The instant to check.</param>
    /// <returns><see langword="true"/> when the silence is in force and matches.</returns>
    public bool Covers(string pluginId, string ruleId, DateTimeOffset now) =>
        now >= CreatedAt && now < Until
        && (PluginId is null || WildcardPattern.IsMatch(PluginId, pluginId, StringComparison.OrdinalIgnoreCase))
        && (RuleId is null || WildcardPattern.IsMatch(RuleId, ruleId, StringComparison.Ordinal));

    /// <summary>Returns whether the silence covers an alert of <paramref name="pluginId"/>, <paramref name="ruleId"/> and <paramref name="level"/> at <paramref name="now"/>.</summary>
    /// <param name="pluginId">The alert's plugin.</param>
    /// <param name="ruleId">The alert's rule.</param>
    /// <param name="level">The alert's level.</param>
    /// <param name="now">The instant to check.</param>
    /// <returns><see langword="true"/> when the silence is in force and matches plugin, rule and level.</returns>
    public bool Covers(string pluginId, string ruleId, AlertLevel level, DateTimeOffset now) =>
        (MaxLevel is null || level <= MaxLevel) && Covers(pluginId, ruleId, now);
}
