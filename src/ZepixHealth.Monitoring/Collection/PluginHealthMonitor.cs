using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Watches every plugin in the <see cref="IPluginRegistry"/>: one call of <see cref="CollectOnceAsync"/>
/// runs one whole cycle and returns one <see cref="PluginHealthSnapshot"/> per plugin. The hosted
/// service added by <c>AddPluginHealthMonitoring</c> calls it every <see cref="PluginHealthOptions.CollectionInterval"/>.
/// </summary>
/// <remarks>
/// Plugins are checked concurrently (at most <see cref="PluginHealthOptions.MaxConcurrentChecks"/> at
/// once), each under <see cref="PluginHealthOptions.CheckTimeout"/>. A plugin that throws, hangs, or
/// reports garbage is marked and reported; it never delays or hides another plugin, and a plugin whose
/// earlier call is still running is not called again until that call ends. Cycles never overlap: a
/// second caller waits for the running cycle to finish. Obtain the instance from dependency injection.
/// </remarks>
public sealed partial class PluginHealthMonitor
{
    private const string ReturnedFalse = "IsAliveAsync returned false.";

    private readonly IPluginRegistry _registry;
    private readonly PluginHealthOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IPluginHealthObserver[] _observers;
    private readonly GuardedCaller[] _observerCallers;
    private readonly ILogger _logger;
    private readonly IHealthStore? _store;
    private readonly HealthAlertManager? _alerts;
    private readonly AlertDispatcher? _dispatcher;
    private readonly SemaphoreSlim _cycleLock = new(1, 1);
    private readonly SemaphoreSlim _checkSlots;
    private readonly Dictionary<IHealthCheckablePlugin, PluginState> _states = new(ReferenceEqualityComparer.Instance);
    private readonly ProcessResourceProbe? _hostProbe;
    private readonly MonitorGauges _gauges = MonitorGauges.Register();

    // Plugins whose id is unusable: logged once, then skipped until they leave the registry.
    private readonly HashSet<IHealthCheckablePlugin> _rejected = new(ReferenceEqualityComparer.Instance);
    private IReadOnlyList<IHealthCheckablePlugin>? _knownPlugins;

    internal PluginHealthMonitor(
        IPluginRegistry registry,
        IOptions<PluginHealthOptions> options,
        TimeProvider timeProvider,
        IEnumerable<IPluginHealthObserver> observers,
        ILoggerFactory loggerFactory,
        IHealthStore? store = null,
        HealthAlertManager? alerts = null,
        AlertDispatcher? dispatcher = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(observers);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        _registry = registry;
        _options = options.Value;
        _timeProvider = timeProvider;
        _observers = observers.ToArray();
        _observerCallers = _observers.Select(_ => new GuardedCaller(timeProvider)).ToArray();
        _logger = loggerFactory.CreateLogger<PluginHealthMonitor>();
        _checkSlots = new SemaphoreSlim(_options.MaxConcurrentChecks, _options.MaxConcurrentChecks);
        _store = store;
        _alerts = alerts;
        _dispatcher = dispatcher;

        // Created (and so first sampled) now, so that the first cycle already has a CPU figure.
        if (_options.Host.Enabled)
        {
            _hostProbe = ProcessResourceProbe.ForCurrentProcess(timeProvider, _options.Host.MemoryLimitMb);
        }
    }

    /// <summary>Gets how many abandoned plugin calls are still running (for tests and diagnostics).</summary>
    internal int OutstandingCallCount
    {
        get
        {
            EnterBetweenCycles();
            try
            {
                return _states.Values.Count(s => s.Checks.IsRunning) + _states.Values.Count(s => s.SelfTests.IsRunning);
            }
            finally
            {
                _cycleLock.Release();
            }
        }
    }

    /// <summary>Completes when every self-test started so far has recorded its result (for tests).</summary>
    internal Task WhenSelfTestsRecordedAsync()
    {
        EnterBetweenCycles();
        try
        {
            return Task.WhenAll(_states.Values.Select(s => s.SelfTestRun));
        }
        finally
        {
            _cycleLock.Release();
        }
    }

    /// <summary>
    /// Gets the snapshots of the latest completed cycle, as <see cref="CollectOnceAsync"/> returned them;
    /// what the meter's gauges and the health-check bridge report.
    /// </summary>
    /// <value>Empty until the first cycle completes.</value>
    public IReadOnlyList<PluginHealthSnapshot> LatestSnapshots => _gauges.Latest;

