namespace ZepixHealth.Monitoring;

/// <summary>
/// <see cref="IHealthCheckablePlugin.IsAliveAsync"/> then <see cref="IHealthCheckablePlugin.GetMetricsAsync"/>,
/// made as one guarded call on one worker: a plugin that answers both at once costs one hand-over to
/// a worker, one deadline and one answer, not two. Never throws: what either call throws is its answer.
/// </summary>
/// <remarks>
/// The two calls share the check's deadline, as they did as two calls (the second had what the first
/// left of it). When the deadline passes, <see cref="AliveAnswer"/> tells which of the two did not
/// answer. Once the call was given up on (its token is cancelled), a late <c>IsAliveAsync</c> is not
/// followed by <c>GetMetricsAsync</c>. One instance per plugin: checks of one plugin never overlap.
/// </remarks>
internal sealed class PluginCheckCall(IHealthCheckablePlugin plugin)
{
    private PluginCallResult<bool> _alive;
    private bool _aliveAnswered;

    /// <summary>
    /// Gets the answer of <c>IsAliveAsync</c> in the check running or given up on last, or
    /// <see langword="null"/> while it has not answered (it is the call that did not answer in time).
    /// </summary>
    public PluginCallResult<bool>? AliveAnswer => Volatile.Read(ref _aliveAnswered) ? _alive : null;

    /// <summary>
    /// Forgets the previous check's answer; called before each check is queued, since a check given up on
    /// while it waited for a worker never runs (and never resets it itself).
    /// </summary>
    public void Reset() => Volatile.Write(ref _aliveAnswered, false);

    /// <summary>The callee of the guarded call: asks both, synchronously where the plugin answers synchronously.</summary>
    public static ValueTask<PluginCheckAnswer> AskAsync(PluginCheckCall call, CancellationToken cancellationToken) => call.Ask(cancellationToken);

    private ValueTask<PluginCheckAnswer> Ask(CancellationToken cancellationToken)
    {
        try
        {
            var alive = plugin.IsAliveAsync(cancellationToken);
            if (!alive.IsCompleted)
            {
                return AwaitAliveAsync(alive.AsTask(), cancellationToken);
            }

            Answered(PluginCallResult<bool>.Completed(alive.Result));
        }
        catch (Exception ex)
        {
            Answered(PluginCallResult<bool>.Faulted(ex));
        }

        return AskMetrics(cancellationToken);
    }

    private ValueTask<PluginCheckAnswer> AskMetrics(CancellationToken cancellationToken)
    {
        try
        {
            var metrics = plugin.GetMetricsAsync(cancellationToken);
            if (!metrics.IsCompleted)
            {
                return AwaitMetricsAsync(metrics.AsTask());
            }

            return new(new PluginCheckAnswer(_alive, PluginCallResult<PluginMetrics>.Completed(metrics.Result)));
        }
        catch (Exception ex)
        {
            return new(new PluginCheckAnswer(_alive, PluginCallResult<PluginMetrics>.Faulted(ex)));
        }
    }

    private async ValueTask<PluginCheckAnswer> AwaitAliveAsync(Task<bool> alive, CancellationToken cancellationToken)
    {
        await ((Task)alive).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // Given up on while IsAliveAsync ran: it is the call that did not answer, and the plugin is not asked for more.
        if (cancellationToken.IsCancellationRequested)
        {
            return new PluginCheckAnswer(PluginCallResult<bool>.TimedOut, PluginCallResult<PluginMetrics>.TimedOut);
        }

        Answered(PluginCallResult<bool>.FromCompleted(alive));
        return await AskMetrics(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<PluginCheckAnswer> AwaitMetricsAsync(Task<PluginMetrics> metrics)
    {
        await ((Task)metrics).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return new PluginCheckAnswer(_alive, PluginCallResult<PluginMetrics>.FromCompleted(metrics));
    }

    private void Answered(PluginCallResult<bool> alive)
    {
        _alive = alive;
        Volatile.Write(ref _aliveAnswered, true);
    }
}
