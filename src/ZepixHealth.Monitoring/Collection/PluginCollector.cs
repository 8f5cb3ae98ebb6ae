using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The first stage of a cycle: checks every plugin of the registry, at most
/// <see cref="PluginHealthOptions.MaxConcurrentChecks"/> at once, each under its own timeout, and
/// returns one snapshot per plugin (registration order) and the <c>host</c> row last.
/// </summary>
/// <remarks>Called by one cycle at a time; a plugin that cannot be watched is logged and left out.</remarks>
internal sealed class PluginCollector
{
    private readonly PluginStateTable _plugins;
    private readonly PluginChecker _checker;
    private readonly SelfTestScheduler _selfTests;
    private readonly HostRowCollector? _host;
    private readonly int _maxConcurrentChecks;
    private readonly TimeSpan _checkTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly Func<CycleWork, Task> _runLane;
    private PluginState?[] _states = [];

    public PluginCollector(IPluginRegistry registry, PluginHealthOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _timeProvider = timeProvider;
        _runLane = RunLaneAsync;
        _plugins = new PluginStateTable(registry, timeProvider, logger);
        _selfTests = new SelfTestScheduler(options, timeProvider);
        var snapshots = new SnapshotBuilder(options, timeProvider, new PluginProcessMeasurer(timeProvider, logger), _selfTests, logger);
        _checker = new PluginChecker(options, snapshots);
        _maxConcurrentChecks = options.MaxConcurrentChecks;
        _checkTimeout = options.CheckTimeout;
        if (options.Host.Enabled)
        {
            _host = new HostRowCollector(timeProvider, options.Host.MemoryLimitMb, logger);
        }
    }

    /// <summary>Gets how many abandoned plugin calls are still running.</summary>
    public int OutstandingCallCount =>
        _plugins.States.Count(s => s.Checks.IsRunning) + _plugins.States.Count(s => s.IsSelfTestRunning) + _plugins.StuckIdReads;

    /// <summary>Completes when every self-test started so far has recorded its result.</summary>
    public Task WhenSelfTestsRecordedAsync() => Task.WhenAll(_plugins.States.Select(s => s.SelfTestRun));

    public async ValueTask<PluginHealthSnapshot[]> CollectAsync(CancellationToken cancellationToken)
    {
        var plugins = _plugins.ReadRegistry();
        var cycleTime = _timeProvider.GetUtcNow();

        // Slots of plugins that cannot be watched stay null and are dropped below.
        var snapshots = new PluginHealthSnapshot[plugins.Count + (_host is null ? 0 : 1)];
        var states = ResolveStates(plugins, out var skipped);
        if (_plugins.HasUnseen)
        {
            // First sight: ids are read on call workers, never on the cycle's thread.
            await _plugins.IdentifyUnseenAsync(_checkTimeout, cancellationToken).ConfigureAwait(false);
            states = ResolveStates(plugins, out skipped);
        }

        _selfTests.BeginCycle(plugins.Count);
        var laneCount = Math.Min(_maxConcurrentChecks, plugins.Count - skipped);
        if (laneCount > 0)
        {
            var work = new CycleWork(states, plugins.Count, snapshots, cycleTime, _runLane, cancellationToken);
            await work.RunLanesAsync(laneCount, CallWorkerPool.Cycle).ConfigureAwait(false);
        }

        if (_host is not null)
        {
            snapshots[^1] = _host.Collect(cycleTime);
        }

        return skipped == 0 ? snapshots : [.. snapshots.Where(s => s is not null)];
    }

    /// <summary>Resolves every plugin's state on the cycle's thread (the table is not shared); null where it cannot be watched.</summary>
    private PluginState?[] ResolveStates(IReadOnlyList<IHealthCheckablePlugin> plugins, out int skipped)
    {
        if (_states.Length < plugins.Count)
        {
            _states = new PluginState?[plugins.Count];
        }

        skipped = 0;
        for (var i = 0; i < plugins.Count; i++)
        {
            _states[i] = _plugins.GetState(plugins[i]);
            skipped += _states[i] is null ? 1 : 0;
        }

        // Entries of a larger earlier cycle would keep removed plugins' state alive.
        Array.Clear(_states, plugins.Count, _states.Length - plugins.Count);

        return _states;
    }

    /// <summary>
    /// One of at most <see cref="PluginHealthOptions.MaxConcurrentChecks"/> lanes: checks the next plugin
    /// nobody has taken, until none is left. A call that completes at once continues its lane on the
    /// worker that made it, so a cycle of quick plugins needs no thread switch per plugin. The lane awaits
    /// each call itself: one suspension per plugin, with no state machine per check in between.
    /// </summary>
    /// <remarks>Never faults: a failure (the cycle was cancelled) is handed to the cycle's work, which ends with it.</remarks>
    private async Task RunLaneAsync(CycleWork work)
    {
        try
        {
            while (work.TryTake(out var index))
            {
                if (work.States[index] is not { } state)
                {
                    continue;
                }

                using var activity = MonitoringTracing.StartCollect(state.Id);
                Exception? error = null;
                if (_checker.StillRunningSnapshot(state, work.CycleTime) is not { } snapshot)
                {
                    var check = await _checker.StartAsync(state, work.CancellationToken).ConfigureAwait(false);
                    snapshot = _checker.Finish(state, work.CycleTime, check, out error);
                }

                work.Snapshots[index] = MonitoringTracing.Collected(activity, snapshot, error);
            }
        }
        catch (Exception ex)
        {
            work.Fail(ex);
        }
        finally
        {
            work.LaneEnded();
        }
    }
}