    private void EnterBetweenCycles()
    {
        if (!_cycleLock.Wait(0))
        {
            throw new InvalidOperationException("A cycle is running; inspect the monitor between cycles.");
        }
    }

    /// <summary>
    /// Runs one cycle: checks every registered plugin, decides its status, and hands the snapshots
    /// to the observers.
    /// </summary>
    /// <param name="cancellationToken">Stops the cycle (the host is stopping); plugin calls in progress are abandoned.</param>
    /// <returns>
    /// One snapshot per registered plugin, in registration order, then (unless
    /// <see cref="HostMonitoringOptions.Enabled"/> is off) the <c>host</c> row, last.
    /// </returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<IReadOnlyList<PluginHealthSnapshot>> CollectOnceAsync(CancellationToken cancellationToken = default)
    {
        await _cycleLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var activity = MonitoringTracing.StartCycle();
        try
        {
            var started = _timeProvider.GetTimestamp();
            var snapshots = await CollectAllAsync(cancellationToken).ConfigureAwait(false);
            await StoreAsync(snapshots, cancellationToken).ConfigureAwait(false);
            if (_alerts is not null && await _alerts.EvaluateAsync(snapshots, cancellationToken).ConfigureAwait(false))
            {
                _dispatcher?.Signal();
            }

            if (_observers.Length > 0)
            {
                await NotifyObserversAsync(snapshots, cancellationToken).ConfigureAwait(false);
            }

            var elapsed = _timeProvider.GetElapsedTime(started);
            _gauges.Publish(snapshots);
            MonitoringMetrics.CycleCompleted(elapsed);
            MonitoringTracing.CycleCompleted(activity, snapshots);
            Log.CycleCompleted(_logger, snapshots.Length, elapsed.TotalMilliseconds);
            return snapshots;
        }
        catch (Exception ex) when (MonitoringTracing.CycleFailed(activity, ex))
        {
            throw; // Never reached: the filter only marks the activity.
        }
        finally
        {
            _cycleLock.Release();
        }
    }

