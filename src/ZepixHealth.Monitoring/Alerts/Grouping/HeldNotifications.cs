namespace ZepixHealth.Monitoring;

/// <summary>
/// Finds the notifications held for their group (never attempted, not due yet) that must go now: those
/// carrying an alert of which a later notification to the same sink is due (an escalation to Critical
/// sent at once), so that the earlier change still arrives first and nothing about an alert is out of order.
/// </summary>
internal static class HeldNotifications
{
    /// <summary>Returns the ids of the held notifications released early; <paramref name="notifications"/> is in send order.</summary>
    public static HashSet<Guid>? ReleasedEarly(IReadOnlyList<IGrouping<Guid, AlertDelivery>> notifications, DateTimeOffset dueBy)
    {
        HashSet<Guid>? released = null;
        HashSet<Guid>? laterDueAlerts = null;

        // From the last to the first: a release makes the notification due, and may release earlier ones in turn.
        for (var i = notifications.Count - 1; i >= 0; i--)
        {
            var entries = notifications[i];
            var due = entries.All(d => d.NextAttemptAt <= dueBy);
            if (!due && laterDueAlerts is not null && entries.All(d => d.Attempts == 0) && entries.Any(d => laterDueAlerts.Contains(d.AlertId)))
            {
                (released ??= []).Add(entries.Key);
                due = true;
            }

            if (due)
            {
                (laterDueAlerts ??= []).UnionWith(entries.Select(d => d.AlertId));
            }
        }

        return released;
    }
}
