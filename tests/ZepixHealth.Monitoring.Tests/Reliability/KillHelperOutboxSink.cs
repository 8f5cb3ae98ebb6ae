namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>Refuses every call in the first run (its notifications stay in the outbox); prints what it receives in the second.</summary>
internal sealed class KillHelperOutboxSink(KillHelperSinkSettings settings) : IAlertSink
{
    public string Name => "outbox";

    public ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        if (settings.FailOutbox)
        {
            throw new HttpRequestException("kill -9 helper: the outbox sink is down in run 1");
        }

        foreach (var alert in notification.Alerts)
        {
            Console.WriteLine($"received {Name} {alert.Id} {alert.State} {alert.PluginId}");
        }

        return ValueTask.CompletedTask;
    }
}