    /// <summary>Queues the cycle's snapshots for the store; the store writes them in the background.</summary>
    private async ValueTask StoreAsync(PluginHealthSnapshot[] snapshots, CancellationToken cancellationToken)
    {
        if (_store is null || snapshots.Length == 0)
        {
            return;
        }

        try
        {
            await _store.AppendSnapshotsAsync(snapshots, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.StoreFailed(_logger, ex, snapshots.Length);
        }
    }

    private async ValueTask<PluginHealthSnapshot[]> CollectAllAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<IHealthCheckablePlugin> plugins;
        try
        {
            plugins = _registry.GetAllPlugins() ?? [];
        }
        catch (Exception ex)
        {
            // A registry that fails must not blind the monitor: watch the plugins it returned last.
            plugins = _knownPlugins ?? [];
            Log.RegistryFailed(_logger, ex, plugins.Count);
        }

        ForgetUnregistered(plugins);

        var cycleTime = _timeProvider.GetUtcNow();
        // Slots of plugins that cannot be watched stay null and are dropped below.
        var snapshots = new PluginHealthSnapshot[plugins.Count + (_hostProbe is null ? 0 : 1)];
        var skipped = 0;
        List<Task>? pending = null;

        for (var i = 0; i < plugins.Count; i++)
        {
            var state = GetState(plugins[i]);
            if (state is null)
            {
                skipped++;
                continue;
            }

            if (!_checkSlots.Wait(0))
            {
                await _checkSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var collecting = CollectPluginAsync(state, cycleTime, cancellationToken);
            if (collecting.IsCompletedSuccessfully)
            {
                snapshots[i] = collecting.Result;
            }
            else
            {
                (pending ??= []).Add(StoreWhenDoneAsync(collecting, snapshots, i));
            }
        }

        if (pending is not null)
        {
            await Task.WhenAll(pending).ConfigureAwait(false);
        }

        if (_hostProbe is not null)
        {
            snapshots[^1] = CollectHost(_hostProbe, cycleTime);
        }

        return skipped == 0 ? snapshots : [.. snapshots.Where(s => s is not null)];
    }

    /// <summary>The host row: the host process's own resources. The host runs this code, so it is alive.</summary>
    private PluginHealthSnapshot CollectHost(ProcessResourceProbe probe, DateTimeOffset cycleTime)
    {
        var resources = PluginResourceMetrics.Unknown;
        IReadOnlyList<string> faults = [];
        try
        {
            var result = probe.Sample();
            if (result.Resources is { } measured)
            {
                resources = measured;
            }
            else
            {
                faults = [$"The host process could not be measured: {result.ExitReason}"];
                ResourceLog.HostNotMeasured(_logger, result.ExitReason);
            }
        }
        catch (Exception ex)
        {
            faults = [Describe("Measuring the host process threw", ex)];
            ResourceLog.HostProbeFailed(_logger, ex);
        }

        return new PluginHealthSnapshot
        {
            PluginId = HostMonitoringOptions.PluginId,
            Timestamp = cycleTime,
            Availability = new PluginAvailabilityMetrics
            {
                Status = PluginHealthStatus.Healthy,
                IsRunning = true,
                IsResponsive = true,
                LastHeartbeat = cycleTime,
            },
            Resources = resources,
            Faults = faults,
        };
    }

    /// <summary>
    /// Measures the process a plugin says it runs in. Returns why the process is not running, or null
    /// (with <paramref name="resources"/> now holding the measured figures) when it is.
    /// </summary>
    private string? ProbePluginProcess(PluginState state, int? processId, ref PluginResourceMetrics resources, ref FaultList faults)
    {
        if (processId is not { } pid)
        {
            state.ProcessProbe = null;
            return null;
        }

        if (pid <= 0)
        {
            faults.Add(string.Create(CultureInfo.InvariantCulture, $"ProcessId was {pid}; treated as unknown."));
            return null;
        }

        try
        {
            var probe = state.ProcessProbe;
            if (probe is null || probe.ProcessId != pid)
            {
                probe = new ProcessResourceProbe(pid, _timeProvider);
                state.ProcessProbe = probe;
                ResourceLog.MeasuringPluginProcess(_logger, state.Id, pid);
            }

            var result = probe.Sample();
            if (result.Resources is not { } measured)
            {
                return result.ExitReason;
            }

            // What the OS measures wins over what the plugin says; the plugin still knows its database.
            resources = resources with
            {
                MemoryUsageMb = measured.MemoryUsageMb,
                MemoryLimitMb = measured.MemoryLimitMb ?? resources.MemoryLimitMb,
                CpuUsagePct = measured.CpuUsagePct ?? resources.CpuUsagePct,
                Threads = measured.Threads,
                OpenFileHandles = measured.OpenFileHandles,
            };
            return null;
        }
        catch (Exception ex)
        {
            faults.Add(Describe($"Measuring process {pid} threw", ex));
            return null;
        }
    }

    private static async Task StoreWhenDoneAsync(ValueTask<PluginHealthSnapshot> collecting, PluginHealthSnapshot[] snapshots, int index) =>
        snapshots[index] = await collecting.ConfigureAwait(false);

    private async ValueTask<PluginHealthSnapshot> CollectPluginAsync(PluginState state, DateTimeOffset cycleTime, CancellationToken cancellationToken)
    {
        using var activity = MonitoringTracing.StartCollect(state.Id);
        try
        {
            var faults = new FaultList();
            var timeout = _options.CheckTimeout;

            if (state.Checks.IsRunning)
            {
                var since = state.Checks.AbandonedAt;
                var reason = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{state.Checks.AbandonedCall} has not answered since {since:O} ({FormatDuration(cycleTime - since)} ago); not called again until it does.");
                return MonitoringTracing.Collected(
                    activity, Finish(state, cycleTime, PluginHealthStatus.Hung, isRunning: true, isResponsive: false, reason, metrics: null, ref faults), error: null);
            }

            var started = _timeProvider.GetTimestamp();
            var alive = await state.Checks.InvokeAsync(
                state.Plugin, static (plugin, token) => plugin.IsAliveAsync(token), nameof(IHealthCheckablePlugin.IsAliveAsync), timeout, cancellationToken)
                .ConfigureAwait(false);

            PluginHealthStatus status;
            string? statusReason = null;
            var isRunning = true;
            var isResponsive = true;
            switch (alive.Outcome)
            {
                case PluginCallOutcome.Completed when alive.Value:
                    status = PluginHealthStatus.Healthy;
                    break;
                case PluginCallOutcome.Completed:
                    status = PluginHealthStatus.Dead;
                    isRunning = false;
                    statusReason = ReturnedFalse;
                    break;
                case PluginCallOutcome.Faulted:
                    status = PluginHealthStatus.Dead;
                    isRunning = false;
                    statusReason = Describe("IsAliveAsync threw", alive.Error!);
                    break;
                default:
                    status = PluginHealthStatus.Hung;
                    isResponsive = false;
                    statusReason = string.Create(CultureInfo.InvariantCulture, $"IsAliveAsync did not answer within {FormatDuration(timeout)}.");
                    break;
            }

            PluginMetrics? metrics = null;
            if (status != PluginHealthStatus.Hung)
            {
                var remaining = timeout - _timeProvider.GetElapsedTime(started);
                var reported = await state.Checks.InvokeAsync(
                    state.Plugin, static (plugin, token) => plugin.GetMetricsAsync(token), nameof(IHealthCheckablePlugin.GetMetricsAsync), remaining, cancellationToken)
                    .ConfigureAwait(false);
                switch (reported.Outcome)
                {
                    case PluginCallOutcome.Completed when reported.Value is null:
                        faults.Add("GetMetricsAsync returned null; every metric treated as unknown.");
                        break;
                    case PluginCallOutcome.Completed:
                        metrics = reported.Value;
                        break;
                    case PluginCallOutcome.Faulted:
                        faults.Add(Describe("GetMetricsAsync threw", reported.Error!) + " Every metric treated as unknown.");
                        break;
                    default:
                        isResponsive = false;
                        var late = string.Create(CultureInfo.InvariantCulture, $"GetMetricsAsync did not answer within the check timeout of {FormatDuration(timeout)}.");
                        if (status == PluginHealthStatus.Dead)
                        {
                            faults.Add(late);
                        }
                        else
                        {
                            status = PluginHealthStatus.Hung;
                            statusReason = late;
                        }

                        break;
                }
            }

            return MonitoringTracing.Collected(activity, Finish(state, cycleTime, status, isRunning, isResponsive, statusReason, metrics, ref faults), alive.Error);
        }
        finally
        {
            _checkSlots.Release();
        }
    }

    private PluginHealthSnapshot Finish(
        PluginState state,
        DateTimeOffset cycleTime,
        PluginHealthStatus status,
        bool isRunning,
        bool isResponsive,
        string? reason,
        PluginMetrics? metrics,
        ref FaultList faults)
    {
        var now = _timeProvider.GetUtcNow();
        var performance = PluginPerformanceMetrics.Unknown;
        var errors = PluginErrorMetrics.Unknown;
        var resources = PluginResourceMetrics.Unknown;
        TimeSpan? uptime = null;
        string? processExit = null;

        if (metrics is not null)
        {
            performance = MetricsSanitizer.Sanitize(metrics.Performance, ref faults);
            errors = MetricsSanitizer.Sanitize(metrics.Errors, now, ref faults);
            resources = MetricsSanitizer.Resources(metrics, ref faults);

            if (MetricsSanitizer.NotInFuture(metrics.LastActivity, now, nameof(PluginMetrics.LastActivity), ref faults) is { } lastActivity)
            {
                state.LastHeartbeat = lastActivity;
            }

            if (MetricsSanitizer.NotInFuture(metrics.StartedAt, now, nameof(PluginMetrics.StartedAt), ref faults) is { } startedAt)
            {
                uptime = now - startedAt;
            }

            processExit = ProbePluginProcess(state, metrics.ProcessId, ref resources, ref faults);
        }

        // A plugin that says it is not alive usually knows why: its last error tells the operator.
        if (status == PluginHealthStatus.Dead && ReferenceEquals(reason, ReturnedFalse) && errors.LastErrorMessage is { } lastError)
        {
            reason = $"{reason} Last error ({errors.LastErrorType ?? "unknown type"}): {lastError}";
        }

        // The plugin's process is gone: whatever the plugin last said, nothing is running it.
        if (processExit is not null)
        {
            reason = status == PluginHealthStatus.Dead ? $"{reason} {processExit}" : processExit;
            status = PluginHealthStatus.Dead;
            isRunning = false;
        }

        // Total elapsed time, not a seconds component that wraps at a minute (the seed's bug).
        if (status == PluginHealthStatus.Healthy && metrics is not null && state.LastHeartbeat is { } heartbeat
            && now - heartbeat > _options.StaleAfter)
        {
            status = PluginHealthStatus.Stale;
            reason = string.Create(
                CultureInfo.InvariantCulture,
                $"No activity for {FormatDuration(now - heartbeat)} (last at {heartbeat:O}); stale after {FormatDuration(_options.StaleAfter)}.");
        }

        if (status is PluginHealthStatus.Healthy or PluginHealthStatus.Stale)
        {
            StartSelfTestIfDue(state, now, ref faults);
        }

        var selfTest = state.SelfTest;
        var snapshot = new PluginHealthSnapshot
        {
            PluginId = state.Id,
            Timestamp = cycleTime,
            Availability = new PluginAvailabilityMetrics
            {
                Status = status,
                IsRunning = isRunning,
                IsResponsive = isResponsive,
                LastHeartbeat = state.LastHeartbeat,
                Uptime = uptime,
                Reason = reason,
            },
            Performance = performance,
            Resources = resources,
            Errors = errors,
            SelfTest = selfTest?.Result,
            SelfTestCompletedAt = selfTest?.CompletedAt,
            Faults = faults.ToReadOnlyList(),
        };

        LogStatusChange(state, snapshot);
        return snapshot;
    }

    private void StartSelfTestIfDue(PluginState state, DateTimeOffset now, ref FaultList faults)
    {
        if (state.NextSelfTestAt is { } due && now < due)
        {
            return;
        }

        if (state.SelfTests.IsRunning)
        {
            faults.Add("The previous SelfTestAsync call is still running; a new one was not started.");
            return;
        }

        state.NextSelfTestAt = now + _options.SelfTestInterval;
        state.SelfTestRun = RunSelfTestAsync(state);
    }

    /// <summary>Runs a self-test beside the cycle; never throws, records its result on the state.</summary>
    private async Task RunSelfTestAsync(PluginState state)
    {
        SelfTestResult result;
        try
        {
            var outcome = await state.SelfTests.InvokeAsync(
                state.Plugin, static (plugin, token) => plugin.SelfTestAsync(token), nameof(IHealthCheckablePlugin.SelfTestAsync), _options.SelfTestTimeout, CancellationToken.None)
                .ConfigureAwait(false);
            result = outcome.Outcome switch
            {
                PluginCallOutcome.Completed when outcome.Value is null => new SelfTestResult(false, "SelfTestAsync returned null."),
                PluginCallOutcome.Completed => outcome.Value!,
                PluginCallOutcome.Faulted => new SelfTestResult(false, Describe("SelfTestAsync threw", outcome.Error!)),
                _ => new SelfTestResult(false, string.Create(CultureInfo.InvariantCulture, $"SelfTestAsync did not finish within {FormatDuration(_options.SelfTestTimeout)}.")),
            };

            if (result.Message is { Length: > PluginHealthDefaults.MaxTextLength } message)
            {
                result = result with { Message = string.Concat(message.AsSpan(0, PluginHealthDefaults.MaxTextLength - 1), "…") };
            }
        }
        catch (Exception ex)
        {
            result = new SelfTestResult(false, Describe("SelfTestAsync could not be run:", ex));
        }

        state.SelfTest = new SelfTestRecord(result, _timeProvider.GetUtcNow());
    }

    private async ValueTask NotifyObserversAsync(PluginHealthSnapshot[] snapshots, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _observers.Length; i++)
        {
            var observer = _observers[i];
            var outcome = await _observerCallers[i].InvokeAsync(
                (observer, snapshots),
                static async (target, token) =>
                {
                    await target.observer.OnCycleCompletedAsync(target.snapshots, token).ConfigureAwait(false);
                    return true;
                },
                nameof(IPluginHealthObserver.OnCycleCompletedAsync),
                _options.CheckTimeout,
                cancellationToken).ConfigureAwait(false);

            switch (outcome.Outcome)
            {
                case PluginCallOutcome.Faulted:
                    Log.ObserverFailed(_logger, outcome.Error!, observer.GetType().FullName);
                    break;
                case PluginCallOutcome.TimedOut:
                    Log.ObserverTimedOut(_logger, observer.GetType().FullName, _options.CheckTimeout.TotalMilliseconds);
                    break;
                case PluginCallOutcome.StillRunning:
                    Log.ObserverStillRunning(_logger, observer.GetType().FullName);
                    break;
            }
        }
    }

