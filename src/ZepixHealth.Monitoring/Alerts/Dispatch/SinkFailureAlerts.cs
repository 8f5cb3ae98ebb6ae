using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Tells the other sinks when a sink loses notifications: the first dead letter of a sink raises one
/// <c>delivery.failed.&lt;sink&gt;</c> alert on the <c>host</c> row, queued for every sink but that one;
/// further dead letters while it is open only count; the sink's next successful delivery resolves it.
/// </summary>
/// <remarks>
/// Called from the dispatcher's pass, whose sinks run side by side: changes take a lock; saving runs
/// after the sinks' work, one pass at a time.
/// </remarks>
internal sealed class SinkFailureAlerts
{
    /// <summary>The rule id's prefix; the sink's name follows it.</summary>
    public const string RuleIdPrefix = "delivery.failed.";

    private readonly Dictionary<string, AlertOutboxWriter> _writers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HealthAlert> _open = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public SinkFailureAlerts(IAlertOutboxStore outbox, IReadOnlyList<string> sinkNames, PluginHealthOptions options, TimeProvider timeProvider, ILogger logger)
    {
        foreach (var sink in sinkNames)
        {
            string[] others = [.. sinkNames.Where(n => !string.Equals(n, sink, StringComparison.Ordinal))];
            _writers[sink] = new AlertOutboxWriter(outbox, others, options, timeProvider, logger);
        }
    }

    /// <summary>Records that notifications to <paramref name="sink"/> were dead-lettered; raises the alert if it is not open.</summary>
    public void DeadLettered(string sink, int notifications, TimeSpan age, string error, DateTimeOffset now)
    {
        if (!_writers.TryGetValue(sink, out var writer))
        {
            return;
        }

        lock (_gate)
        {
            Raise(sink, writer, notifications, age, error, now);
        }
    }

    private void Raise(string sink, AlertOutboxWriter writer, int notifications, TimeSpan age, string error, DateTimeOffset now)
    {

        if (_open.TryGetValue(sink, out var open))
        {
            var count = (int)(open.Value ?? 0) + notifications;
            _open[sink] = open with { Value = count, Message = Describe(sink, count, age, error) };
            writer.Keep(_open[sink]);
            return;
        }

        var alert = new HealthAlert
        {
            Id = Guid.CreateVersion7(now),
            PluginId = PluginId.HostRowId,
            RuleId = RuleIdPrefix + sink,
            Level = AlertLevel.Critical,
            Message = Describe(sink, notifications, age, error),
            Value = notifications,
            RaisedAt = now,
            SendCount = 1,
            LastSentAt = now,
        };
        _open[sink] = alert;
        writer.Keep(alert);
        writer.Enqueue([alert], now);
    }

    /// <summary>Records that <paramref name="sink"/> delivered again; resolves its alert if one is open.</summary>
    public void Delivered(string sink, DateTimeOffset now)
    {
        HealthAlert? open;
        lock (_gate)
        {
            if (!_open.Remove(sink, out open))
            {
                return;
            }
        }

        var resolved = open with
        {
            State = AlertState.Resolved,
            ResolvedAt = now,
            Message = $"Delivery to {sink} works again, after {OperatorTime.Age(now - open.RaisedAt)}; {open.Value:0} notification(s) it never received are kept in the store as dead letters.",
            SendCount = open.SendCount + 1,
            LastSentAt = now,
        };
        var writer = _writers[sink];
        writer.Keep(resolved);
        writer.Enqueue([resolved], now);
    }

    /// <summary>Writes what is queued; returns whether new notifications were stored.</summary>
    public async ValueTask<bool> SaveAsync(CancellationToken cancellationToken)
    {
        var notify = false;
        foreach (var writer in _writers.Values)
        {
            if (!writer.HasUnsaved)
            {
                continue;
            }

            var hasNotifications = writer.HasUnsavedNotifications;
            notify |= await writer.TrySaveAsync(cancellationToken).ConfigureAwait(false) && hasNotifications;
        }

        return notify;
    }

    private static string Describe(string sink, int notifications, TimeSpan age, string error) =>
        $"Delivery to {sink} failed: {notifications} notification(s) could not be delivered for {OperatorTime.Age(age)} and were given up (kept in the store as dead letters). Last error: {error}";
}
