using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Judges every cycle's snapshots with the rules, keeps one <see cref="AlertTracker"/> per (plugin,
/// rule), and writes each alert change — with its outbox entries, one per sink, grouped when many
/// change at once — to the store before any sink can see it. Also serves the operator's silences
/// and acknowledgements.
/// </summary>
internal sealed partial class HealthAlertManager : IHealthAlertManager
{
    private readonly IHealthStore _store;
    private readonly IAlertOutboxStore _outbox;
    private readonly IHealthRule[] _rules;
    private readonly string[] _sinkNames;
    private readonly PluginHealthOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Dictionary<(string PluginId, string RuleId), AlertTracker> _trackers = new(PluginRuleComparer.Instance);
    private readonly Dictionary<string, AlertRuleSettings> _settings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PluginHealthThresholds> _thresholds = new(PluginId.Comparer);
    private readonly Dictionary<string, (PluginAnomalyDetectors Detectors, long LastSeenCycle)> _detectors = new(PluginId.Comparer);
    private readonly AnomalyObservation[] _observations = new AnomalyObservation[AnomalyMetricExtensions.Count];
    private long _cycle;

    // Changes whose store write failed: written again, first, by the next cycle. Nothing is lost.
    private readonly Dictionary<Guid, HealthAlert> _unsavedAlerts = [];
    private readonly List<AlertDelivery> _unsavedDeliveries = [];

    // Guards the trackers; the write lock orders store writes, so that an acknowledgement is never
    // overwritten by an older version of the same alert.
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private ImmutableArray<AlertSilence> _silences = [];
    private bool _resumed;

