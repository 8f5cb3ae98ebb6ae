using System.Diagnostics.Metrics;
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
/// Its per-plugin gauges are on a meter of the host's <see cref="IMeterFactory"/>; disposing the monitor
/// (the container does) removes them.
/// </remarks>
public sealed class PluginHealthMonitor : IDisposable
{
    private readonly SemaphoreSlim _cycleLock = new(1, 1);
    private readonly Meter? _ownMeter;
    private readonly MonitorGauges _gauges;
    private readonly HealthCycle _cycle;
    private readonly TimeProvider _timeProvider;
    private readonly AlertingStages? _alerting;
    private long _lastCompletedTicks;

    internal PluginHealthMonitor(
        IPluginRegistry registry,
        IOptions<PluginHealthOptions> options,
        TimeProvider timeProvider,
        IEnumerable<IPluginHealthObserver> observers,
        ILoggerFactory loggerFactory,
        AlertingStages? alerting = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(observers);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        _timeProvider = timeProvider;
        _alerting = alerting;
        var meter = MonitoringDiagnostics.CreateMonitorMeter(meterFactory);
        _ownMeter = meterFactory is null ? meter : null;
        _gauges = new MonitorGauges(meter);
        var settings = options.Value;
        var logger = loggerFactory.CreateLogger<PluginHealthMonitor>();
        _cycle = new HealthCycle(
            new PluginCollector(registry, settings, timeProvider, logger),
            alerting,
            new ObserverNotifier(observers, settings.ObserverTimeout, timeProvider, logger),
            _gauges,
            timeProvider,
            logger);
    }

    /// <summary>
    /// Gets the snapshots of the latest completed cycle, as <see cref="CollectOnceAsync"/> returned them;
    /// what the meter's gauges and the health-check bridge report.
    /// </summary>
    /// <value>Empty until the first cycle completes.</value>
    public IReadOnlyList<PluginHealthSnapshot> LatestSnapshots => _gauges.Latest;

    /// <summary>
    /// Gets when the latest cycle completed (in UTC), so that a reader of <see cref="LatestSnapshots"/>
    /// can tell their age; the watchdog raises <c>monitor.stalled</c> when this grows too old.
    /// </summary>
    /// <value><see langword="null"/> until the first cycle completes.</value>
    public DateTimeOffset? LastCycleCompletedAt =>
        Volatile.Read(ref _lastCompletedTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Gets how many abandoned plugin calls are still running (for tests and diagnostics).</summary>
    internal int OutstandingCallCount => BetweenCycles(static collector => collector.OutstandingCallCount);

    /// <summary>Completes when every self-test started so far has recorded its result (for tests).</summary>
    internal Task WhenSelfTestsRecordedAsync() => BetweenCycles(static collector => collector.WhenSelfTestsRecordedAsync());

    /// <summary>
    /// Completes when the anomaly baselines asked for so far have been rebuilt from the store's history (or
    /// given up on); the next cycle takes them up (for tests).
    /// </summary>
    internal Task WhenBaselinesRestoredAsync() => _alerting?.Evaluator.WhenBaselinesRestoredAsync() ?? Task.CompletedTask;

    /// <summary>
    /// Runs one cycle: checks every registered plugin and decides its status, stores the snapshots,
    /// evaluates the rules, raises and resolves alerts, and hands the snapshots to the observers.
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
        try
        {
            var snapshots = await _cycle.RunAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lastCompletedTicks, _timeProvider.GetUtcNow().UtcTicks);
            return snapshots;
        }
        finally
        {
            _cycleLock.Release();

            // The cycle ends where its last call completed, often on a call worker, and its caller goes on
            // there without a thread switch: as code the monitor does not own, whose calls are dispatched
            // like anyone's (a caller that blocks that worker is covered by the pool's supervisor).
            CallWorkerPool.LeaveContinuation();
        }
    }

    /// <summary>
    /// Removes the monitor's gauges when it created their meter itself (a host's meter factory disposes its
    /// own) and stops rebuilding anomaly baselines from history.
    /// </summary>
    public void Dispose()
    {
        _alerting?.Evaluator.Dispose();
        _ownMeter?.Dispose();
    }

    private T BetweenCycles<T>(Func<PluginCollector, T> read)
    {
        if (!_cycleLock.Wait(0))
        {
            throw new InvalidOperationException("A cycle is running; inspect the monitor between cycles.");
        }

        try
        {
            return read(_cycle.Collector);
        }
        finally
        {
            _cycleLock.Release();
        }
    }
}
