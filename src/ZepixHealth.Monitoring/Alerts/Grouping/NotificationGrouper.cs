namespace ZepixHealth.Monitoring;

/// <summary>
/// Decides, for each alert change to send, which notification it joins and when that notification is
/// due, so that changes of one group spread over several cycles go out together: the first change of
/// a new group waits <see cref="PluginHealthOptions.GroupWait"/> for company; after a group's
/// notification, its further changes wait until <see cref="PluginHealthOptions.GroupInterval"/> after
/// it. An alert already announced that fires at Critical (an escalation to Critical) is due at once.
/// </summary>
/// <remarks>
/// Only the choice is kept here: what waits is in the outbox (an entry whose
/// <see cref="AlertDelivery.NextAttemptAt"/> lies ahead), so a restart loses nothing; after one, the
/// next change of a group starts a notification of its own. Called under the outbox writer's lock.
/// </remarks>
internal sealed class NotificationGrouper(TimeSpan groupWait, TimeSpan groupInterval, AlertGroupBy groupBy)
{
    private readonly Dictionary<AlertGroupKey, Scheduled> _groups = [];

    /// <summary>The grouper the options ask for; <see langword="null"/> when <see cref="PluginHealthOptions.GroupWait"/> is zero (no grouping across cycles).</summary>
    public static NotificationGrouper? For(PluginHealthOptions options)
    {
        var wait = options.GroupWait ?? options.CollectionInterval;
        return wait > TimeSpan.Zero ? new NotificationGrouper(wait, options.GroupInterval, options.GroupBy) : null;
    }

    /// <summary>Whether the change goes out at once, never waiting for its group.</summary>
    public static bool IsUrgent(HealthAlert alert) =>
        alert.State == AlertState.Firing && alert.Level == AlertLevel.Critical && alert.SendCount > 1;

    /// <summary>Returns the notification the change joins and when it is due.</summary>
    public (Guid NotificationId, DateTimeOffset DueAt) Place(HealthAlert alert, DateTimeOffset now)
    {
        if (IsUrgent(alert))
        {
            return (Guid.CreateVersion7(now), now);
        }

        var key = AlertGroupKey.Of(alert, groupBy);
        var dueAt = now + groupWait;
        if (_groups.TryGetValue(key, out var last))
        {
            if (last.DueAt > now)
            {
                return (last.NotificationId, last.DueAt);
            }

            if (last.DueAt + groupInterval > now)
            {
                dueAt = last.DueAt + groupInterval;
            }
        }

        PruneBefore(now);
        var scheduled = new Scheduled(Guid.CreateVersion7(now), dueAt);
        _groups[key] = scheduled;
        return (scheduled.NotificationId, scheduled.DueAt);
    }

    /// <summary>Forgets groups whose interval has passed: their next change starts anew either way, and memory stays bounded.</summary>
    private void PruneBefore(DateTimeOffset now)
    {
        if (_groups.Count < 256)
        {
            return;
        }

        foreach (var (key, scheduled) in _groups)
        {
            if (scheduled.DueAt + groupInterval <= now)
            {
                _groups.Remove(key);
            }
        }
    }

    private readonly record struct Scheduled(Guid NotificationId, DateTimeOffset DueAt);
}
