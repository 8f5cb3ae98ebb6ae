namespace ZepixHealth.Monitoring;

/// <summary>
/// Escalation by time: an alert whose firing was sent, still firing and unacknowledged
/// <see cref="AlertRoutingOptions.EscalateAfter"/> after it fired, is due to go to the escalation sinks,
/// once. Acknowledging, silencing, inhibition or resolution before then stops it.
/// </summary>
/// <remarks>Fed every version of every alert the outbox writer keeps; called under its lock.</remarks>
internal sealed class AlertEscalations(TimeSpan escalateAfter, IReadOnlyList<string> sinks)
{
    private readonly Dictionary<Guid, HealthAlert> _waiting = [];
    private readonly HashSet<Guid> _escalated = [];

    /// <summary>Gets the sinks alerts are escalated to.</summary>
    public IReadOnlyList<string> Sinks => sinks;

    /// <summary>The escalations the options ask for; <see langword="null"/> when <see cref="AlertRoutingOptions.EscalateAfter"/> is not set.</summary>
    public static AlertEscalations? For(AlertRoutingOptions routing) =>
        routing.EscalateAfter is { } after ? new AlertEscalations(after, [.. routing.EscalationSinks]) : null;

    /// <summary>Follows the latest version of an alert.</summary>
    public void Track(HealthAlert alert)
    {
        if (alert.State == AlertState.Resolved)
        {
            _waiting.Remove(alert.Id);
            _escalated.Remove(alert.Id);
            return;
        }

        var waits = alert.SendCount > 0 && alert.AcknowledgedAt is null && alert.InhibitedBy is null && alert.SilencedAt is null;
        if (waits && !_escalated.Contains(alert.Id))
        {
            _waiting[alert.Id] = alert;
        }
        else
        {
            _waiting.Remove(alert.Id);
        }
    }

    /// <summary>
    /// Follows the open alerts of a restart. One whose escalation time passed before it counts as
    /// escalated (it was, unless the monitor was stopped then): an escalation is never sent twice.
    /// </summary>
    /// <returns>The alerts that count as escalated.</returns>
    public List<HealthAlert> Resume(IReadOnlyList<HealthAlert> open, DateTimeOffset now)
    {
        var escalated = new List<HealthAlert>();
        foreach (var alert in open)
        {
            if (alert.State == AlertState.Firing && alert.SendCount > 0 && alert.RaisedAt + escalateAfter <= now)
            {
                _escalated.Add(alert.Id);
                escalated.Add(alert);
            }
            else
            {
                Track(alert);
            }
        }

        return escalated;
    }

    /// <summary>Takes the alerts due for escalation at <paramref name="now"/>; <see langword="null"/> when none is.</summary>
    public List<HealthAlert>? TakeDue(DateTimeOffset now)
    {
        List<HealthAlert>? due = null;
        foreach (var alert in _waiting.Values)
        {
            if (alert.RaisedAt + escalateAfter <= now)
            {
                (due ??= []).Add(alert);
            }
        }

        if (due is not null)
        {
            foreach (var alert in due)
            {
                _waiting.Remove(alert.Id);
                _escalated.Add(alert.Id);
            }
        }

        return due;
    }
}
