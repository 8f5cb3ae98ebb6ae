using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Delivers the outbox: reads due notifications from the store and hands each to its sink, every
/// sink on its own (a sink that hangs or fails never delays another), each call under
/// <see cref="PluginHealthOptions.SinkTimeout"/>. A failed delivery is retried with exponential
/// back-off capped at <see cref="PluginHealthOptions.DeliveryMaxRetryDelay"/>, in order per alert, until
/// it is older than <see cref="PluginHealthOptions.DeliveryMaxAge"/>; then it is dead-lettered (kept in
/// the store with its error), logged as Critical, and the other sinks are told (<see cref="SinkFailureAlerts"/>).
/// </summary>
internal sealed partial class AlertDispatcher
{
    private const int BatchSize = 500;

    private readonly IHealthStore _store;
    private readonly IAlertOutboxStore _outbox;
    private readonly Dictionary<string, IAlertSink> _sinks;
    private readonly Dictionary<string, GuardedCaller> _callers;
    private readonly PluginHealthOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _passLock = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly SinkFailureAlerts _sinkFailures;

    // Sent, but the store did not take the receipt: kept so that they are not sent a second time,
    // and recorded at the start of each pass until the store takes it.
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _unrecorded = new();

    public AlertDispatcher(IHealthStore store, IAlertOutboxStore outbox, IEnumerable<IAlertSink> sinks, IOptions<PluginHealthOptions> options, TimeProvider timeProvider, ILogger<AlertDispatcher> logger)
    {
        _store = store;
        _outbox = outbox;
        _sinks = sinks.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _callers = _sinks.Keys.ToDictionary(name => name, _ => new GuardedCaller(timeProvider, CallWorkerPool.Background), StringComparer.Ordinal);
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _sinkFailures = new SinkFailureAlerts(outbox, [.. _sinks.Keys], _options, timeProvider, logger);
    }

    /// <summary>Wakes the dispatch loop: new notifications are in the outbox.</summary>
    public void Signal()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    /// <summary>Waits for <see cref="Signal"/> or until <paramref name="timeout"/> passes.</summary>
    public async Task WaitForSignalAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // The delay runs on the TimeProvider (a semaphore's own timeout would read the real clock).
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = _signal.WaitAsync(either.Token);
        var elapsed = Task.Delay(timeout, _timeProvider, either.Token);
        await Task.WhenAny(signalled, elapsed).ConfigureAwait(false);
        await either.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Delivers every notification that is due now; returns how many deliveries succeeded.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await _passLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _timeProvider.GetUtcNow();
            await RecordUnrecordedAsync(cancellationToken).ConfigureAwait(false);
            // Every undelivered entry, due or not: a notification must not overtake an earlier one of
            // the same alert that waits for a retry (a "resolved" before its "firing").
            var pending = await _outbox.GetPendingDeliveriesAsync(DateTimeOffset.MaxValue, BatchSize, cancellationToken).ConfigureAwait(false);
            if (!_unrecorded.IsEmpty)
            {
                pending = [.. pending.Where(d => !_unrecorded.ContainsKey(d.Id))];
            }

            if (!pending.Any(d => d.NextAttemptAt <= now))
            {
                return 0;
            }

            var alerts = new Dictionary<Guid, HealthAlert?>();
            foreach (var alertId in pending.Where(d => d.NextAttemptAt <= now).Select(d => d.AlertId).Distinct())
            {
                alerts[alertId] = await _store.GetAlertAsync(alertId, cancellationToken).ConfigureAwait(false);
            }

            // One task per sink: each sink's notifications go out in the order they were queued, and no sink waits for another.
            var perSink = pending.GroupBy(d => d.Sink, StringComparer.Ordinal)
                .Select(bySink => DeliverToSinkAsync(bySink.Key, [.. bySink.GroupBy(d => d.NotificationId).OrderBy(n => n.Min(d => d.CreatedAt))], alerts, now, cancellationToken));
            var delivered = await Task.WhenAll(perSink).ConfigureAwait(false);
            if (await _sinkFailures.SaveAsync(cancellationToken).ConfigureAwait(false))
            {
                Signal();
            }

