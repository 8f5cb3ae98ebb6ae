namespace ZepixHealth.Monitoring.Benchmarks.Collection;

/// <summary>
/// The guarded caller the library shipped before call workers, kept here only so that the CollectOnce
/// benchmark measures both in one run: it calls the callee on the caller's own thread and waits for the
/// task under a timeout, so a callee that blocks before it returns its task blocks the cycle. Its
/// abandon-and-skip bookkeeping is the same as the library's.
/// </summary>
internal sealed class LegacyInlineGuardedCaller(TimeProvider timeProvider)
{
    private CancellationTokenSource _calleeCancellation = new();
    private Task? _abandoned;

    public bool IsRunning => Volatile.Read(ref _abandoned) is { IsCompleted: false };

    public async ValueTask<PluginCallResult<T>> InvokeAsync<TTarget, T>(
        TTarget target, Func<TTarget, CancellationToken, ValueTask<T>> call, TimeSpan timeout, CancellationToken cancellationToken)
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

        return await WaitAsync(task, timeout, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<PluginCallResult<T>> WaitAsync<T>(Task<T> task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return PluginCallResult<T>.Completed(await task.WaitAsync(timeout, timeProvider, cancellationToken).ConfigureAwait(false));
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            Abandon(task);
            return PluginCallResult<T>.TimedOut;
        }
        catch (Exception) when (task.IsCompleted)
        {
            return task.IsCompletedSuccessfully
                ? PluginCallResult<T>.Completed(task.Result)
                : PluginCallResult<T>.Faulted(task.Exception?.InnerException ?? new OperationCanceledException("The call was cancelled."));
        }
    }

    private void Abandon(Task task)
    {
        Volatile.Write(ref _abandoned, task);
        var cancellation = _calleeCancellation;
        _calleeCancellation = new CancellationTokenSource();
        cancellation.Cancel();
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
