namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>Prints each alert it receives: <c>received ok &lt;alert id&gt; &lt;state&gt;</c>.</summary>
internal sealed class KillHelperOkSink : IAlertSink
{
    public string Name => "ok";

    public ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        foreach (var alert in notification.Alerts)
        {
            Console.WriteLine($"received {Name} {alert.Id} {alert.State} {alert.PluginId}");
        }

        return ValueTask.CompletedTask;
    }
}
