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
    private readonly HostRowCollector? _host;
    private readonly SemaphoreSlim _checkSlots;
    private readonly TimeProvider _timeProvider;

    public PluginCollector(IPluginRegistry registry, PluginHealthOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _timeProvider = timeProvider;
        _plugins = new PluginStateTable(registry, timeProvider, logger);
        var snapshots = new SnapshotBuilder(
            options, timeProvider, new PluginProcessMeasurer(timeProvider, logger), new SelfTestScheduler(options, timeProvider), logger);
        _checker = new PluginChecker(options, timeProvider, snapshots);
        _checkSlots = new SemaphoreSlim(options.MaxConcurrentChecks, options.MaxConcurrentChecks);
        if (options.Host.Enabled)
        {
            _host = new HostRowCollector(timeProvider, options.Host.MemoryLimitMb, logger);
        }
    }

    /// <summary>Gets how many abandoned plugin calls are still running.</summary>
    public int OutstandingCallCount =>
        _plugins.States.Count(s => s.Checks.IsRunning) + _plugins.States.Count(s => s.SelfTests.IsRunning);

    /// <summary>Completes when every self-test started so far has recorded its result.</summary>
    public Task WhenSelfTestsRecordedAsync() => Task.WhenAll(_plugins.States.Select(s => s.SelfTestRun));

    public async ValueTask<PluginHealthSnapshot[]> CollectAsync(CancellationToken cancellationToken)
    {
        var plugins = _plugins.ReadRegistry();
        var cycleTime = _timeProvider.GetUtcNow();

        // Slots of plugins that cannot be watched stay null and are dropped below.
        var snapshots = new PluginHealthSnapshot[plugins.Count + (_host is null ? 0 : 1)];
        var skipped = 0;
        List<Task>? pending = null;
        for (var i = 0; i < plugins.Count; i++)
        {
            if (_plugins.GetState(plugins[i]) is not { } state)
            {
                skipped++;
                continue;
            }

            if (!_checkSlots.Wait(0))
            {
                await _checkSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var checking = _checker.CheckAsync(state, cycleTime, _checkSlots, cancellationToken);
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

        if (_host is not null)
        {
            snapshots[^1] = _host.Collect(cycleTime);
        }

        return skipped == 0 ? snapshots : [.. snapshots.Where(s => s is not null)];
    }

    private static async Task StoreWhenDoneAsync(ValueTask<PluginHealthSnapshot> checking, PluginHealthSnapshot[] snapshots, int index) =>
        snapshots[index] = await checking.ConfigureAwait(false);
}
