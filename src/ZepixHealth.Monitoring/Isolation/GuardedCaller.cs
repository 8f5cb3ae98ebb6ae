namespace ZepixHealth.Monitoring;

/// <summary>
/// Makes calls into code the monitor does not trust (plugins, observers, sinks) under a timeout, one
/// at a time: a call that does not answer in time is abandoned, its token is cancelled, and no further
/// call is made until it ends, so a plugin that hangs forever costs one task (or one thread), not one
/// per cycle.
/// </summary>
/// <remarks>
/// The callee is called on a <see cref="CallWorkerPool"/> worker, never on the caller's thread: a
/// callee that blocks before it returns its task (a <c>.Result</c>, a sleep, a lock) is timed out like
/// one whose task never completes, and holds only that worker. Calls through one instance must not
/// overlap (the monitor's cycles never do). The cancellation token handed to the callee has no timer
/// of its own: it is cancelled only when the call is abandoned.
/// </remarks>
internal sealed class GuardedCaller
{
    private readonly TimeProvider _timeProvider;
    private readonly CallWorkerPool _pool;
    private readonly bool _continueOnWorker;
    private CancellationTokenSource _calleeCancellation = new();
    private Task? _abandoned;

    // The reusable calls of the last two (target, result) types this caller made.
    private CallWork? _recent;
    private CallWork? _older;

    /// <summary>Creates a caller whose calls run on <paramref name="pool"/> (default <see cref="CallWorkerPool.Cycle"/>).</summary>
    /// <param name="timeProvider">The clock of the timeouts.</param>
    /// <param name="pool">The workers that make the calls.</param>
    /// <param name="continueOnWorker">
    /// Whether the caller's continuation runs on the worker that made a call that completed at once
    /// (the collector's own short code, which then queues its next call to the same worker); otherwise
    /// it runs on the thread pool.
    /// </param>
    public GuardedCaller(TimeProvider timeProvider, CallWorkerPool? pool = null, bool continueOnWorker = false)
    {
        _timeProvider = timeProvider;
        _pool = pool ?? CallWorkerPool.Cycle;
        _continueOnWorker = continueOnWorker;
    }

    /// <summary>Gets whether an abandoned call is still running.</summary>
    public bool IsRunning => Volatile.Read(ref _abandoned) is { IsCompleted: false };

    /// <summary>Gets when the call that is still running was abandoned.</summary>
    public DateTimeOffset AbandonedAt { get; private set; }

    /// <summary>Gets the name of the call that is still running.</summary>
    public string? AbandonedCall { get; private set; }

    /// <summary>
    /// Calls <paramref name="call"/> on a worker and waits at most <paramref name="timeout"/> for it.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the caller is stopping).</exception>
    public ValueTask<PluginCallResult<T>> InvokeAsync<TTarget, T>(
        TTarget target,
        Func<TTarget, CancellationToken, ValueTask<T>> call,
        string callName,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            return new(PluginCallResult<T>.StillRunning);
        }

        if (timeout <= TimeSpan.Zero)
        {
            return new(PluginCallResult<T>.TimedOut);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<PluginCallResult<T>>(cancellationToken);
        }

        return CallFor<TTarget, T>().StartAsync(target, call, callName, _calleeCancellation.Token, timeout, cancellationToken);
    }

    /// <summary>Called by a call that was given up on, before it answers its caller.</summary>
    /// <param name="call">The call, which is not reused.</param>
    /// <param name="stillRunning">Completes when the callee has finished; <see langword="null"/> when it was never called.</param>
    /// <param name="callName">The callee's member, for the operator.</param>
    internal void OnAbandoned(CallWork call, Task? stillRunning, string callName)
    {
        Forget(call);
        AbandonedAt = _timeProvider.GetUtcNow();
        AbandonedCall = callName;
        if (stillRunning is not null)
        {
            Volatile.Write(ref _abandoned, stillRunning);
        }

        // Tell the callee to give up; a fresh source serves the next call. The token is cancelled at once,
        // but the callbacks the callee registered run on the thread pool: one that blocks or throws is the
        // callee's problem, and must not hold the thread that gives up on other calls (one timer serves
        // every deadline on a clock).
        var cancellation = _calleeCancellation;
        _calleeCancellation = new CancellationTokenSource();
        var cancelled = cancellation.CancelAsync();
        _ = (stillRunning is null ? cancelled : Task.WhenAll(cancelled, stillRunning)).ContinueWith(
            static (done, state) =>
            {
                _ = done.Exception;
                ((CancellationTokenSource)state!).Dispose();
            },
            cancellation,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private GuardedCall<TTarget, T> CallFor<TTarget, T>()
    {
        if (_recent is GuardedCall<TTarget, T> { IsAnswering: false } recent)
        {
            return recent;
        }

        if (_older is GuardedCall<TTarget, T> { IsAnswering: false } older)
        {
            (_recent, _older) = (older, _recent);
            return older;
        }

        var created = new GuardedCall<TTarget, T>(this, _pool, _timeProvider, _continueOnWorker);
        (_recent, _older) = (created, _recent);
        return created;
    }

    private void Forget(CallWork call)
    {
        if (ReferenceEquals(_recent, call))
        {
            _recent = null;
        }

        if (ReferenceEquals(_older, call))
        {
            _older = null;
        }
    }
}
