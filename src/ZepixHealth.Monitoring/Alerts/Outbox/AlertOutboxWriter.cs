using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The outbox stage: keeps alert changes and their notifications — one outbox entry per sink the
/// change is routed to (<see cref="AlertRouter"/>), joined to the notification of its group
/// (<see cref="NotificationGrouper"/>) and due when that group is — in memory at once, and writes them
/// to the store in the order they came, one write at a time, beside the caller: a cycle never waits on
/// the disk. Nothing is visible to a sink before its write is durable; what a write could not store is
/// kept and written first next time. Without a grouper, more than
/// <see cref="PluginHealthOptions.GroupThreshold"/> changes at once make one notification.
/// </summary>
/// <remarks>
/// <see cref="Keep"/> and <see cref="Enqueue"/> are called by one caller at a time (the alert manager
/// serialises them); the background write runs beside them, so the kept state is guarded by a lock.
/// </remarks>
internal sealed partial class AlertOutboxWriter(
    IAlertOutboxStore outbox,
    IReadOnlyList<string> sinkNames,
    PluginHealthOptions options,
    TimeProvider timeProvider,
    ILogger logger,
    Action? notificationsSaved = null,
    AlertRouter? router = null,
    NotificationGrouper? grouper = null,
    AlertEscalations? escalations = null)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, HealthAlert> _unsavedAlerts = [];
    private readonly List<AlertDelivery> _unsavedDeliveries = [];
    private readonly List<TaskCompletionSource> _waiters = [];
    private bool _writing;

    /// <summary>Gets whether anything waits to be written.</summary>
    public bool HasUnsaved
    {
        get
        {
            lock (_gate)
            {
                return _unsavedAlerts.Count > 0 || _unsavedDeliveries.Count > 0;
            }
        }
    }

    /// <summary>Gets whether notifications wait to be written.</summary>
    public bool HasUnsavedNotifications
    {
        get
        {
            lock (_gate)
            {
                return _unsavedDeliveries.Count > 0;
            }
        }
    }

    /// <summary>Keeps the latest version of an alert for the next write.</summary>
    public void Keep(HealthAlert alert)
    {
        lock (_gate)
        {
            _unsavedAlerts[alert.Id] = alert;
            escalations?.Track(alert);
        }
    }

    /// <summary>Follows the open alerts of a restart for escalation; those already old enough count as escalated.</summary>
    public void Resume(IReadOnlyList<HealthAlert> open, DateTimeOffset now)
    {
        if (escalations is null)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var alert in escalations.Resume(open, now))
            {
                router?.GotFiring(alert.Id, escalations.Sinks);
            }
        }
    }

    /// <summary>Queues, at once, one notification per escalation sink for the alerts left firing and unacknowledged too long.</summary>
    public void EnqueueEscalations(DateTimeOffset now)
    {
        if (escalations is null)
        {
            return;
        }

        lock (_gate)
        {
            if (escalations.TakeDue(now) is not { } due)
            {
                return;
            }

            var notificationId = Guid.CreateVersion7(now);
            foreach (var alert in due)
            {
                // A sink that already got the firing by its route is not sent it twice.
                var sinks = router?.NotYetFiredTo(alert.Id, escalations.Sinks) ?? escalations.Sinks;
                router?.GotFiring(alert.Id, sinks);
                AddEntries(alert, sinks, notificationId, now, now);
                Log.Escalated(logger, alert.PluginId, alert.RuleId, now - alert.RaisedAt, string.Join(", ", escalations.Sinks));
            }
        }
    }

    /// <summary>Queues one outbox entry per routed sink for each alert to send, in the notification of its group.</summary>
    public void Enqueue(IReadOnlyList<HealthAlert> toSend, DateTimeOffset now)
    {
        if (toSend.Count == 0 || sinkNames.Count == 0)
        {
            return;
        }

        // Without grouping across cycles, more than GroupThreshold changes in one cycle make one notification per sink, not fifty.
        var grouped = grouper is null && toSend.Count > options.GroupThreshold;
        var groupId = Guid.CreateVersion7(now);
        lock (_gate)
        {
            foreach (var alert in toSend)
            {
                var (notificationId, dueAt) = grouper?.Place(alert, now) ?? (grouped ? groupId : Guid.CreateVersion7(now), now);
                AddEntries(alert, router?.Route(alert) ?? sinkNames, notificationId, now, dueAt);
            }
        }
    }

    private void AddEntries(HealthAlert alert, IEnumerable<string> sinks, Guid notificationId, DateTimeOffset now, DateTimeOffset dueAt)
    {
        foreach (var sink in sinks)
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
                NextAttemptAt = dueAt,
            });
        }
    }

    /// <summary>
    /// Starts writing what is kept, in the background, unless a write is already running (it takes it
    /// next). Returns at once; the task completes when everything kept so far is durable, or fails with
    /// the store's error (everything stays kept, and is written again by the next call).
    /// </summary>
    /// <remarks>A store that completes at once (the in-memory one) has written everything when this returns.</remarks>
    public Task SaveInBackground()
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add(waiter);
            if (_writing)
            {
                return waiter.Task;
            }

            _writing = true;
        }

        _ = WriteKeptAsync();
        return waiter.Task;
    }

    /// <summary>
    /// Writes what is kept and waits for it, at most <see cref="PluginHealthOptions.AlertStoreTimeout"/>.
    /// Never throws for a store failure or a timeout: it is logged, and everything stays kept (a slow
    /// write still lands; a failed one is written again next time).
    /// </summary>
    /// <returns>Whether the write is durable.</returns>
    public async ValueTask<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        var saving = SaveInBackground();
        try
        {
            await saving.WaitAsync(options.AlertStoreTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException ex) when (!saving.IsCompleted)
        {
            Log.SaveFailed(logger, ex, AlertCount(), DeliveryCount());
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Already logged by the write.
            return false;
        }
    }

    private int AlertCount()
    {
        lock (_gate)
        {
            return _unsavedAlerts.Count;
        }
    }

    private int DeliveryCount()
    {
        lock (_gate)
        {
            return _unsavedDeliveries.Count;
        }
    }

    /// <summary>Writes batches in order until nothing is kept, or until the store fails (the next call tries again).</summary>
    private async Task WriteKeptAsync()
    {
        while (true)
        {
            HealthAlert[] alerts;
            AlertDelivery[] deliveries;
            TaskCompletionSource[] waiters;
            lock (_gate)
            {
                waiters = [.. _waiters];
                _waiters.Clear();
                if (_unsavedAlerts.Count == 0 && _unsavedDeliveries.Count == 0)
                {
                    _writing = false;
                    Array.ForEach(waiters, w => w.TrySetResult());
                    return;
                }

                alerts = [.. _unsavedAlerts.Values];
                deliveries = [.. _unsavedDeliveries];
            }

            try
            {
                // No timeout here: nobody waits for this write but TrySaveAsync's callers, who have their
                // own. A slow store (a locked SQLite file, which retries by itself) lands it later; a
                // second write of the same changes meanwhile would only queue behind it.
                var write = outbox.SaveAlertsAsync(alerts, deliveries, CancellationToken.None);

                // A store that completes on its own writer thread must not run the next write from inside
                // its completion (the SQLite queue would not see it): continue elsewhere. A store that
                // completes at once (in memory) stays synchronous, so the cycle sees the write done.
                await (write.IsCompleted ? write.ConfigureAwait(false) : write.ConfigureAwait(ConfigureAwaitOptions.ForceYielding));
            }
            catch (Exception ex)
            {
                Log.SaveFailed(logger, ex, alerts.Length, deliveries.Length);
                lock (_gate)
                {
                    _writing = false;
                }

                Array.ForEach(waiters, w => w.TrySetException(ex));
                return;
            }

            Forget(alerts, deliveries.Length);
            Array.ForEach(waiters, w => w.TrySetResult());
            if (deliveries.Length > 0)
            {
                notificationsSaved?.Invoke();
            }
        }
    }

    /// <summary>Drops what a write stored: kept alerts not changed since, and the entries it carried (always the oldest).</summary>
    private void Forget(HealthAlert[] alerts, int deliveries)
    {
        lock (_gate)
        {
            foreach (var alert in alerts)
            {
                if (_unsavedAlerts.TryGetValue(alert.Id, out var kept) && ReferenceEquals(kept, alert))
                {
                    _unsavedAlerts.Remove(alert.Id);
                }
            }

            _unsavedDeliveries.RemoveRange(0, deliveries);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Could not store {AlertCount} alert change(s) and {DeliveryCount} notification(s); they are kept in memory and written again with the next change or cycle")]
        public static partial void SaveFailed(ILogger logger, Exception exception, int alertCount, int deliveryCount);

        [LoggerMessage(EventId = 2130, Level = LogLevel.Warning, Message = "Alert {RuleId} of {PluginId} has fired unacknowledged for {Age}; escalated to {Sinks}")]
        public static partial void Escalated(ILogger logger, string pluginId, string ruleId, TimeSpan age, string sinks);
    }
}
