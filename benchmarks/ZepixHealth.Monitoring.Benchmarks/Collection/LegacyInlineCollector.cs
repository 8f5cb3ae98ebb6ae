using Microsoft.Extensions.Logging.Abstractions;

namespace ZepixHealth.Monitoring.Benchmarks.Collection;

/// <summary>
/// The collection stage as the library ran it before call workers, kept here only so that the CollectOnce
/// benchmark measures both in one run: plugins checked in registration order on the cycle's thread, at
/// most <see cref="PluginHealthOptions.MaxConcurrentChecks"/> at once (a semaphore slot per check),
/// through <see cref="LegacyInlineGuardedCaller"/>, into the library's own <see cref="SnapshotBuilder"/>.
/// Only the way plugins are called differs from <see cref="PluginCollector"/>.
/// </summary>
internal sealed class LegacyInlineCollector
{
    private readonly (PluginState State, LegacyInlineGuardedCaller Caller)[] _plugins;
    private readonly PluginHealthOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SnapshotBuilder _snapshots;
    private readonly SemaphoreSlim _checkSlots;

    public LegacyInlineCollector(IReadOnlyList<IHealthCheckablePlugin> plugins, PluginHealthOptions options, TimeProvider timeProvider)
    {
        _plugins = [.. plugins.Select(p => (new PluginState(p, p.Id, timeProvider), new LegacyInlineGuardedCaller(timeProvider)))];
        _options = options;
        _timeProvider = timeProvider;
        var logger = NullLogger.Instance;
        _snapshots = new SnapshotBuilder(options, timeProvider, new PluginProcessMeasurer(timeProvider, logger), new SelfTestScheduler(options, timeProvider), logger);
        _checkSlots = new SemaphoreSlim(options.MaxConcurrentChecks, options.MaxConcurrentChecks);
    }

    public async ValueTask<PluginHealthSnapshot[]> CollectAsync(CancellationToken cancellationToken)
    {
        var cycleTime = _timeProvider.GetUtcNow();
        var snapshots = new PluginHealthSnapshot[_plugins.Length];
        List<Task>? pending = null;
        for (var i = 0; i < _plugins.Length; i++)
        {
            if (!_checkSlots.Wait(0))
            {
                await _checkSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var checking = CheckAsync(_plugins[i].State, _plugins[i].Caller, cycleTime, cancellationToken);
            if (checking.IsCompletedSuccessfully)
            {
                snapshots[i] = checking.Result;
            }
            else
            {
                (pending ??= []).Add(StoreWhenDoneAsync(checking, snapshots, i));
            }
        }

        if (pending is not null)
        {
            await Task.WhenAll(pending).ConfigureAwait(false);
        }

        return snapshots;
    }

    private static async Task StoreWhenDoneAsync(ValueTask<PluginHealthSnapshot> checking, PluginHealthSnapshot[] snapshots, int index) =>
        snapshots[index] = await checking.ConfigureAwait(false);

    private async ValueTask<PluginHealthSnapshot> CheckAsync(PluginState state, LegacyInlineGuardedCaller caller, DateTimeOffset cycleTime, CancellationToken cancellationToken)
    {
        using var activity = MonitoringTracing.StartCollect(state.Id);
        try
        {
            var faults = new FaultList();
            var started = _timeProvider.GetTimestamp();
            var alive = await caller.InvokeAsync(state.Plugin, static (plugin, token) => plugin.IsAliveAsync(token), _options.CheckTimeout, cancellationToken)
                .ConfigureAwait(false);
            var verdict = alive.Outcome switch
            {
                PluginCallOutcome.Completed when alive.Value => PluginVerdict.Healthy,
                PluginCallOutcome.Completed => PluginVerdict.Dead("IsAliveAsync returned false."),
                PluginCallOutcome.Faulted => PluginVerdict.Dead("IsAliveAsync threw."),
                _ => PluginVerdict.Hung("IsAliveAsync did not answer."),
            };

            PluginMetrics? metrics = null;
            if (verdict.Status != PluginHealthStatus.Hung)
            {
                var remaining = _options.CheckTimeout - _timeProvider.GetElapsedTime(started);
                var reported = await caller.InvokeAsync(state.Plugin, static (plugin, token) => plugin.GetMetricsAsync(token), remaining, cancellationToken)
                    .ConfigureAwait(false);
                metrics = reported.Outcome == PluginCallOutcome.Completed ? reported.Value : null;
            }

            var snapshot = _snapshots.Build(state, cycleTime, verdict, metrics, ref faults);
            return MonitoringTracing.Collected(activity, snapshot, alive.Error);
        }
        finally
        {
            _checkSlots.Release();
        }
    }
}
