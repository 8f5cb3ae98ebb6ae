namespace ZepixHealth.Monitoring;

/// <summary>
/// One message for a sink: a single alert that fired, is still firing (a reminder after its level's
/// repeat interval, <see cref="PluginHealthOptions.RepeatIntervals"/>), rose or fell in level or resolved — or the
/// changes of one group (<see cref="PluginHealthOptions.GroupBy"/>) that came within
/// <see cref="PluginHealthOptions.GroupWait"/> or <see cref="PluginHealthOptions.GroupInterval"/>, all of them together.
/// </summary>
/// <param name="Id">The notification's id; the same on every attempt to deliver it.</param>
/// <param name="CreatedAt">When the notification was created (UTC); for a firing alert, its duration so far is <c>CreatedAt - RaisedAt</c>.</param>
/// <param name="Alerts">The alerts, each as it was when the notification was created; at least one.</param>
public sealed record AlertNotification(Guid Id, DateTimeOffset CreatedAt, IReadOnlyList<HealthAlert> Alerts)
{
    /// <summary>Gets whether the notification carries several alerts.</summary>
    public bool IsGrouped => Alerts.Count > 1;
}
