using System.Threading.Tasks.Sources;

namespace ZepixHealth.Monitoring;

/// <summary>
/// One call of one <see cref="GuardedCaller"/>, reused call after call until one is abandoned: queued
/// to a <see cref="CallWorkerPool"/>, started there, and answered when the callee's value is known,
/// when the deadline passes, or when the caller stops, whichever comes first.
/// </summary>
/// <remarks>
/// The deadline is watched (by the clock's <see cref="CallDeadlines"/>) from when the call is queued,
/// on the caller's thread: time spent waiting for a worker, blocking before the callee returns its
/// task, and waiting for that task all count against one timeout, and a test that moves a fake clock
/// after queuing always finds the deadline armed. An
/// abandoned call keeps this object (a worker may still be inside the callee); the caller makes its
/// next call with a new one. A call that completes synchronously allocates nothing.
/// </remarks>
internal sealed class GuardedCall<TTarget, T> : TimedCallWork, IValueTaskSource<PluginCallResult<T>>
{
    private readonly GuardedCaller _owner;
    private readonly CallWorkerPool _pool;
    private readonly CallDeadlines _deadlines;

    // An answer is on its way to the caller: the call is not reused until it has arrived.
    private bool _answering;
    private readonly TimeProvider _timeProvider;
    private readonly bool _continueOnWorker;
    private readonly Lock _lock = new();
    private ManualResetValueTaskSourceCore<PluginCallResult<T>> _core;
    private CallPhase _phase;
    private TTarget? _target;
    private Func<TTarget, CancellationToken, ValueTask<T>>? _call;
    private CancellationToken _calleeToken;
    private CancellationToken _callerToken;
    private CancellationTokenRegistration _stopping;
    private string _callName = string.Empty;
    private Task<T>? _pending;
    private TaskCompletionSource? _stuck;

    public GuardedCall(GuardedCaller owner, CallWorkerPool pool, TimeProvider timeProvider, bool continueOnWorker)
    {
        _owner = owner;
        _pool = pool;
        _timeProvider = timeProvider;
        _deadlines = CallDeadlines.For(timeProvider);
        _continueOnWorker = continueOnWorker;
    }

    public ValueTask<PluginCallResult<T>> StartAsync(
        TTarget target, Func<TTarget, CancellationToken, ValueTask<T>> call, string callName, CancellationToken calleeToken, TimeSpan timeout, CancellationToken callerToken)
    {
        _core.Reset();
        _core.RunContinuationsAsynchronously = !_continueOnWorker;
        _target = target;
        _call = call;
        _callName = callName;
        _calleeToken = calleeToken;
        _callerToken = callerToken;
        var version = _core.Version;
        lock (_lock)
        {
            _phase = CallPhase.Queued;
            Deadline = _timeProvider.GetTimestamp() + ToTimestampTicks(timeout);
        }

        _deadlines.Watch(this);

        if (callerToken.CanBeCanceled)
        {
            _stopping = callerToken.UnsafeRegister(static call => ((GuardedCall<TTarget, T>)call!).OnStopping(), this);
        }

        _pool.Queue(this);
        return new ValueTask<PluginCallResult<T>>(this, version);
    }

    public override bool Run()
    {
        lock (_lock)
        {
            if (_phase != CallPhase.Queued)
            {
                return true; // Abandoned before a worker was free: the callee was never called.
            }

            _phase = CallPhase.Running;
        }

        var (answer, pending) = Invoke(_target!, _call!, _calleeToken);
        TaskCompletionSource? stuck;
        lock (_lock)
        {
            stuck = _stuck;
            if (_phase == CallPhase.Running)
            {
                _phase = pending is null ? CallPhase.Idle : CallPhase.Waiting;
                _pending = pending;
                if (pending is null)
                {
                    _deadlines.Unwatch(this);
                }
            }
        }

        if (stuck is not null)
        {
            // Given up on while inside the callee: the abandoned call ends with the callee's task, if any.
            EndWhenDone(pending, stuck);
            return false;
        }

        AnswerOrAwait(answer, pending);
        return true;
    }

