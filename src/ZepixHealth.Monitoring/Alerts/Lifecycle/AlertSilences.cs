using System.Collections.Immutable;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The silences the alert lifecycle knows, read by every cycle and changed by the operator's commands
/// without a lock (copy on write).
/// </summary>
internal sealed class AlertSilences
{
    private ImmutableArray<AlertSilence> _silences = [];

    public void Add(AlertSilence silence) =>
        ImmutableInterlocked.Update(ref _silences, (list, added) => list.Add(added), silence);

    /// <summary>Adds the silences loaded from the store that are not known yet.</summary>
    public void AddLoaded(IReadOnlyList<AlertSilence> loaded) =>
        ImmutableInterlocked.Update(ref _silences, (list, more) => list.AddRange(more.Where(l => !list.Any(s => s.Id == l.Id))), loaded);

    public void Remove(Guid silenceId) =>
        ImmutableInterlocked.Update(ref _silences, (list, id) => list.RemoveAll(s => s.Id == id), silenceId);

    /// <summary>Gets the silence with this id when it has not ended by <paramref name="now"/>.</summary>
    public AlertSilence? FindActive(Guid silenceId, DateTimeOffset now) =>
        _silences.FirstOrDefault(s => s.Id == silenceId && s.Until > now);

    /// <summary>Gets the silences in force at <paramref name="now"/>, soonest ending first.</summary>
    public IReadOnlyList<AlertSilence> Active(DateTimeOffset now) =>
        [.. _silences.Where(s => s.Until > now && s.CreatedAt <= now).OrderBy(s => s.Until)];

    /// <summary>Gets whether any silence is known (most cycles of most hosts have none, and skip the search).</summary>
    public bool IsEmpty => _silences.IsEmpty;

    /// <summary>Gets the silence that holds back this alert (its plugin, rule and level) at <paramref name="now"/>, if any.</summary>
    public AlertSilence? Covering(HealthAlert alert, DateTimeOffset now)
    {
        foreach (var silence in _silences)
        {
            if (silence.Covers(alert.PluginId, alert.RuleId, alert.Level, now))
            {
                return silence;
            }
        }

        return null;
    }
}
