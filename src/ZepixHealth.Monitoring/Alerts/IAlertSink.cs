namespace ZepixHealth.Monitoring;

/// <summary>
/// Where alert notifications go: the log, Telegram, a pager. Register with <c>builder.AddAlertSink&lt;T&gt;()</c>;
/// a logging sink is registered by default.
/// </summary>
/// <remarks>
/// Each notification reaches a sink only after it is durable in the <see cref="IHealthStore"/> outbox.
/// A sink is called under <see cref="PluginHealthOptions.SinkTimeout"/>; one that throws or times out
/// is retried with exponential back-off, up to <see cref="PluginHealthOptions.DeliveryMaxAttempts"/>
/// attempts, and never delays the monitoring cycle or the other sinks. A sink may therefore see a
/// notification again after a failure or a restart: <see cref="AlertNotification.Id"/> lets it notice.
/// </remarks>
public interface IAlertSink
{
    /// <summary>
    /// Gets the sink's name, unique among the registered sinks: the outbox remembers per sink what
    /// was delivered, so the name must not change between runs.
    /// </summary>
    /// <value>Default: the sink type's full name.</value>
    string Name => GetType().FullName ?? GetType().Name;

    /// <summary>Delivers one notification (one alert, or several grouped).</summary>
    /// <param name="notification">What to deliver.</param>
    /// <param name="cancellationToken">Cancelled when the dispatcher stops waiting (timeout or shutdown).</param>
    /// <returns>A task that completes when the notification is delivered; a fault means "try again later".</returns>
    ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken);
}
