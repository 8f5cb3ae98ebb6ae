namespace ZepixHealth.Monitoring;

/// <summary>
/// Makes calls into code the monitor does not trust (plugins, observers) under a timeout, one at a
/// time: a call that does not answer in time is abandoned, its token is cancelled, and no further
/// call is made until it ends, so a plugin that hangs forever costs one task, not one per cycle.
/// </summary>
/// <remarks>
/// Calls through one instance must not overlap (the monitor's cycles never do). The cancellation
/// token handed to the callee has no timer of its own: it is cancelled only when the call is
/// abandoned, so a call that completes synchronously allocates nothing.
/// </remarks>
internal sealed class GuardedCaller
{
    private readonly TimeProvider _timeProvider;
    private CancellationTokenSource _calleeCancellation = new();
    private Task? _abandoned;

    public GuardedCaller(TimeProvider timeProvider) => _timeProvider = timeProvider;

    /// <summary>Gets whether an abandoned call is still running.</summary>
    public bool IsRunning => Volatile.Read(ref _abandoned) is { IsCompleted: false };

    /// <summary>Gets when the call that is still running was abandoned.</summary>
    public DateTimeOffset AbandonedAt { get; private set; }

    /// <summary>Gets the name of the call that is still running.</summary>
    public string? AbandonedCall { get; private set; }

    /// <summary>
    /// Calls <paramref name="call"/> and waits at most <paramref name="timeout"/> for it.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the caller is stopping).</exception>
    public async ValueTask<PluginCallResult<T>> InvokeAsync<TTarget, T>(
        TTarget target,
        Func<TTarget, CancellationToken, ValueTask<T>> call,
        string callName,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            return PluginCallResult<T>.StillRunning;
        }

        if (timeout <= TimeSpan.Zero)
        {
            return PluginCallResult<T>.TimedOut;
        }

        Task<T> task;
        try
        {
            // A ValueTask over a broken or recycled IValueTaskSource may throw from IsCompleted
            // (GetStatus), AsTask (OnCompleted) or Result (GetResult): each is the callee's fault.
            var pending = call(target, _calleeCancellation.Token);
            if (pending.IsCompleted)
            {
                return PluginCallResult<T>.Completed(pending.Result);
            }

            task = pending.AsTask();
        }
        catch (Exception ex)
        {
            return PluginCallResult<T>.Faulted(ex);
        }

        return await WaitAsync(task, callName, timeout, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<PluginCallResult<T>> WaitAsync<T>(Task<T> task, string callName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return PluginCallResult<T>.Completed(
                await task.WaitAsync(timeout, _timeProvider, cancellationToken).ConfigureAwait(false));
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            Abandon(task, callName);
            return PluginCallResult<T>.TimedOut;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !task.IsCompleted)
        {
            Abandon(task, callName);
            throw;
        }
        catch (Exception) when (task.IsCompleted)
        {
            // The callee finished as the wait gave up, or threw a TimeoutException of its own:
            // its own outcome is the truth.
            return FromCompleted(task);
        }
    }

    private static PluginCallResult<T> FromCompleted<T>(Task<T> task) =>
        task.IsCompletedSuccessfully
            ? PluginCallResult<T>.Completed(task.Result)
            : PluginCallResult<T>.Faulted(task.Exception?.InnerException ?? new OperationCanceledException("The call was cancelled."));

    private void Abandon(Task task, string callName)
    {
        AbandonedAt = _timeProvider.GetUtcNow();
        AbandonedCall = callName;
        Volatile.Write(ref _abandoned, task);

        // Tell the callee to give up; a fresh source serves the next call.
        var cancellation = _calleeCancellation;
        _calleeCancellation = new CancellationTokenSource();
        try
        {
            cancellation.Cancel();
        }
        catch (AggregateException)
        {
            // A callback the callee registered threw; the callee's problem, not the monitor's.
        }

        // Observe the eventual exception so that it never surfaces as an unobserved task exception.
        _ = task.ContinueWith(
            static (t, state) =>
            {
                _ = t.Exception;
                ((CancellationTokenSource)state!).Dispose();
            },
            cancellation,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
