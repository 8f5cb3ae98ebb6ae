using System.Globalization;
using System.Numerics;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The lifecycle of the alert of one (plugin, rule): pending until <c>ForCycles</c> consecutive
/// breaches, firing until <c>ClearCycles</c> consecutive clear cycles, with flap detection in the
/// manner of Icinga: the share of state changes among the last <see cref="PluginHealthDefaults.FlapWindow"/>
/// outcomes; a condition that flips at least <see cref="PluginHealthDefaults.FlapStartPct"/> % of the
/// time is reported once, as flapping, and neither fires nor resolves again until it flips less than
/// <see cref="PluginHealthDefaults.FlapStopPct"/> % of the time. Its start and its end are each
/// announced once, for a pending alert as for an open one (Icinga's FLAPPINGSTART and FLAPPINGEND),
/// the end with the state the condition settles in; in between nothing is repeated.
/// </summary>
/// <remarks>Not thread-safe: the alert manager serialises access.</remarks>
internal sealed class AlertTracker(string pluginId, string ruleId, Func<Guid, string>? chooseShortId = null)
{
    // Fewer outcomes than this say nothing about flapping (B, C, B is not yet a pattern).
    private const int MinFlapObservations = 7;

    private int _breaches;
    private int _clears;
    private uint _history;
    private int _observed;
    private int _lowerLevelCycles;
    private HealthRuleResult _lastBreach;

    public string PluginId { get; } = pluginId;

    public string RuleId { get; } = ruleId;

    /// <summary>Gets the firing alert; <see langword="null"/> when none is.</summary>
    public HealthAlert? Open { get; private set; }

    /// <summary>Gets whether the condition is flapping.</summary>
    public bool IsFlapping { get; private set; }

    /// <summary>Takes over an alert that was firing before a restart: it goes on firing, it does not fire again.</summary>
    public void Resume(HealthAlert alert, AlertRuleSettings settings)
    {
        Open = alert;
        IsFlapping = alert.FlappingSince is not null;
        _breaches = settings.ForCycles;
        _lowerLevelCycles = 0;
    }

    /// <summary>Replaces the open alert (after it was sent, acknowledged or silenced).</summary>
    public void Replace(HealthAlert alert)
    {
        if (Open is not null && Open.Id == alert.Id)
        {
            Open = alert;
        }
    }

    /// <summary>Feeds one cycle's verdict; returns what changed, if anything.</summary>
    /// <param name="result">The rule's verdict this cycle.</param>
    /// <param name="settings">The rule's lifecycle settings.</param>
    /// <param name="now">The cycle's time.</param>
    /// <param name="holdReminders">
    /// Whether the open alert is held back (silenced or inhibited): no reminder is drawn up, so that a
    /// held-back alert past its repeat interval is not reconsidered every cycle. Once it is no longer
    /// held, a reminder is due as soon as the repeat interval since the last send has passed.
    /// </param>
    public AlertChange? Observe(HealthRuleResult result, AlertRuleSettings settings, DateTimeOffset now, bool holdReminders = false)
    {
        if (result.Outcome == HealthRuleOutcome.Unknown)
        {
            return null;
        }

        var breached = result.Outcome == HealthRuleOutcome.Breached;
        if (breached)
        {
            _breaches++;
            _clears = 0;
            _lastBreach = result;
        }
        else
        {
            _clears++;
            _breaches = 0;
            _lowerLevelCycles = 0;
        }

        var flapping = UpdateFlapping(breached);
        if (flapping != FlapChange.None)
        {
            return flapping == FlapChange.Started ? StartFlapping(now) : StopFlapping(result, breached, now);
        }

        if (IsFlapping)
        {
            // Neither fires, resolves nor repeats while flapping: the start was announced, the end will be.
            return null;
        }

        if (Open is not { } open)
        {
            return breached && _breaches >= settings.ForCycles ? Fire(now, result, result.Message!) : null;
        }

        if (!breached)
        {
            if (_clears < settings.ClearCycles)
            {
                return null;
            }

            Open = null;
            // The resolved alert's own message says it recovered (a sink that shows only the message must not repeat the problem).
            var recovered = $"Recovered: {RuleId} is clear again after {OperatorTime.Age(now - open.RaisedAt)}. Was: {open.Message}";
            return new AlertChange(AlertChangeKind.Resolved, open with { State = AlertState.Resolved, ResolvedAt = now, Message = recovered });
        }

        return StillBreached(open, result, settings, now, holdReminders);
    }

