using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// One monitoring cycle, stage by stage, in the order they run:
/// collect → store → forget removed plugins → evaluate → alert lifecycle and outbox → dispatch →
/// observers → publish.
/// Each stage is a class with one job; this is the only place that knows their order.
/// </summary>
/// <remarks>
/// Stages after collection never fail the cycle: a store, a rule, an alert write or an observer that
/// fails is logged (and retried where that makes sense) by its stage. Cycles never overlap: the
/// caller, <see cref="PluginHealthMonitor"/>, runs one at a time.
/// </remarks>
internal sealed class HealthCycle(
    PluginCollector collector,
    AlertingStages? alerting,
    ObserverNotifier observers,
    MonitorGauges gauges,
    TimeProvider timeProvider,
    ILogger logger)
{
    public PluginCollector Collector => collector;

    public async ValueTask<PluginHealthSnapshot[]> RunAsync(CancellationToken cancellationToken)
    {
        using var activity = MonitoringTracing.StartCycle();
        try
        {
            var started = timeProvider.GetTimestamp();

            // 1. Collect: every plugin under its timeout → one snapshot each, and the host row.
            var snapshots = await collector.CollectAsync(cancellationToken).ConfigureAwait(false);

            if (alerting is not null)
            {
                // 2. Store: queue the snapshots for the history (never waits on the disk).
                await alerting.Recorder.RecordAsync(snapshots, cancellationToken).ConfigureAwait(false);

                // 2b. Forget removed plugins: ids of the previous cycle missing from this one lose their
                //     latest snapshots in a memory store, their baselines and (in stage 4) their alerts.
                var removed = alerting.Removed.Compare(snapshots);
                alerting.Recorder.Forget(removed);
                alerting.Evaluator.Forget(removed);

                // 3. Evaluate: rules and anomaly baselines → the outcomes that can change an alert
                //    (a host's own rules on call workers, under RuleTimeout). The open alerts of a restart
                //    are loaded first, so that only their clears are handed on; until the store answers,
                //    the baselines still learn, but no alert changes.
                var resumed = await alerting.Alerts.ResumeAsync(cancellationToken).ConfigureAwait(false);
                var outcomes = await alerting.Evaluator.EvaluateAsync(snapshots, alerting.Alerts.TrackedRulesOf, cancellationToken).ConfigureAwait(false);

                // 4. Alert lifecycle and outbox: outcomes → alert changes → stored with their notifications;
                //    a removed plugin's open alerts end with a "removed" resolution.
                // 5. Dispatch: wake the dispatcher, which delivers from the outbox in the background.
                //    After a restart, resumed alerts of plugins no longer registered end the same way.
                if (resumed && await alerting.Alerts.ApplyAsync(outcomes, removed, alerting.Removed.IsWatched, cancellationToken).ConfigureAwait(false))
                {
                    alerting.Dispatcher?.Signal();
                }
            }

            // 6. Observers: the host's own consumers of every cycle.
            await observers.NotifyAsync(snapshots, cancellationToken).ConfigureAwait(false);

            // 7. Publish: gauges, cycle metrics, trace and log.
            var elapsed = timeProvider.GetElapsedTime(started);
            gauges.Publish(snapshots);
            MonitoringMetrics.CycleCompleted(elapsed);
            MonitoringTracing.CycleCompleted(activity, snapshots);
            CycleLog.CycleCompleted(logger, snapshots.Length, elapsed.TotalMilliseconds);
            return snapshots;
        }
        catch (Exception ex) when (MonitoringTracing.CycleFailed(activity, ex))
        {
            throw; // Never reached: the filter only marks the activity.
        }
    }
}
