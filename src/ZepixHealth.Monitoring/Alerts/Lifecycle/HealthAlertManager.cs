using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Where the cycle and the operator meet the alerts: each cycle's rule outcomes go through the
/// <see cref="AlertLifecycle"/> and then the <see cref="AlertOutboxWriter"/>, in one write order with
/// the operator's acknowledgements, so that an acknowledgement is never overwritten by an older
/// version of the same alert. Also serves silences, and resumes the open alerts after a restart.
/// </summary>
internal sealed partial class HealthAlertManager : IHealthAlertManager
{
    private readonly IHealthStore _store;
    private readonly PluginHealthOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly AlertLifecycle _lifecycle;
    private readonly AlertOutboxWriter _writer;
    private readonly List<HealthAlert> _changed = [];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private bool _resumed;

    // The open alerts just resumed, until the next apply has ended those of plugins no longer registered.
    private IReadOnlyList<HealthAlert>? _justResumed;

    public HealthAlertManager(
        IHealthStore store,
        IAlertOutboxStore outbox,
        IEnumerable<IAlertSink> sinks,
        IOptions<PluginHealthOptions> options,
        TimeProvider timeProvider,
        ILogger<HealthAlertManager> logger,
        Action? notificationsSaved = null)
    {
        _store = store;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        SinkNames = sinks.Select(s => s.Name).ToArray();
        var duplicate = SinkNames.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two alert sinks are named '{duplicate.Key}'; sink names must be unique (override IAlertSink.Name).");
        }

