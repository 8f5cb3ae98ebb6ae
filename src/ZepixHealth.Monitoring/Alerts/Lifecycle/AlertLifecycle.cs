using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The alert lifecycle stage: one <see cref="AlertTracker"/> per (plugin, rule) turns rule outcomes
/// into alert changes (pending → firing → resolved, escalation, reminders, flapping); silences decide
/// which changes are announced; acknowledgements and a restart's open alerts are applied here too.
/// </summary>
/// <remarks>Thread-safe: the cycle and the operator's commands meet here under one lock.</remarks>
internal sealed partial class AlertLifecycle
{
    private readonly PluginHealthOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<(string PluginId, string RuleId), AlertTracker> _trackers = new(PluginRuleComparer.Instance);

    // The same pairs as _trackers, by plugin: the evaluator asks once per plugin, not once per rule.
    private readonly Dictionary<string, TrackedRules> _trackedRules = new(PluginId.Comparer);
    private readonly AlertInhibitor _inhibitor;
    private readonly Func<string, string, HealthAlert?> _openAlertOf;
    private readonly Dictionary<string, AlertRuleSettings> _settings = new(StringComparer.Ordinal);
    private readonly HeldResolutions _heldResolutions = new();
    private readonly Lock _gate = new();

    public AlertLifecycle(PluginHealthOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _inhibitor = new AlertInhibitor(options.Inhibition);
        _openAlertOf = (pluginId, ruleId) => _trackers.TryGetValue((pluginId, ruleId), out var tracker) ? tracker.Open : null;
    }

    public AlertSilences Silences { get; } = new();

    /// <summary>
    /// Gets the rules of <paramref name="pluginId"/> that have a tracker (an alert pending, open, or recently
    /// seen for flap detection): only their clear outcomes can change an alert. <see langword="null"/> when none has.
    /// </summary>
    /// <remarks>
    /// Trackers are added and removed by the cycle alone, so the cycle may ask without the lock. Asked for
    /// every plugin of every cycle: with no alert tracked at all, nothing is hashed.
    /// </remarks>
    public TrackedRules? TrackedRulesOf(string pluginId) =>
        _trackedRules.Count != 0 && _trackedRules.TryGetValue(pluginId, out var rules) ? rules : null;

    /// <summary>Applies one cycle's outcomes.</summary>
    /// <param name="outcomes">The cycle's rule outcomes.</param>
    /// <param name="now">The cycle's time.</param>
    /// <param name="changed">Receives the alerts that changed without anything to announce (to be stored).</param>
    /// <returns>The changes to announce, or <see langword="null"/> when there are none.</returns>
    public List<AlertChange>? Apply(ReadOnlySpan<RuleOutcome> outcomes, DateTimeOffset now, List<HealthAlert> changed)
    {
        List<AlertChange>? notifiable = null;
        lock (_gate)
        {
            foreach (ref readonly var outcome in outcomes)
            {
                if (Track(in outcome, now) is not { } change)
                {
                    continue;
                }

                MonitoringMetrics.AlertChanged(change);
                if (change.IsNotifiable)
                {
                    (notifiable ??= []).Add(change);
                }
                else
                {
                    changed.Add(change.Alert);
                }
            }

            MarkInhibited(changed);
            _heldResolutions.Release(Silences, now, ref notifiable);
            AddDeferredFirings(now, ref notifiable);
        }

        return notifiable;
    }

    /// <summary>
    /// Drops the trackers of plugins that are no longer watched; each open alert of theirs ends with a
    /// resolution saying the plugin was removed (announced like any resolution, so sent once).
    /// </summary>
    public void Forget(IReadOnlyList<string> pluginIds, DateTimeOffset now, ref List<AlertChange>? notifiable)
    {
        if (pluginIds.Count == 0)
        {
            return;
        }

        var removed = new HashSet<string>(pluginIds, PluginId.Comparer);
        lock (_gate)
        {
            foreach (var pluginId in pluginIds)
            {
                _trackedRules.Remove(pluginId);
            }

            foreach (var key in _trackers.Keys.Where(k => removed.Contains(k.PluginId)).ToList())
            {
                if (_trackers.Remove(key, out var tracker) && tracker.Open is { } open)
                {
                    var change = new AlertChange(AlertChangeKind.Resolved, open with
                    {
                        State = AlertState.Resolved,
                        ResolvedAt = now,
                        Message = $"Plugin {open.PluginId} was removed from the monitor; its {open.RuleId} alert ends here. ({open.Message})",
                    });
                    MonitoringMetrics.AlertChanged(change);
                    (notifiable ??= []).Add(change);
                }
            }
        }
    }