    /// <summary>
    /// An open alert breached again: a higher level is announced at once; a lower one once it has held
    /// for <c>ClearCycles</c> cycles in a row (as a resolution is), so a figure hovering at a limit does
    /// not announce every cycle; at the same level, a reminder once the level's repeat interval has passed.
    /// </summary>
    private AlertChange? StillBreached(HealthAlert open, HealthRuleResult result, AlertRuleSettings settings, DateTimeOffset now, bool holdReminders)
    {
        if (result.Level != open.Level)
        {
            return ChangeLevel(open, result, settings);
        }

        _lowerLevelCycles = 0;
        var current = open with
        {
            Message = IsFlapping ? FlappingMessage() : result.Message!,
            Value = result.Value,
            Threshold = result.Threshold,
        };
        Open = current;

        // Figure changes travel with the next notification, so a value that moves every cycle costs no write.
        var lastSent = open.LastSentAt ?? open.RaisedAt;
        return !IsFlapping && !holdReminders && open.AcknowledgedAt is null && open.SendCount > 0 && now - lastSent >= settings.RepeatIntervalFor(open.Level)
            ? new AlertChange(AlertChangeKind.Reminder, current)
            : null;
    }

    /// <summary>Escalation (at once) or de-escalation (after ClearCycles cycles at a lower level), each announced once.</summary>
    private AlertChange? ChangeLevel(HealthAlert open, HealthRuleResult result, AlertRuleSettings settings)
    {
        var rising = result.Level > open.Level;
        if (!rising && ++_lowerLevelCycles < settings.ClearCycles)
        {
            return null;
        }

        _lowerLevelCycles = 0;
        var change = rising ? "Escalated" : "De-escalated";
        Open = open with
        {
            Level = result.Level,
            Message = $"{change} from {open.Level} to {result.Level}: {result.Message}",
            Value = result.Value,
            Threshold = result.Threshold,
        };
        return new AlertChange(rising ? AlertChangeKind.Escalated : AlertChangeKind.Deescalated, Open);
    }

    /// <summary>FLAPPINGSTART: a pending alert opens as flapping; an open one is marked flapping.</summary>
    private AlertChange StartFlapping(DateTimeOffset now)
    {
        if (Open is not { } open)
        {
            var fired = Fire(now, _lastBreach, FlappingMessage());
            Open = fired.Alert with { FlappingSince = now };
            return new AlertChange(AlertChangeKind.FlappingStarted, Open);
        }

        Open = open with { FlappingSince = now, Message = FlappingMessage() };
        return new AlertChange(AlertChangeKind.FlappingStarted, Open);
    }

    /// <summary>FLAPPINGEND: the alert settles in the state of this cycle, firing or resolved.</summary>
    private AlertChange? StopFlapping(HealthRuleResult result, bool breached, DateTimeOffset now)
    {
        if (Open is not { } open)
        {
            return null;
        }

        if (breached)
        {
            Open = open with
            {
                FlappingSince = null,
                Level = result.Level,
                Value = result.Value,
                Threshold = result.Threshold,
                Message = $"Stopped flapping, still firing: {result.Message}",
            };
            return new AlertChange(AlertChangeKind.FlappingEnded, Open);
        }

        Open = null;
        return new AlertChange(AlertChangeKind.FlappingEnded, open with
        {
            FlappingSince = null,
            State = AlertState.Resolved,
            ResolvedAt = now,
            Message = $"Stopped flapping, resolved: {RuleId} is clear again after {OperatorTime.Age(now - open.RaisedAt)} (last problem: {_lastBreach.Message ?? "breached"})",
        });
    }

    private AlertChange Fire(DateTimeOffset now, HealthRuleResult result, string message)
    {
        var id = Guid.CreateVersion7(now);
        var alert = new HealthAlert
        {
            Id = id,
            ShortId = chooseShortId?.Invoke(id) ?? HealthAlert.DefaultShortId(id),
            PluginId = PluginId,
            RuleId = RuleId,
            Level = result.Level,
            Message = message,
            Value = result.Value,
            Threshold = result.Threshold,
            RaisedAt = now,
        };
        Open = alert;
        return new AlertChange(AlertChangeKind.Fired, alert);
    }

    private FlapChange UpdateFlapping(bool breached)
    {
        const uint windowMask = (1u << PluginHealthDefaults.FlapWindow) - 1;
        _history = ((_history << 1) | (breached ? 1u : 0u)) & windowMask;
        _observed = Math.Min(_observed + 1, PluginHealthDefaults.FlapWindow);
        if (_observed < MinFlapObservations)
        {
            return FlapChange.None;
        }

        var pairsMask = (1u << (_observed - 1)) - 1;
        var changes = BitOperations.PopCount((_history ^ (_history >> 1)) & pairsMask);
        var changePct = 100.0 * changes / (_observed - 1);

        if (!IsFlapping && changePct >= PluginHealthDefaults.FlapStartPct)
        {
            IsFlapping = true;
            return FlapChange.Started;
        }

        if (IsFlapping && changePct < PluginHealthDefaults.FlapStopPct)
        {
            IsFlapping = false;
            return FlapChange.Stopped;
        }

        return FlapChange.None;
    }

    private string FlappingMessage() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Flapping: {RuleId} changed state often in the last {_observed} cycles; latest: {_lastBreach.Message ?? "breached"}");

    private enum FlapChange
    {
        None,
        Started,
        Stopped,
    }
}
