using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The outbox stage: writes alert changes and their notifications — one outbox entry per sink,
/// grouped into one notification when more than <see cref="PluginHealthOptions.GroupThreshold"/>
/// change at once — to the store in one write, before any sink can see them. What a write could not
/// store is kept and written first next time: nothing is lost.
/// </summary>
/// <remarks>Not thread-safe: the alert manager serialises its callers.</remarks>
internal sealed partial class AlertOutboxWriter(
    IAlertOutboxStore outbox,
    IReadOnlyList<string> sinkNames,
    PluginHealthOptions options,
    TimeProvider timeProvider,
    ILogger logger)
{
    private readonly Dictionary<Guid, HealthAlert> _unsavedAlerts = [];
    private readonly List<AlertDelivery> _unsavedDeliveries = [];

    /// <summary>Gets whether anything waits to be written.</summary>
    public bool HasUnsaved => _unsavedAlerts.Count > 0 || _unsavedDeliveries.Count > 0;

    /// <summary>Gets whether notifications wait to be written.</summary>
    public bool HasUnsavedNotifications => _unsavedDeliveries.Count > 0;

    /// <summary>Keeps the latest version of an alert for the next write.</summary>
    public void Keep(HealthAlert alert) => _unsavedAlerts[alert.Id] = alert;

    /// <summary>Queues one outbox entry per sink for each alert to send.</summary>
    public void Enqueue(IReadOnlyList<HealthAlert> toSend, DateTimeOffset now)
    {
        if (toSend.Count == 0 || sinkNames.Count == 0)
        {
            return;
        }

        // More than GroupThreshold changes in one cycle make one notification per sink, not fifty.
        var grouped = toSend.Count > options.GroupThreshold;
        var groupId = Guid.CreateVersion7(now);
        foreach (var alert in toSend)
        {
            var notificationId = grouped ? groupId : Guid.CreateVersion7(now);
            foreach (var sink in sinkNames)
            {
                _unsavedDeliveries.Add(new AlertDelivery
                {
                    Id = Guid.CreateVersion7(now),
                    NotificationId = notificationId,
                    AlertId = alert.Id,
                    Sink = sink,
                    AlertState = alert.State,
                    AlertLevel = alert.Level,
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
            }
        }
    }

    /// <summary>
    /// Writes what is queued, waiting at most <see cref="PluginHealthOptions.AlertStoreTimeout"/> so that
    /// a locked or slow store never holds up the cycle. Never throws for a store failure: it is logged.
    /// </summary>
    /// <returns>Whether the write is durable.</returns>
    public async ValueTask<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A write that times out may still land later, which is harmless: alerts are upserted and
            // outbox ids are written once.
            await outbox.SaveAlertsAsync([.. _unsavedAlerts.Values], [.. _unsavedDeliveries], cancellationToken)
                .WaitAsync(options.AlertStoreTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
            _unsavedAlerts.Clear();
            _unsavedDeliveries.Clear();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.SaveFailed(logger, ex, _unsavedAlerts.Count, _unsavedDeliveries.Count);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Could not store {AlertCount} alert change(s) and {DeliveryCount} notification(s); they are kept and written again next cycle")]
        public static partial void SaveFailed(ILogger logger, Exception exception, int alertCount, int deliveryCount);
    }
}
