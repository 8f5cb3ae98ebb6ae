using System.Globalization;
using System.Runtime.CompilerServices;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Checks one plugin in one cycle: <see cref="IHealthCheckablePlugin.IsAliveAsync"/> then
/// <see cref="IHealthCheckablePlugin.GetMetricsAsync"/>, both within one <see cref="PluginHealthOptions.CheckTimeout"/>,
/// each through the plugin's <see cref="GuardedCaller"/>, and turns the answers into a snapshot.
/// </summary>
internal sealed class PluginChecker(PluginHealthOptions options, TimeProvider timeProvider, SnapshotBuilder snapshots)
{
    /// <summary>Checks the plugin.</summary>
    /// <remarks>Its state machine is pooled: the calls run on workers, so every check awaits, once per plugin per cycle.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<PluginHealthSnapshot> CheckAsync(PluginState state, DateTimeOffset cycleTime, CancellationToken cancellationToken)
    {
        using var activity = MonitoringTracing.StartCollect(state.Id);
        var faults = new FaultList();
        if (state.Checks.IsRunning)
        {
            var hung = snapshots.Build(state, cycleTime, StillRunning(state, cycleTime), metrics: null, ref faults);
            return MonitoringTracing.Collected(activity, hung, error: null);
        }

        var started = timeProvider.GetTimestamp();
        var alive = await state.Checks.InvokeAsync(
            state.Plugin, static (plugin, token) => plugin.IsAliveAsync(token), nameof(IHealthCheckablePlugin.IsAliveAsync), options.CheckTimeout, cancellationToken)
            .ConfigureAwait(false);
        var verdict = Judge(alive);

        PluginMetrics? metrics = null;
        if (verdict.Status != PluginHealthStatus.Hung)
        {
            var remaining = options.CheckTimeout - timeProvider.GetElapsedTime(started);
            var reported = await state.Checks.InvokeAsync(
                state.Plugin, static (plugin, token) => plugin.GetMetricsAsync(token), nameof(IHealthCheckablePlugin.GetMetricsAsync), remaining, cancellationToken)
                .ConfigureAwait(false);
            (metrics, verdict) = ReadMetrics(reported, verdict, ref faults);
        }

        var snapshot = snapshots.Build(state, cycleTime, verdict, metrics, ref faults);
        return MonitoringTracing.Collected(activity, snapshot, alive.Error);
    }

    private static PluginVerdict StillRunning(PluginState state, DateTimeOffset cycleTime)
    {
        var since = state.Checks.AbandonedAt;
        return PluginVerdict.Hung(string.Create(
            CultureInfo.InvariantCulture,
            $"{state.Checks.AbandonedCall} has not answered for {CollectionText.FormatDuration(cycleTime - since)} (since {OperatorTime.ClockTime(since, cycleTime)}); not called again until it does."));
    }

    private PluginVerdict Judge(PluginCallResult<bool> alive) => alive.Outcome switch
    {
        PluginCallOutcome.Completed when alive.Value => PluginVerdict.Healthy,
        PluginCallOutcome.Completed => PluginVerdict.Dead(CollectionText.ReturnedFalse),
        PluginCallOutcome.Faulted => PluginVerdict.Dead(CollectionText.Describe("IsAliveAsync threw", alive.Error!)),
        _ => PluginVerdict.Hung(string.Create(
            CultureInfo.InvariantCulture, $"IsAliveAsync did not answer within {CollectionText.FormatDuration(options.CheckTimeout)}.")),
    };

    private (PluginMetrics? Metrics, PluginVerdict Verdict) ReadMetrics(PluginCallResult<PluginMetrics> reported, PluginVerdict verdict, ref FaultList faults)
    {
        switch (reported.Outcome)
        {
            case PluginCallOutcome.Completed when reported.Value is null:
                faults.Add("GetMetricsAsync returned null; every metric treated as unknown.");
                return (null, verdict);
            case PluginCallOutcome.Completed:
                return (reported.Value, verdict);
            case PluginCallOutcome.Faulted:
                faults.Add(CollectionText.Describe("GetMetricsAsync threw", reported.Error!) + " Every metric treated as unknown.");
                return (null, verdict);
        }

        var late = string.Create(
            CultureInfo.InvariantCulture, $"GetMetricsAsync did not answer within the check timeout of {CollectionText.FormatDuration(options.CheckTimeout)}.");
        if (verdict.Status == PluginHealthStatus.Dead)
        {
            faults.Add(late);
            return (null, verdict with { IsResponsive = false });
        }

        return (null, PluginVerdict.Hung(late));
    }
}