    public HealthAlertManager(
        IHealthStore store,
        IAlertOutboxStore outbox,
        IEnumerable<IHealthRule> rules,
        IEnumerable<IAlertSink> sinks,
        IOptions<PluginHealthOptions> options,
        TimeProvider timeProvider,
        ILogger<HealthAlertManager> logger)
    {
        _store = store;
        _outbox = outbox;
        _options = options.Value;
        _rules = rules.ToArray();
        _sinkNames = sinks.Select(s => s.Name).ToArray();
        _timeProvider = timeProvider;
        _logger = logger;

        var duplicate = _sinkNames.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two alert sinks are named '{duplicate.Key}'; sink names must be unique (override IAlertSink.Name).");
        }
    }

    /// <summary>Gets the names of the sinks notifications are queued for.</summary>
    internal IReadOnlyList<string> SinkNames => _sinkNames;

    /// <summary>
    /// Evaluates one cycle's snapshots and stores the resulting alert changes and notifications.
    /// Never throws for a store or rule failure: they are logged, and unsaved changes are kept for the next cycle.
    /// </summary>
    /// <returns>Whether there are new notifications to dispatch.</returns>
    public async ValueTask<bool> EvaluateAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken)
    {
        if (!_resumed && !await TryResumeAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var now = _timeProvider.GetUtcNow();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<AlertChange>? notifiable = null;
            lock (_gate)
            {
                _cycle++;
                foreach (var snapshot in snapshots)
                {
                    EvaluatePlugin(snapshot, now, ref notifiable);
                }

                ForgetDetectorsOfGonePlugins();

                SendDeferredFirings(now, ref notifiable);
            }

            if (notifiable is not null)
            {
                QueueNotifications(notifiable, now);
            }

            if (_unsavedAlerts.Count == 0 && _unsavedDeliveries.Count == 0)
            {
                return false;
            }

            // Notifications left over from a failed write count as new once they are written.
            var hasNotifications = _unsavedDeliveries.Count > 0;
            return await TrySaveAsync(cancellationToken).ConfigureAwait(false) && hasNotifications;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<AlertSilence> SilenceAsync(string? pluginId, string? ruleId, DateTimeOffset until, string reason, string createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        var now = _timeProvider.GetUtcNow();
        if (until <= now)
        {
            throw new ArgumentException($"A silence must end in the future; 'until' was {until:O}, now is {now:O}.", nameof(until));
        }

        var silence = new AlertSilence
        {
            Id = Guid.CreateVersion7(now),
            PluginId = string.IsNullOrWhiteSpace(pluginId) ? null : pluginId,
            RuleId = string.IsNullOrWhiteSpace(ruleId) ? null : ruleId,
            CreatedAt = now,
            Until = until,
            Reason = reason,
            CreatedBy = createdBy,
        };
        await _store.SaveSilenceAsync(silence, cancellationToken).ConfigureAwait(false);
        ImmutableInterlocked.Update(ref _silences, (list, added) => list.Add(added), silence);
        Log.Silenced(_logger, silence.PluginId ?? "*", silence.RuleId ?? "*", until, reason, createdBy);
        return silence;
    }

    public async Task<bool> EndSilenceAsync(Guid silenceId, CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var silence = _silences.FirstOrDefault(s => s.Id == silenceId && s.Until > now);
        if (silence is null)
        {
            return false;
        }

        var ended = silence with { Until = now };
        await _store.SaveSilenceAsync(ended, cancellationToken).ConfigureAwait(false);
        ImmutableInterlocked.Update(ref _silences, (list, id) => list.RemoveAll(s => s.Id == id), silenceId);
        return true;
    }

    public IReadOnlyList<AlertSilence> GetActiveSilences()
    {
        var now = _timeProvider.GetUtcNow();
        return [.. _silences.Where(s => s.Until > now && s.CreatedAt <= now).OrderBy(s => s.Until)];
    }

    public async Task<bool> AcknowledgeAsync(Guid alertId, string acknowledgedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(acknowledgedBy);
        HealthAlert? acknowledged = null;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                var tracker = _trackers.Values.FirstOrDefault(t => t.Open?.Id == alertId);
                if (tracker?.Open is { AcknowledgedAt: null } open)
                {
                    acknowledged = open with { AcknowledgedBy = acknowledgedBy, AcknowledgedAt = _timeProvider.GetUtcNow() };
                    tracker.Replace(acknowledged);
                }
            }

            if (acknowledged is null)
            {
                return false;
            }

            // Also queued with the cycle's writes, so that it is stored even if the write below fails.
            _unsavedAlerts[acknowledged.Id] = acknowledged;
        }
        finally
        {
            _writeLock.Release();
        }

        // Outside the write lock: a store that is down must hold up the operator's command, never a cycle.
        await _outbox.SaveAlertsAsync([acknowledged], [], cancellationToken).ConfigureAwait(false);
        Log.Acknowledged(_logger, acknowledged.PluginId, acknowledged.RuleId, acknowledgedBy);
        return true;
    }

    private void EvaluatePlugin(PluginHealthSnapshot snapshot, DateTimeOffset now, ref List<AlertChange>? notifiable)
    {
        var isHost = PluginId.Comparer.Equals(snapshot.PluginId, HostMonitoringOptions.PluginId);
        var context = new HealthRuleContext(snapshot, isHost ? HostThresholds(snapshot) : ThresholdsFor(snapshot.PluginId));
        _options.Plugins.TryGetValue(snapshot.PluginId, out var pluginOptions);

        foreach (var rule in _rules)
        {
            if (IsDisabledFor(pluginOptions, rule.RuleId))
            {
                continue;
            }

            HealthRuleResult result;
            try
            {
                result = rule.Evaluate(context);
            }
            catch (Exception ex)
            {
                Log.RuleFailed(_logger, ex, rule.RuleId, snapshot.PluginId);
                continue;
            }

            Track(snapshot.PluginId, rule.RuleId, result, now, ref notifiable);
        }

        if (_options.Anomalies.Enabled)
        {
            EvaluateAnomalies(snapshot, pluginOptions, now, ref notifiable);
        }
    }

    private void EvaluateAnomalies(PluginHealthSnapshot snapshot, PluginMonitoringOptions? pluginOptions, DateTimeOffset now, ref List<AlertChange>? notifiable)
    {
        if (!_detectors.TryGetValue(snapshot.PluginId, out var entry))
        {
            entry = (new PluginAnomalyDetectors(snapshot.PluginId, _options.Anomalies), _cycle);
        }

        _detectors[snapshot.PluginId] = (entry.Detectors, _cycle);
        entry.Detectors.Observe(snapshot, _observations);
        foreach (var observation in _observations)
        {
            var ruleId = observation.Metric.RuleId();
            if (IsDisabledFor(pluginOptions, ruleId))
            {
                continue;
            }

            var result = observation.IsFiring
                ? HealthRuleResult.Breached(AlertLevel.Warning, $"{snapshot.PluginId}: {observation.Describe()}", observation.Value, observation.Limit)
                : observation.IsJudged ? HealthRuleResult.Clear : HealthRuleResult.Unknown;
            Track(snapshot.PluginId, ruleId, result, now, ref notifiable);
        }
    }

    private void Track(string pluginId, string ruleId, HealthRuleResult result, DateTimeOffset now, ref List<AlertChange>? notifiable)
    {
        var key = (pluginId, ruleId);
        if (!_trackers.TryGetValue(key, out var tracker))
        {
            if (result.Outcome != HealthRuleOutcome.Breached)
            {
                // Most (plugin, rule) pairs are never breached: they cost no tracker.
                return;
            }

            tracker = new AlertTracker(pluginId, ruleId);
            _trackers.Add(key, tracker);
        }

        if (tracker.Observe(result, SettingsFor(ruleId), now) is not { } change)
        {
            return;
        }

        MonitoringMetrics.AlertChanged(change);

        if (change.IsNotifiable)
        {
            (notifiable ??= []).Add(change);
        }
        else
        {
            _unsavedAlerts[change.Alert.Id] = change.Alert;
        }
    }

    private bool IsDisabledFor(PluginMonitoringOptions? pluginOptions, string ruleId) =>
        (_options.Rules.TryGetValue(ruleId, out var rule) && rule is { Enabled: false })
        || (pluginOptions is not null && pluginOptions.DisabledRules.Contains(ruleId, StringComparer.Ordinal));

    /// <summary>Drops the baselines of plugins not seen for a while (unloaded), so memory follows the plugins watched.</summary>
    private void ForgetDetectorsOfGonePlugins()
    {
        const int ForgetAfterCycles = 120;
        if (_cycle % ForgetAfterCycles != 0)
        {
            return;
        }

        foreach (var pluginId in _detectors.Where(d => _cycle - d.Value.LastSeenCycle >= ForgetAfterCycles).Select(d => d.Key).ToList())
        {
            _detectors.Remove(pluginId);
        }
    }

    /// <summary>An alert that fired during a silence is announced once the silence is over.</summary>
    private void SendDeferredFirings(DateTimeOffset now, ref List<AlertChange>? notifiable)
    {
        foreach (var tracker in _trackers.Values)
        {
            if (tracker.Open is { SendCount: 0 } open && !IsSilenced(open, now)
                && (notifiable is null || !notifiable.Exists(c => c.Alert.Id == open.Id)))
            {
                (notifiable ??= []).Add(new AlertChange(AlertChangeKind.Fired, open));
            }
        }
    }

    private void QueueNotifications(List<AlertChange> changes, DateTimeOffset now)
    {
        var toSend = new List<HealthAlert>(changes.Count);
        foreach (var change in changes)
        {
            var alert = change.Alert;
            var silence = FindSilence(alert, now);
            if (silence is not null)
            {
                alert = alert.SilencedAt is null ? alert with { SilencedBy = $"{silence.CreatedBy}: {silence.Reason}", SilencedAt = now } : alert;
                Log.AlertSilenced(_logger, alert.PluginId, alert.RuleId, change.Kind.ToString(), silence.Reason);
            }
            else if (change.Kind == AlertChangeKind.Resolved && alert.SendCount == 0)
            {
                // Nobody was told it fired (it was silenced): nobody needs to be told it resolved.
            }
            else
            {
                alert = alert with { SendCount = alert.SendCount + 1, LastSentAt = now };
                toSend.Add(alert);
            }

            _unsavedAlerts[alert.Id] = alert;
            lock (_gate)
            {
                if (alert.State == AlertState.Firing && _trackers.TryGetValue((alert.PluginId, alert.RuleId), out var tracker))
                {
                    tracker.Replace(alert);
                }
            }
        }

        if (toSend.Count == 0 || _sinkNames.Length == 0)
        {
            return;
        }

        // More than GroupThreshold changes in one cycle make one notification per sink, not fifty.
        var grouped = toSend.Count > _options.GroupThreshold;
        var groupId = Guid.CreateVersion7(now);
        foreach (var alert in toSend)
        {
            var notificationId = grouped ? groupId : Guid.CreateVersion7(now);
            foreach (var sink in _sinkNames)
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
                    NextAttemptAt = now,
                });
            }
        }
    }

    private async ValueTask<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Bounded, so that a locked or slow store never holds up the cycle; the write may still
            // land later, which is harmless: alerts are upserted and outbox ids are written once.
            await _outbox.SaveAlertsAsync([.. _unsavedAlerts.Values], [.. _unsavedDeliveries], cancellationToken)
                .WaitAsync(_options.CheckTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            _unsavedAlerts.Clear();
            _unsavedDeliveries.Clear();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.SaveFailed(_logger, ex, _unsavedAlerts.Count, _unsavedDeliveries.Count);
            return false;
        }
    }

    private async ValueTask<bool> TryResumeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = _timeProvider.GetUtcNow();
            var open = await _store.GetOpenAlertsAsync(cancellationToken).WaitAsync(_options.CheckTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            var silences = await _store.GetSilencesAsync(now, cancellationToken).WaitAsync(_options.CheckTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                foreach (var alert in open)
                {
                    var tracker = new AlertTracker(alert.PluginId, alert.RuleId);
                    tracker.Resume(alert, SettingsFor(alert.RuleId));
                    _trackers[(alert.PluginId, alert.RuleId)] = tracker;
                }
            }

            ImmutableInterlocked.Update(ref _silences, (list, loaded) => list.AddRange(loaded.Where(l => !list.Any(s => s.Id == l.Id))), silences);
            _resumed = true;
            if (open.Count > 0)
            {
                Log.Resumed(_logger, open.Count);
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Evaluating without the open alerts would fire them a second time: wait for the store.
            Log.ResumeFailed(_logger, ex);
            return false;
        }
    }

    private bool IsSilenced(HealthAlert alert, DateTimeOffset now) => FindSilence(alert, now) is not null;

    private AlertSilence? FindSilence(HealthAlert alert, DateTimeOffset now)
    {
        foreach (var silence in _silences)
        {
            if (silence.Covers(alert.PluginId, alert.RuleId, now))
            {
                return silence;
            }
        }

        return null;
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

    private PluginHealthThresholds ThresholdsFor(string pluginId)
    {
        if (_thresholds.TryGetValue(pluginId, out var thresholds))
        {
            return thresholds;
        }

        var global = _options.Thresholds;
        thresholds = _options.Plugins.TryGetValue(pluginId, out var plugin) && plugin?.Thresholds is { } o
            ? Merge(o, global, global.MaxMemoryUsageMb, global.MaxCpuUsagePct)
            : global;
        _thresholds.Add(pluginId, thresholds);
        return thresholds;
    }

    /// <summary>
    /// The host row's thresholds: its own overrides, else — for memory and CPU, which the plugins'
    /// limits do not fit — 90 % of the memory limit the host runs under and 80 % of all its cores.
    /// </summary>
    private PluginHealthThresholds HostThresholds(PluginHealthSnapshot host)
    {
        var global = _options.Thresholds;
        var memory = host.Resources.MemoryLimitMb is { } limit ? limit * 0.9 : global.MaxMemoryUsageMb;
        var cpu = PluginHealthDefaults.MaxCpuUsagePct * Environment.ProcessorCount;
        if (_thresholds.TryGetValue(HostMonitoringOptions.PluginId, out var cached) && cached.MaxMemoryUsageMb == (_options.Host.Thresholds.MaxMemoryUsageMb ?? memory))
        {
            return cached;
        }

        var thresholds = Merge(_options.Host.Thresholds, global, memory, cpu);
        _thresholds[HostMonitoringOptions.PluginId] = thresholds;
        return thresholds;
    }

    private static PluginHealthThresholds Merge(PluginThresholdOverrides overrides, PluginHealthThresholds global, double defaultMemory, double defaultCpu) => new()
    {
        MaxExecutionTimeMs = overrides.MaxExecutionTimeMs ?? global.MaxExecutionTimeMs,
        MaxErrorRatePct = overrides.MaxErrorRatePct ?? global.MaxErrorRatePct,
        MaxMemoryUsageMb = overrides.MaxMemoryUsageMb ?? defaultMemory,
        MaxCpuUsagePct = overrides.MaxCpuUsagePct ?? defaultCpu,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Rule {RuleId} threw for plugin {PluginId}; counted as unknown")]
        public static partial void RuleFailed(ILogger logger, Exception exception, string ruleId, string pluginId);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Could not store {AlertCount} alert change(s) and {DeliveryCount} notification(s); they are kept and written again next cycle")]
        public static partial void SaveFailed(ILogger logger, Exception exception, int alertCount, int deliveryCount);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Could not load the open alerts from the store; alert evaluation waits for it (monitoring goes on)")]
        public static partial void ResumeFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Resumed {Count} alert(s) that were firing before the restart")]
        public static partial void Resumed(ILogger logger, int count);

        [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Alert {RuleId} of {PluginId} ({Change}) not sent: silenced ({Reason})")]
        public static partial void AlertSilenced(ILogger logger, string pluginId, string ruleId, string change, string reason);

        [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Alerts of plugin {PluginId}, rule {RuleId} silenced until {Until:O}: {Reason} (by {CreatedBy})")]
        public static partial void Silenced(ILogger logger, string pluginId, string ruleId, DateTimeOffset until, string reason, string createdBy);

        [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Alert {RuleId} of {PluginId} acknowledged by {AcknowledgedBy}")]
        public static partial void Acknowledged(ILogger logger, string pluginId, string ruleId, string acknowledgedBy);
    }
}