    /// <summary>
    /// Decides which changes are sent: a silenced change is stored, marked, not sent (a silenced
    /// resolution whose firing was sent is held and sent when the silence ends); a resolution whose
    /// firing was never sent is not sent either. Sent alerts count the send.
    /// </summary>
    /// <returns>The alerts to send; every announced alert (sent or not) is added to <paramref name="changed"/>.</returns>
    public List<HealthAlert> Announce(List<AlertChange> changes, DateTimeOffset now, List<HealthAlert> changed)
    {
        var toSend = new List<HealthAlert>(changes.Count);
        foreach (var change in changes)
        {
            var alert = WithInhibition(change.Alert);
            if (Silences.Covering(alert, now) is { } silence)
            {
                alert = alert.SilencedAt is null ? alert with { SilencedBy = $"{silence.CreatedBy}: {silence.Reason}", SilencedAt = now } : alert;
                Log.AlertSilenced(_logger, alert.PluginId, alert.RuleId, change.Kind.ToString(), silence.Reason);
                if (HeldResolutions.IsOwed(alert))
                {
                    lock (_gate)
                    {
                        _heldResolutions.Hold(alert);
                    }
                }
            }
            else if (alert.State == AlertState.Firing && alert.InhibitedBy is { } inhibitedBy)
            {
                Log.AlertInhibited(_logger, alert.PluginId, alert.RuleId, change.Kind.ToString(), inhibitedBy);
            }
            else if (alert.State != AlertState.Resolved || alert.SendCount > 0)
            {
                alert = alert with { SendCount = alert.SendCount + 1, LastSentAt = now };
                toSend.Add(alert);
            }

            changed.Add(alert);
            ReplaceOpen(alert);
        }

        return toSend;
    }

    /// <summary>Marks a firing alert acknowledged; <see langword="null"/> when no open, unacknowledged alert has this id.</summary>
    public HealthAlert? Acknowledge(Guid alertId, string acknowledgedBy, DateTimeOffset now)
    {
        lock (_gate)
        {
            var tracker = _trackers.Values.FirstOrDefault(t => t.Open?.Id == alertId);
            if (tracker?.Open is not { AcknowledgedAt: null } open)
            {
                return null;
            }

            var acknowledged = open with { AcknowledgedBy = acknowledgedBy, AcknowledgedAt = now };
            tracker.Replace(acknowledged);
            return acknowledged;
        }
    }

    /// <summary>
    /// Takes up the alerts that were open before a restart, so they are not fired a second time, and the
    /// resolutions a silence was still holding back among <paramref name="recent"/> alerts.
    /// </summary>
    public void Resume(IReadOnlyList<HealthAlert> open, IReadOnlyList<HealthAlert>? recent = null)
    {
        lock (_gate)
        {
            foreach (var alert in recent ?? [])
            {
                if (HeldResolutions.IsStillHeld(alert))
                {
                    _heldResolutions.Hold(alert);
                }
            }

            foreach (var alert in open)
            {
                var tracker = new AlertTracker(alert.PluginId, alert.RuleId, ChooseShortId);
                tracker.Resume(alert, SettingsFor(alert.RuleId));
                _trackers[(alert.PluginId, alert.RuleId)] = tracker;
                TrackRule(alert.PluginId, alert.RuleId);
            }
        }
    }

