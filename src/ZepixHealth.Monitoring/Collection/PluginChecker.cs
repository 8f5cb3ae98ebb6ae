using System.Globalization;
using System.Runtime.CompilerServices;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Checks one plugin in one cycle: <see cref="IHealthCheckablePlugin.IsAliveAsync"/> then
/// <see cref="IHealthCheckablePlugin.GetMetricsAsync"/>, both within one <see cref="PluginHealthOptions.CheckTimeout"/>,
/// as one call (<see cref="PluginCheckCall"/>) through the plugin's <see cref="GuardedCaller"/>, and turns
/// the answers into a snapshot.
/// </summary>
internal sealed class PluginChecker(PluginHealthOptions options, SnapshotBuilder snapshots)
{
    // The guarded call's name, for a check given up on by a stopping host (a timed-out one names the call that hung).
    private const string CheckCallName = "IsAliveAsync and GetMetricsAsync";

    /// <summary>Checks the plugin.</summary>
    /// <remarks>Its state machine is pooled: the call runs on a worker, so every check awaits, once per plugin per cycle.</remarks>
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

        state.Check.Reset();
        var check = await state.Checks.InvokeAsync(state.Check, PluginCheckCall.AskAsync, CheckCallName, options.CheckTimeout, cancellationToken)
            .ConfigureAwait(false);
        var (alive, reported) = Answers(state, check);
        var verdict = Judge(alive);

        PluginMetrics? metrics = null;
        if (verdict.Status != PluginHealthStatus.Hung)
        {
            (metrics, verdict) = ReadMetrics(reported, verdict, ref faults);
        }

        var snapshot = snapshots.Build(state, cycleTime, verdict, metrics, ref faults);
        return MonitoringTracing.Collected(activity, snapshot, alive.Error);
    }

    /// <summary>The answers of the check; when it timed out, the call that had not answered is the one that hung.</summary>
    private static (PluginCallResult<bool> Alive, PluginCallResult<PluginMetrics> Metrics) Answers(PluginState state, PluginCallResult<PluginCheckAnswer> check)
    {
        if (check.Outcome == PluginCallOutcome.Completed)
        {
            return (check.Value.Alive, check.Value.Metrics);
        }

        if (check.Outcome == PluginCallOutcome.TimedOut && state.Check.AliveAnswer is { } alive)
        {
            state.HungCall = nameof(IHealthCheckablePlugin.GetMetricsAsync);
            return (alive, PluginCallResult<PluginMetrics>.TimedOut);
        }

        state.HungCall = nameof(IHealthCheckablePlugin.IsAliveAsync);
        return (new(check.Outcome, default, check.Error), new(check.Outcome, default, check.Error));
    }

    private static PluginVerdict StillRunning(PluginState state, DateTimeOffset cycleTime)
    {
        var since = state.Checks.AbandonedAt;
        return PluginVerdict.Hung(string.Create(
            CultureInfo.InvariantCulture,
            $"{state.HungCall ?? state.Checks.AbandonedCall} has not answered for {CollectionText.FormatDuration(cycleTime - since)} (since {OperatorTime.ClockTime(since, cycleTime)}); not called again until it does."));
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
