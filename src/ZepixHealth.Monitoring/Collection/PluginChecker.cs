using System.Globalization;

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

    /// <summary>
    /// The snapshot of a plugin whose previous check is still running, which is not called again until
    /// that check answers; null when the plugin can be called.
    /// </summary>
    public PluginHealthSnapshot? StillRunningSnapshot(PluginState state, DateTimeOffset cycleTime)
    {
        if (!state.Checks.IsRunning)
        {
            return null;
        }

        var faults = new FaultList();
        return snapshots.Build(state, cycleTime, StillRunning(state, cycleTime), metrics: null, ref faults);
    }

    /// <summary>Starts the plugin's check on a call worker; <see cref="Finish"/> turns its answers into the snapshot.</summary>
    public ValueTask<PluginCallResult<PluginCheckAnswer>> StartAsync(PluginState state, CancellationToken cancellationToken)
    {
        state.Check.Reset();
        return state.Checks.InvokeAsync(state.Check, PluginCheckCall.AskAsync, CheckCallName, options.CheckTimeout, cancellationToken);
    }

    /// <summary>
    /// Turns the answers of a check started by <see cref="StartAsync"/> into the plugin's snapshot; <paramref name="error"/>
    /// is the exception <see cref="IHealthCheckablePlugin.IsAliveAsync"/> threw, if any, for the trace.
    /// </summary>
    public PluginHealthSnapshot Finish(PluginState state, DateTimeOffset cycleTime, PluginCallResult<PluginCheckAnswer> check, out Exception? error)
    {
        var faults = new FaultList();
        var (alive, reported) = Answers(state, check);
        var verdict = Judge(alive);

        PluginMetrics? metrics = null;
        if (verdict.Status != PluginHealthStatus.Hung)
        {
            (metrics, verdict) = ReadMetrics(reported, verdict, ref faults);
        }

        error = alive.Error;
        return snapshots.Build(state, cycleTime, verdict, metrics, ref faults);
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