    private AlertChange? Track(in RuleOutcome outcome, DateTimeOffset now)
    {
        var key = (outcome.PluginId, outcome.RuleId);
        if (!_trackers.TryGetValue(key, out var tracker))
        {
            if (outcome.Result.Outcome != HealthRuleOutcome.Breached)
            {
                // Most (plugin, rule) pairs are never breached: they cost no tracker.
                return null;
            }

            tracker = new AlertTracker(outcome.PluginId, outcome.RuleId, ChooseShortId);
            _trackers.Add(key, tracker);
            TrackRule(outcome.PluginId, outcome.RuleId);
        }

        return tracker.Observe(outcome.Result, SettingsFor(outcome.RuleId), now, IsHeldBack(tracker, now));
    }

    private void TrackRule(string pluginId, string ruleId)
    {
        if (!_trackedRules.TryGetValue(pluginId, out var rules))
        {
            rules = new TrackedRules();
            _trackedRules.Add(pluginId, rules);
        }

        rules.Add(ruleId);
    }

    /// <summary>Whether the tracker's open alert is held back now (inhibited or silenced), so that it draws up no reminder.</summary>
    private bool IsHeldBack(AlertTracker tracker, DateTimeOffset now) =>
        tracker.Open is { } open && (open.InhibitedBy is not null || (!Silences.IsEmpty && Silences.Covering(open, now) is not null));

    /// <summary>Marks (or unmarks) each open alert that another alert of its plugin holds back, and stores the change.</summary>
    private void MarkInhibited(List<HealthAlert> changed)
    {
        if (_inhibitor.IsEmpty)
        {
            return;
        }

        foreach (var tracker in _trackers.Values)
        {
            if (tracker.Open is { } open && WithInhibition(open) is var marked && !ReferenceEquals(marked, open))
            {
                tracker.Replace(marked);
                changed.Add(marked);
            }
        }
    }

    /// <summary>The alert with its inhibition as it is now; the same instance when that did not change.</summary>
    private HealthAlert WithInhibition(HealthAlert alert)
    {
        if (alert.State != AlertState.Firing || _inhibitor.IsEmpty)
        {
            return alert;
        }

        var inhibitedBy = _inhibitor.InhibitorOf(alert, _openAlertOf);
        return string.Equals(inhibitedBy, alert.InhibitedBy, StringComparison.Ordinal) ? alert : alert with { InhibitedBy = inhibitedBy };
    }

    /// <summary>An alert that fired during a silence is announced once the silence is over.</summary>
    private void AddDeferredFirings(DateTimeOffset now, ref List<AlertChange>? notifiable)
    {
        foreach (var tracker in _trackers.Values)
        {
            if (tracker.Open is { SendCount: 0, InhibitedBy: null } open && Silences.Covering(open, now) is null
                && (notifiable is null || !notifiable.Exists(c => c.Alert.Id == open.Id)))
            {
                (notifiable ??= []).Add(new AlertChange(AlertChangeKind.Fired, open));
            }
        }
    }

    // Called under _gate, from a tracker that is firing (so its own Open is still null).
    private string ChooseShortId(Guid id) =>
        AlertShortIds.Choose(id, shortId => _trackers.Values.Any(t => string.Equals(t.Open?.ShortId, shortId, StringComparison.OrdinalIgnoreCase)));

    private void ReplaceOpen(HealthAlert alert)
    {
        lock (_gate)
        {
            if (alert.State == AlertState.Firing && _trackers.TryGetValue((alert.PluginId, alert.RuleId), out var tracker))
            {
                tracker.Replace(alert);
            }
        }
    }

    private AlertRuleSettings SettingsFor(string ruleId)
    {
        if (!_settings.TryGetValue(ruleId, out var settings))
        {
            settings = AlertRuleSettings.For(ruleId, _options);
            _settings.Add(ruleId, settings);
        }

        return settings;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2050, Level = LogLevel.Information, Message = "Alert {RuleId} of {PluginId} ({Change}) not sent: inhibited by {InhibitedBy}")]
        public static partial void AlertInhibited(ILogger logger, string pluginId, string ruleId, string change, string inhibitedBy);

        [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Alert {RuleId} of {PluginId} ({Change}) not sent: silenced ({Reason})")]
        public static partial void AlertSilenced(ILogger logger, string pluginId, string ruleId, string change, string reason);
    }
}
