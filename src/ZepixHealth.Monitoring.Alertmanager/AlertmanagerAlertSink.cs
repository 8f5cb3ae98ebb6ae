namespace ZepixHealth.Monitoring.Alertmanager;

/// <summary>
/// Delivers plugin alerts to Prometheus Alertmanager: each firing and each resolution, from the
/// outbox, to every configured Alertmanager. Grouping, silencing, inhibition and routing to people
/// are then Alertmanager's.
/// </summary>
internal sealed class AlertmanagerAlertSink(AlertmanagerClient client, AlertmanagerAlertMapper mapper, AlertmanagerSinkOptions options) : IAlertSink
{
    public string Name => options.SinkName;

    public async ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        await client.PostAsync([.. notification.Alerts.Select(mapper.Map)], cancellationToken).ConfigureAwait(false);
    }
}