    private PluginState? GetState(IHealthCheckablePlugin? plugin)
    {
        if (plugin is null)
        {
            Log.InvalidPlugin(_logger, "(null)", "the registry returned a null plugin");
            return null;
        }

        if (_states.TryGetValue(plugin, out var state))
        {
            return state;
        }

        if (_rejected.Contains(plugin))
        {
            return null;
        }

        string? id;
        try
        {
            id = plugin.Id;
        }
        catch (Exception ex)
        {
            Log.InvalidPlugin(_logger, plugin.GetType().FullName ?? "?", Describe("its Id threw", ex));
            _rejected.Add(plugin);
            return null;
        }

        if (PluginId.FindProblem(id) is { } problem)
        {
            Log.InvalidPlugin(_logger, $"{plugin.GetType().FullName} '{PluginId.ForDisplay(id)}'", problem);
            _rejected.Add(plugin);
            return null;
        }

        // Two plugins under one id would share one alert and one history: the first one keeps it.
        if (_states.Values.Any(s => PluginId.Comparer.Equals(s.Id, id)))
        {
            Log.InvalidPlugin(_logger, $"{plugin.GetType().FullName} '{id}'", "another plugin already has this id (ids are compared ignoring case)");
            _rejected.Add(plugin);
            return null;
        }

        state = new PluginState(plugin, id!, _timeProvider);
        _states.Add(plugin, state);
        return state;
    }