        _lifecycle = new AlertLifecycle(_options, logger);
        _writer = new AlertOutboxWriter(
            outbox, SinkNames, _options, timeProvider, logger, notificationsSaved,
            AlertRouter.For(_options.Routing, SinkNames), NotificationGrouper.For(_options), AlertEscalations.For(_options.Routing));
    }

    /// <summary>Gets the names of the sinks notifications are queued for.</summary>
    internal IReadOnlyList<string> SinkNames { get; }

    /// <summary>
    /// Gets the rules of <paramref name="pluginId"/> with an alert tracked (pending, open or recently seen),
    /// so that the evaluator hands on a clear outcome only where it can change something; <see langword="null"/>
    /// when none is. Before the open alerts of a restart are resumed, every rule counts as tracked.
    /// </summary>
    public TrackedRules? TrackedRulesOf(string pluginId) => _resumed ? _lifecycle.TrackedRulesOf(pluginId) : TrackedRules.Every;

    /// <summary>
    /// Loads the open alerts and silences of a restart, once, so that <see cref="TrackedRulesOf"/> knows them
    /// before the first evaluation (which then hands on the clears of those alerts only, not every clear).
    /// A store that fails is logged, and the next cycle tries again.
    /// </summary>
    /// <returns>Whether the open alerts are loaded; until they are, applying outcomes would fire them a second time.</returns>
    public async ValueTask<bool> ResumeAsync(CancellationToken cancellationToken)
    {
        if (!_resumed)
        {
            _justResumed = await TryResumeAsync(cancellationToken).ConfigureAwait(false);
        }

        return _resumed;
    }

    /// <summary>
    /// Applies one cycle's rule outcomes and stores the resulting alert changes and notifications.
    /// Never throws for a store failure: it is logged, and unsaved changes are kept for the next cycle.
    /// </summary>
    /// <returns>Whether there are new notifications to dispatch.</returns>
    public ValueTask<bool> ApplyAsync(ReadOnlyMemory<RuleOutcome> outcomes, CancellationToken cancellationToken) =>
        ApplyAsync(outcomes, [], cancellationToken);

    /// <summary>
    /// Applies one cycle's rule outcomes, and ends the alerts of <paramref name="removedPlugins"/> (plugins
    /// watched last cycle and not this one) with a "removed" resolution, freeing their per-plugin state.
    /// </summary>
    /// <returns>Whether there are new notifications to dispatch.</returns>
    public ValueTask<bool> ApplyAsync(ReadOnlyMemory<RuleOutcome> outcomes, IReadOnlyList<string> removedPlugins, CancellationToken cancellationToken) =>
        ApplyAsync(outcomes, removedPlugins, isWatched: null, cancellationToken);

    /// <summary>
    /// Applies one cycle's rule outcomes and ends the alerts of removed plugins; when this cycle resumes
    /// the open alerts of a restart, those of plugins <paramref name="isWatched"/> denies (no longer
    /// registered) end with a "removed" resolution too.
    /// </summary>
    /// <returns>Whether there are new notifications to dispatch.</returns>
    public async ValueTask<bool> ApplyAsync(
        ReadOnlyMemory<RuleOutcome> outcomes, IReadOnlyList<string> removedPlugins, Func<string, bool>? isWatched, CancellationToken cancellationToken)
    {
        if (!await ResumeAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (_justResumed is { } resumed)
        {
            removedPlugins = WithResumedUnwatched(removedPlugins, resumed, isWatched);
            _justResumed = null;
        }

        var now = _timeProvider.GetUtcNow();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _changed.Clear();
            List<AlertChange>? removed = null;
            _lifecycle.Forget(removedPlugins, now, ref removed);
            var notifiable = _lifecycle.Apply(outcomes.Span, now, _changed);
            if (removed is not null)
            {
                notifiable = notifiable is null ? removed : [.. removed, .. notifiable];
            }

            if (notifiable is not null)
            {
                _writer.Enqueue(_lifecycle.Announce(notifiable, now, _changed), now);
            }

            _changed.ForEach(_writer.Keep);
            _writer.EnqueueEscalations(now);
            if (!_writer.HasUnsaved)
            {
                return false;
            }

            // Written beside the cycle, in order: a locked or slow store never holds the cycle up. A store
            // that takes the write at once (in memory) has it now; otherwise notificationsSaved wakes the
            // dispatcher once it is durable. Notifications left over from a failed write count as new.
            var hasNotifications = _writer.HasUnsavedNotifications;
            var saving = _writer.SaveInBackground();
            _ = saving.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return saving.IsCompletedSuccessfully && hasNotifications;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<AlertSilence> SilenceAsync(string? pluginId, string? ruleId, DateTimeOffset until, string reason, string createdBy, CancellationToken cancellationToken = default) =>
        SilenceAsync(pluginId, ruleId, null, until, reason, createdBy, cancellationToken);

    public async Task<AlertSilence> SilenceAsync(string? pluginId, string? ruleId, AlertLevel? maxLevel, DateTimeOffset until, string reason, string createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        var now = _timeProvider.GetUtcNow();
        if (maxLevel is { } level && !Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(maxLevel), maxLevel, $"AlertLevel {(int)level} is not defined; use Warning, High or Critical.");
        }

        if (until <= now)
        {
            throw new ArgumentException($"A silence must end in the future; 'until' was {until:O}, now is {now:O}.", nameof(until));
        }

        var silence = new AlertSilence
        {
            Id = Guid.CreateVersion7(now),
            PluginId = string.IsNullOrWhiteSpace(pluginId) ? null : pluginId,
            RuleId = string.IsNullOrWhiteSpace(ruleId) ? null : ruleId,
            MaxLevel = maxLevel,
            CreatedAt = now,
            Until = until,
            Reason = reason,
            CreatedBy = createdBy,
        };
        await _store.SaveSilenceAsync(silence, cancellationToken).ConfigureAwait(false);
        _lifecycle.Silences.Add(silence);
        Log.Silenced(_logger, silence.PluginId ?? "*", silence.RuleId ?? "*", until, reason, createdBy);
        return silence;
    }

    public async Task<bool> EndSilenceAsync(Guid silenceId, CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        if (_lifecycle.Silences.FindActive(silenceId, now) is not { } silence)
        {
            return false;
        }

        await _store.SaveSilenceAsync(silence with { Until = now }, cancellationToken).ConfigureAwait(false);
        _lifecycle.Silences.Remove(silenceId);
        return true;
    }

    public IReadOnlyList<AlertSilence> GetActiveSilences() => _lifecycle.Silences.Active(_timeProvider.GetUtcNow());

    public async Task<bool> AcknowledgeAsync(Guid alertId, string acknowledgedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(acknowledgedBy);
        HealthAlert? acknowledged;
        Task saved;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            acknowledged = _lifecycle.Acknowledge(alertId, acknowledgedBy, _timeProvider.GetUtcNow());
            if (acknowledged is null)
            {
                return false;
            }

            // In the same write order as the cycle's changes, so that an older version never overwrites it;
            // kept, and written again with the next cycle, if this write fails.
            _writer.Keep(acknowledged);
            saved = _writer.SaveInBackground();
        }
        finally
        {
            _writeLock.Release();
        }

        // Outside the write lock: a store that is down must hold up the operator's command, never a cycle.
        await saved.WaitAsync(cancellationToken).ConfigureAwait(false);
        Log.Acknowledged(_logger, acknowledged.PluginId, acknowledged.RuleId, acknowledgedBy);
        return true;
    }

    /// <summary>Adds the plugins of resumed alerts that are no longer watched (the host row's own alerts aside).</summary>
    private static IReadOnlyList<string> WithResumedUnwatched(IReadOnlyList<string> removedPlugins, IReadOnlyList<HealthAlert> resumed, Func<string, bool>? isWatched)
    {
        if (isWatched is null || resumed.Count == 0)
        {
            return removedPlugins;
        }

        var unwatched = resumed
            .Select(a => a.PluginId)
            .Where(id => !PluginId.Comparer.Equals(id, PluginId.HostRowId) && !isWatched(id))
            .Except(removedPlugins, PluginId.Comparer)
            .Distinct(PluginId.Comparer)
            .ToList();
        return unwatched.Count == 0 ? removedPlugins : [.. removedPlugins, .. unwatched];
    }

    /// <summary>Loads the open alerts and silences of a restart; returns the open alerts, or null when the store failed.</summary>
    private async ValueTask<IReadOnlyList<HealthAlert>?> TryResumeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = _timeProvider.GetUtcNow();
            var timeout = _options.AlertStoreTimeout;
            var open = await _store.GetOpenAlertsAsync(cancellationToken).WaitAsync(timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            var silences = await _store.GetSilencesAsync(now, cancellationToken).WaitAsync(timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            var recent = await _store.GetRecentAlertsAsync(HeldResolutions.ResumeScanLimit, cancellationToken).WaitAsync(timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            _lifecycle.Resume(open, recent);
            _writer.Resume(open, now);
            _lifecycle.Silences.AddLoaded(silences);
            _resumed = true;
            if (open.Count > 0)
            {
                Log.Resumed(_logger, open.Count);
            }

            return open;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Evaluating without the open alerts would fire them a second time: wait for the store.
            Log.ResumeFailed(_logger, ex);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Could not load the open alerts from the store; alert evaluation waits for it (monitoring goes on)")]
        public static partial void ResumeFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Resumed {Count} alert(s) that were firing before the restart")]
        public static partial void Resumed(ILogger logger, int count);

        [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Alerts of plugin {PluginId}, rule {RuleId} silenced until {Until:O}: {Reason} (by {CreatedBy})")]
        public static partial void Silenced(ILogger logger, string pluginId, string ruleId, DateTimeOffset until, string reason, string createdBy);

        [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Alert {RuleId} of {PluginId} acknowledged by {AcknowledgedBy}")]
        public static partial void Acknowledged(ILogger logger, string pluginId, string ruleId, string acknowledgedBy);
    }
}