            return delivered.Sum();
        }
        finally
        {
            _passLock.Release();
        }
    }

    private async Task<int> DeliverToSinkAsync(
        string sinkName, List<IGrouping<Guid, AlertDelivery>> notifications, Dictionary<Guid, HealthAlert?> alerts, DateTimeOffset dueBy, CancellationToken cancellationToken)
    {
        var delivered = 0;
        if (!_sinks.TryGetValue(sinkName, out var sink))
        {
            // The sink was removed from the host's configuration: nobody will ever deliver these.
            var orphans = notifications.SelectMany(n => n).Select(d => d.Id).ToList();
            await _outbox.MarkDeliveryFailedAsync(orphans, $"No alert sink named '{sinkName}' is registered.", _timeProvider.GetUtcNow(), retryAt: null, cancellationToken).ConfigureAwait(false);
            Log.UnknownSink(_logger, sinkName, orphans.Count);
            return 0;
        }

        var caller = _callers[sinkName];

        // Alerts with an earlier notification to this sink still undelivered: later ones wait for it.
        var waiting = new HashSet<Guid>();
        var releasedEarly = HeldNotifications.ReleasedEarly(notifications, dueBy);
        foreach (var entries in notifications)
        {
            if (!(releasedEarly?.Contains(entries.Key) == true || entries.All(d => d.NextAttemptAt <= dueBy)) || entries.Any(d => waiting.Contains(d.AlertId)))
            {
                waiting.UnionWith(entries.Select(d => d.AlertId));
                continue;
            }

            var notification = BuildNotification(entries, alerts);
            var ids = entries.Select(d => d.Id).ToList();
            if (notification is null)
            {
                await _outbox.MarkDeliveryFailedAsync(ids, "The alert was no longer in the store.", _timeProvider.GetUtcNow(), retryAt: null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var outcome = await SendAsync(caller, sink, notification, cancellationToken).ConfigureAwait(false);
            var now = _timeProvider.GetUtcNow();
            switch (outcome.Outcome)
            {
                case PluginCallOutcome.Completed:
                    delivered += ids.Count;
                    await RecordDeliveredAsync(sinkName, ids, now, cancellationToken).ConfigureAwait(false);
                    _sinkFailures.Delivered(sinkName, now);
                    break;
                case PluginCallOutcome.StillRunning:
                    // The sink is still busy with an earlier call that timed out: try this one later,
                    // without counting an attempt it never had.
                    return delivered;
                default:
                    var notBefore = (outcome.Error as AlertDeliveryException)?.RetryAt;
                    waiting.UnionWith(entries.Select(d => d.AlertId));
                    await RecordFailureAsync(sinkName, notification, [.. entries], DescribeFailure(outcome), now, notBefore, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        return delivered;
    }

    private ValueTask<PluginCallResult<bool>> SendAsync(GuardedCaller caller, IAlertSink sink, AlertNotification notification, CancellationToken cancellationToken) =>
        caller.InvokeAsync(
            (sink, notification),
            static async (target, token) =>
            {
                await target.sink.SendAsync(target.notification, token).ConfigureAwait(false);
                return true;
            },
            nameof(IAlertSink.SendAsync),
            _options.SinkTimeout,
            cancellationToken);

    private string DescribeFailure(PluginCallResult<bool> outcome) =>
        outcome.Outcome == PluginCallOutcome.TimedOut
            ? $"Timed out after {_options.SinkTimeout.TotalSeconds:0.#} s."
            : $"{outcome.Error!.GetType().Name}: {outcome.Error.Message}";

    /// <summary>Records a delivery; when the store fails, remembers it so that it is not sent twice.</summary>
    private async Task RecordDeliveredAsync(string sinkName, List<Guid> ids, DateTimeOffset deliveredAt, CancellationToken cancellationToken)
    {
        try
        {
            await _outbox.MarkDeliveredAsync(ids, deliveredAt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var id in ids)
            {
                _unrecorded[id] = deliveredAt;
            }

            Log.ReceiptNotStored(_logger, ex, sinkName, ids.Count);
        }
    }

    /// <summary>Records the deliveries the store did not take earlier; those it still refuses stay remembered.</summary>
    private async Task RecordUnrecordedAsync(CancellationToken cancellationToken)
    {
        foreach (var batch in _unrecorded.GroupBy(e => e.Value, e => e.Key).ToList())
        {
            try
            {
                var ids = batch.ToList();
                await _outbox.MarkDeliveredAsync(ids, batch.Key, cancellationToken).ConfigureAwait(false);
                foreach (var id in ids)
                {
                    _unrecorded.TryRemove(id, out _);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.ReceiptStillNotStored(_logger, ex, _unrecorded.Count);
                return;
            }
        }
    }

    private async Task RecordFailureAsync(
        string sinkName, AlertNotification notification, List<AlertDelivery> entries, string error, DateTimeOffset now, DateTimeOffset? notBefore, CancellationToken cancellationToken)
    {
        var ids = entries.Select(d => d.Id).ToList();
        var attempts = entries.Max(d => d.Attempts) + 1;
        var age = now - entries.Min(d => d.CreatedAt);
        if (attempts >= _options.DeliveryMaxAttempts && age >= _options.DeliveryMaxAge)
        {
            await _outbox.MarkDeliveryFailedAsync(ids, error, now, retryAt: null, cancellationToken).ConfigureAwait(false);
            var about = string.Join(", ", notification.Alerts.Select(a => $"{a.PluginId} {a.RuleId} {a.State}"));
            Log.DeadLettered(_logger, sinkName, notification.Id, about, attempts, age.TotalHours, error);
            _sinkFailures.DeadLettered(sinkName, 1, age, error, now);
            return;
        }

        var retryAt = now + new ExponentialBackoff(_options.DeliveryRetryDelay, _options.DeliveryMaxRetryDelay).DelayAfter(attempts);

        // The sink knows better (a rate limit's retry_after): an earlier attempt would only fail again.
        if (notBefore > retryAt)
        {
            retryAt = notBefore.Value;
        }

        Log.DeliveryFailed(_logger, sinkName, attempts, error, retryAt);
        await _outbox.MarkDeliveryFailedAsync(ids, error, now, retryAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The notification as it was queued: each alert in the state and level it had then.</summary>
    private static AlertNotification? BuildNotification(IGrouping<Guid, AlertDelivery> entries, Dictionary<Guid, HealthAlert?> alerts)
    {
        var items = new List<HealthAlert>();
        foreach (var entry in entries)
        {
            if (alerts.GetValueOrDefault(entry.AlertId) is not { } alert)
            {
                continue;
            }

            items.Add(entry.AlertState == AlertState.Firing
                ? alert with { State = AlertState.Firing, ResolvedAt = null, Level = entry.AlertLevel }
                : alert with { State = entry.AlertState, Level = entry.AlertLevel });
        }

        return items.Count == 0 ? null : new AlertNotification(entries.Key, entries.Min(e => e.CreatedAt), items);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Alert sink {Sink} failed (attempt {Attempt}): {Error}; retrying at {RetryAt:O}")]
        public static partial void DeliveryFailed(ILogger logger, string sink, int attempt, string error, DateTimeOffset retryAt);

        [LoggerMessage(EventId = 2106, Level = LogLevel.Critical, Message = "Notification {NotificationId} ({Alerts}) was never delivered to alert sink {Sink}: {Attempts} attempts over {AgeHours:0.#} h, last error: {Error}; it is dead-lettered (kept in the store, not retried) and the other sinks are told")]
        public static partial void DeadLettered(ILogger logger, string sink, Guid notificationId, string alerts, int attempts, double ageHours, string error);

        [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "{Count} notification(s) are queued for alert sink {Sink}, which is not registered; they are marked failed")]
        public static partial void UnknownSink(ILogger logger, string sink, int count);

        [LoggerMessage(EventId = 2104, Level = LogLevel.Error, Message = "Alert sink {Sink} took {Count} notification(s), but the store did not record it; they are not sent again, and recorded once the store takes writes")]
        public static partial void ReceiptNotStored(ILogger logger, Exception exception, string sink, int count);

        [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "The store still does not take the receipts of {Count} delivered notification(s); retried on the next pass")]
        public static partial void ReceiptStillNotStored(ILogger logger, Exception exception, int count);
    }
}
