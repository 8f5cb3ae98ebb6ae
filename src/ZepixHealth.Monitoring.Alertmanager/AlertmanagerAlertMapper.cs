using System.Globalization;

namespace ZepixHealth.Monitoring.Alertmanager;

/// <summary>
/// Turns a <see cref="HealthAlert"/> into Alertmanager's shape: labels that identify the problem
/// (<c>alertname</c> = the rule, <c>plugin</c>, <c>severity</c>, <c>instance</c>, the static labels),
/// annotations that describe it, and a time range.
/// </summary>
/// <remarks>
/// A firing alert ends three repost intervals from now, so that it stays active while this host keeps
/// posting it and resolves by itself if the host stops; a resolved one ends when it resolved.
/// </remarks>
internal sealed class AlertmanagerAlertMapper(AlertmanagerSinkOptions options, TimeProvider timeProvider)
{
    private const int RepostsBeforeExpiry = 3;

    public AlertmanagerAlert Map(HealthAlert alert)
    {
        var labels = new Dictionary<string, string>(options.StaticLabels, StringComparer.Ordinal)
        {
            ["alertname"] = alert.RuleId,
            ["plugin"] = alert.PluginId,
            ["severity"] = Severity(alert.Level),
            ["instance"] = options.Instance,
        };
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["summary"] = $"{alert.PluginId}: {alert.RuleId} is {Severity(alert.Level)}",
            ["description"] = Describe(alert),
        };
        var endsAt = alert.State == AlertState.Resolved
            ? alert.ResolvedAt ?? timeProvider.GetUtcNow()
            : timeProvider.GetUtcNow() + (RepostsBeforeExpiry * options.RepostInterval);
        return new AlertmanagerAlert(labels, annotations, alert.RaisedAt, endsAt, options.GeneratorUrl?.ToString());
    }

    private static string Severity(AlertLevel level) => level switch
    {
        AlertLevel.Warning => "warning",
        AlertLevel.High => "high",
        AlertLevel.Critical => "critical",
        _ => "unknown",
    };

    private static string Describe(HealthAlert alert) =>
        alert.Value is { } value && alert.Threshold is { } threshold
            ? string.Create(CultureInfo.InvariantCulture, $"{alert.Message} (value {value:0.###}, threshold {threshold:0.###})")
            : alert.Message;
}
