using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Hands every cycle's snapshots to the <see cref="IPluginHealthObserver"/>s, one after the other,
/// each through its own <see cref="GuardedCaller"/> under <see cref="PluginHealthOptions.ObserverTimeout"/>:
/// an observer that throws or hangs is logged and skipped, never holds up the cycle for longer.
/// </summary>
internal sealed class ObserverNotifier
{
    private readonly IPluginHealthObserver[] _observers;
    private readonly GuardedCaller[] _callers;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;

    public ObserverNotifier(IEnumerable<IPluginHealthObserver> observers, TimeSpan timeout, TimeProvider timeProvider, ILogger logger)
    {
        _observers = observers.ToArray();
        _callers = _observers.Select(_ => new GuardedCaller(timeProvider)).ToArray();
        _timeout = timeout;
        _logger = logger;
    }

    public async ValueTask NotifyAsync(PluginHealthSnapshot[] snapshots, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _observers.Length; i++)
        {
            var observer = _observers[i];
            var outcome = await _callers[i].InvokeAsync(
                (observer, snapshots),
                static async (target, token) =>
                {
                    await target.observer.OnCycleCompletedAsync(target.snapshots, token).ConfigureAwait(false);
                    return true;
                },
                nameof(IPluginHealthObserver.OnCycleCompletedAsync),
                _timeout,
                cancellationToken).ConfigureAwait(false);
            Report(observer, outcome);
        }
    }

    private void Report(IPluginHealthObserver observer, PluginCallResult<bool> outcome)
    {
        switch (outcome.Outcome)
        {
            case PluginCallOutcome.Faulted:
                CycleLog.ObserverFailed(_logger, outcome.Error!, observer.GetType().FullName);
                break;
            case PluginCallOutcome.TimedOut:
                CycleLog.ObserverTimedOut(_logger, observer.GetType().FullName, _timeout.TotalMilliseconds);
                break;
            case PluginCallOutcome.StillRunning:
                CycleLog.ObserverStillRunning(_logger, observer.GetType().FullName);
                break;
        }
    }
}