    /// <summary>Drops what is remembered about plugins that left the registry, so memory stays bounded.</summary>
    private void ForgetUnregistered(IReadOnlyList<IHealthCheckablePlugin> plugins)
    {
        if (ReferenceEquals(plugins, _knownPlugins))
        {
            return;
        }

        _knownPlugins = plugins;
        if (_states.Count == 0 && _rejected.Count == 0)
        {
            return;
        }

        var current = new HashSet<IHealthCheckablePlugin>(plugins.Where(p => p is not null), ReferenceEqualityComparer.Instance);
        foreach (var plugin in _states.Keys.Where(p => !current.Contains(p)).ToList())
        {
            _states.Remove(plugin);
        }

        _rejected.IntersectWith(current);
    }

    private void LogStatusChange(PluginState state, PluginHealthSnapshot snapshot)
    {
        var status = snapshot.Availability.Status;
        var previous = state.LastStatus;
        state.LastStatus = status;
        if (previous == status)
        {
            return;
        }

        if (status == PluginHealthStatus.Healthy)
        {
            if (previous is not null)
            {
                Log.PluginRecovered(_logger, state.Id, previous.Value);
            }
        }
        else
        {
            Log.PluginUnhealthy(_logger, state.Id, status, snapshot.Availability.Reason);
        }
    }