    /// <summary>Answers a call that returned at once, or awaits the task of one that did not.</summary>
    private void AnswerOrAwait(PluginCallResult<T> answer, Task<T>? pending)
    {
        if (pending is not null)
        {
            _ = pending.ContinueWith(
                static (task, call) => ((GuardedCall<TTarget, T>)call!).OnTaskCompleted(task),
                this,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return;
        }

        if (!_continueOnWorker)
        {
            ResumeOnThreadPool(answer, abandoned: false);
            return;
        }

        var previous = CallWorkerPool.BeginContinuation();
        try
        {
            Answer(answer);
        }
        finally
        {
            CallWorkerPool.EndContinuation(previous);
        }
    }

    /// <summary>Gets whether an answer is still on its way to the caller; such a call is not reused yet.</summary>
    public bool IsAnswering => Volatile.Read(ref _answering);

    public PluginCallResult<T> GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    /// <summary>Makes the synchronous part of the call; whatever the callee or its task throws is its fault.</summary>
    private static (PluginCallResult<T> Answer, Task<T>? Pending) Invoke(TTarget target, Func<TTarget, CancellationToken, ValueTask<T>> call, CancellationToken token)
    {
        try
        {
            // A ValueTask over a broken or recycled IValueTaskSource may throw from IsCompleted
            // (GetStatus), AsTask (OnCompleted) or Result (GetResult): each is the callee's fault.
            var pending = call(target, token);
            return pending.IsCompleted
                ? (PluginCallResult<T>.Completed(pending.Result), null)
                : (default, pending.AsTask());
        }
        catch (Exception ex)
        {
            return (PluginCallResult<T>.Faulted(ex), null);
        }
    }

    private static void EndWhenDone(Task<T>? pending, TaskCompletionSource stuck)
    {
        if (pending is null)
        {
            stuck.TrySetResult();
            return;
        }

        _ = pending.ContinueWith(
            static (task, stuck) =>
            {
                _ = task.Exception;
                ((TaskCompletionSource)stuck!).TrySetResult();
            },
            stuck,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnTaskCompleted(Task<T> task)
    {
        _ = task.Exception; // Observed, so that an abandoned task's failure never goes unobserved.
        lock (_lock)
        {
            if (_phase != CallPhase.Waiting || !ReferenceEquals(_pending, task))
            {
                return;
            }

            _phase = CallPhase.Idle;
            _pending = null;
            _deadlines.Unwatch(this);
        }

        ResumeOnThreadPool(PluginCallResult<T>.FromCompleted(task), abandoned: false);
    }

    /// <summary>
    /// Answers from a thread-pool work item that the pool counts as busy until the caller has run up to
    /// its next await, which is where it queues its next call: the pool is never seen quiet in between,
    /// and the caller never runs on the thread that completed the callee's task.
    /// </summary>
    private void ResumeOnThreadPool(PluginCallResult<T> answer, bool abandoned)
    {
        Volatile.Write(ref _answering, true);
        _pool.BeginResuming();
        ThreadPool.UnsafeQueueUserWorkItem(
            static state =>
            {
                var (call, result, givenUp) = state;
                var pool = call._pool;
                try
                {
                    call._core.RunContinuationsAsynchronously = false;
                    if (givenUp)
                    {
                        call._core.SetResult(result);
                    }
                    else
                    {
                        call.Answer(result);
                    }
                }
                finally
                {
                    Volatile.Write(ref call._answering, false);
                    pool.EndResuming();
                }
            },
            (this, answer, abandoned),
            preferLocal: false);
    }

    public override void OnDeadline()
    {
        CallPhase previous;
        lock (_lock)
        {
            // Answered meanwhile, or reused for a call with a later deadline (which is watched anew).
            if (_phase is not (CallPhase.Queued or CallPhase.Running or CallPhase.Waiting) || Deadline > _timeProvider.GetTimestamp())
            {
                return;
            }

            previous = Abandon();
        }

        GiveUp(previous, stopping: false);
    }

    private void OnStopping()
    {
        CallPhase previous;
        lock (_lock)
        {
            if (_phase is not (CallPhase.Queued or CallPhase.Running or CallPhase.Waiting))
            {
                return;
            }

            previous = Abandon();
        }

        GiveUp(previous, stopping: true);
    }

    /// <summary>Under the lock: marks the call abandoned; a callee still in its synchronous part gets a completion to end with.</summary>
    private CallPhase Abandon()
    {
        var previous = _phase;
        _phase = CallPhase.Abandoned;
        if (previous == CallPhase.Running)
        {
            _stuck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return previous;
    }

    private void GiveUp(CallPhase previous, bool stopping)
    {
        _deadlines.Unwatch(this);
        Task? stillRunning = previous switch
        {
            CallPhase.Running => _stuck!.Task,
            CallPhase.Waiting => _pending,
            _ => null,
        };
        if (previous == CallPhase.Running)
        {
            _pool.GiveUpWorker();
        }

        _target = default;
        _call = null;
        _owner.OnAbandoned(this, stillRunning, _callName);
        _stopping.Unregister();
        if (stopping)
        {
            _core.SetException(new OperationCanceledException(_callerToken));
        }
        else
        {
            ResumeOnThreadPool(PluginCallResult<T>.TimedOut, abandoned: true);
        }
    }

    /// <summary>Answers the caller; nothing of this call is touched afterwards, so the caller may reuse it at once.</summary>
    private void Answer(PluginCallResult<T> answer)
    {
        _stopping.Unregister();
        _target = default;
        _call = null;
        _core.SetResult(answer);
    }

    private long ToTimestampTicks(TimeSpan span) =>
        (long)Math.Min(span.TotalSeconds * _timeProvider.TimestampFrequency, long.MaxValue / 2);
}