    private static string Describe(string what, Exception exception)
    {
        string message;
        try
        {
            message = exception.Message;
        }
        catch (Exception)
        {
            message = "(its message could not be read)";
        }

        if (message.Length > PluginHealthDefaults.MaxTextLength)
        {
            message = string.Concat(message.AsSpan(0, PluginHealthDefaults.MaxTextLength - 1), "…");
        }

        return $"{what} {exception.GetType().Name}: {message}";
    }

    private static string FormatDuration(TimeSpan duration) =>
        duration.TotalSeconds < 1
            ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms")
            : duration.TotalMinutes < 2
                ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#} s")
                : duration.ToString(duration.TotalDays >= 1 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Plugin {PluginId} is {Status}: {Reason}")]
        public static partial void PluginUnhealthy(ILogger logger, string pluginId, PluginHealthStatus status, string? reason);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Plugin {PluginId} is Healthy again (was {PreviousStatus})")]
        public static partial void PluginRecovered(ILogger logger, string pluginId, PluginHealthStatus previousStatus);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Health cycle completed: {PluginCount} plugins in {ElapsedMs:0.0} ms")]
        public static partial void CycleCompleted(ILogger logger, int pluginCount, double elapsedMs);

        [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Plugin {Plugin} cannot be watched: {Problem}")]
        public static partial void InvalidPlugin(ILogger logger, string plugin, string problem);

        [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Health observer {Observer} threw")]
        public static partial void ObserverFailed(ILogger logger, Exception exception, string? observer);

        [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Health observer {Observer} did not finish within {TimeoutMs} ms; it is skipped until it does")]
        public static partial void ObserverTimedOut(ILogger logger, string? observer, double timeoutMs);

        [LoggerMessage(EventId = 1008, Level = LogLevel.Error, Message = "The store did not take the cycle's {Count} snapshots")]
        public static partial void StoreFailed(ILogger logger, Exception exception, int count);

        [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Health observer {Observer} is still running from an earlier cycle; skipped")]
        public static partial void ObserverStillRunning(ILogger logger, string? observer);

        [LoggerMessage(EventId = 1009, Level = LogLevel.Error, Message = "The plugin registry threw; this cycle checks the {Count} plugin(s) it returned last")]
        public static partial void RegistryFailed(ILogger logger, Exception exception, int count);
    }
}
