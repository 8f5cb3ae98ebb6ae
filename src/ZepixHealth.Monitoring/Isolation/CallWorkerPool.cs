using System.Collections.Concurrent;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Dedicated threads that make the synchronous part of untrusted calls (everything a callee does
/// before it returns its task), so that a callee that blocks its thread blocks one of these, never
/// the cycle and never a thread-pool thread.
/// </summary>
/// <remarks>
/// Workers start on demand, one at a time: a worker that takes a call while more are queued and no
/// other worker is idle or starting starts the next, so a burst of calls that complete at once is
/// served by few threads and a burst of blockers gets one thread each. A worker whose call stays past
/// its timeout is given up (<see cref="GiveUpWorker"/>): it stays with the callee and ends when (if
/// ever) the callee returns, and the queue is served by the others, so a blocked callee holds exactly
/// one thread and never starves the rest. At most <see cref="Limit"/> workers run calls at once
/// (workers given up on are not counted). Idle workers end after <see cref="IdleLifetime"/> of real
/// time: thread housekeeping only, no monitoring decision depends on it.
/// </remarks>
internal sealed class CallWorkerPool
{
    /// <summary>How long an idle worker waits for work before it ends.</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(20);

    [ThreadStatic]
    private static CallWorkerPool? t_worker;

    [ThreadStatic]
    private static CallWorkerPool? t_continuingOn;

    // The call a continuation on this worker queued: the worker makes it next, before any other.
    [ThreadStatic]
    private static CallWork? t_next;

    private readonly ConcurrentQueue<CallWork> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly string _threadName;
    private readonly int _limit;
    private readonly Lock _quietLock = new();
    private TaskCompletionSource? _quiet;
    private int _idle;
    private int _active;
    private int _starting;
    private int _givenUp;
    private int _busy;

    public CallWorkerPool(string threadName, int limit)
    {
        _threadName = threadName;
        _limit = limit;
    }

    /// <summary>Gets the pool for calls on the cycle's path: plugin checks and observers.</summary>
    public static CallWorkerPool Cycle { get; } = new("ZepixHealth cycle call", PluginHealthDefaults.MaxConcurrentChecksLimit);

    /// <summary>Gets the pool for calls beside the cycle: self-tests and sinks.</summary>
    public static CallWorkerPool Background { get; } = new("ZepixHealth background call", 8);

    /// <summary>Gets whether the current thread is a call worker (of any pool).</summary>
    public static bool IsOnWorker => t_worker is not null;

    /// <summary>Gets how many workers may run calls at once (workers given up on are not counted).</summary>
    public int Limit => _limit;

    /// <summary>Gets how many workers are in the pool, running, idle or starting (workers given up on are not counted).</summary>
    public int ActiveWorkers => Volatile.Read(ref _active);

    /// <summary>Gets how many workers were given up on and are still stuck in their call.</summary>
    public int GivenUpWorkers => Volatile.Read(ref _givenUp);

    /// <summary>Gets how many calls are queued or running (calls given up on aside).</summary>
    public int BusyCalls => Volatile.Read(ref _busy);

    /// <summary>Gets whether no call is queued or running (calls given up on aside).</summary>
    public bool IsQuiet => Volatile.Read(ref _busy) == 0;

    /// <summary>Completes when no call is queued or running (calls given up on aside); for tests that drive a fake clock.</summary>
    public Task WhenQuietAsync()
    {
        lock (_quietLock)
        {
            if (Volatile.Read(ref _busy) == 0)
            {
                return Task.CompletedTask;
            }

            var quiet = _quiet ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            // The last call may have ended between the check above and the line before, unseen by Done
            // (which reads _quiet after its decrement): a full fence orders this write before the read below.
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _busy) == 0)
            {
                _quiet = null;
                quiet.TrySetResult();
            }

            return quiet.Task;
        }
    }

    public void Queue(CallWork work)
    {
        Interlocked.Increment(ref _busy);

        // A worker running a caller's continuation makes the call itself as soon as it returns to its
        // loop: a lane of quick calls stays on one thread and wakes no other.
        if (ReferenceEquals(t_continuingOn, this))
        {
            if (t_next is null)
            {
                t_next = work;
                return;
            }

            _queue.Enqueue(work);
            return;
        }

        _queue.Enqueue(work);
        Dispatch();
    }

    /// <summary>
    /// Counts work that will queue calls soon (a caller resuming after its call completed elsewhere) as a
    /// busy call, so that the pool is not seen quiet in between; ended by <see cref="EndResuming"/>.
    /// </summary>
    public void BeginResuming() => Interlocked.Increment(ref _busy);

    /// <summary>Ends what <see cref="BeginResuming"/> began.</summary>
    public void EndResuming() => Done();

    /// <summary>
    /// Marks the current thread, when it is a worker, as running a caller's continuation after its call
    /// returned: calls queued meanwhile wait for this worker (it takes them as soon as it returns to its
    /// loop) instead of waking another. Returns what <see cref="EndContinuation"/> restores.
    /// </summary>
    public static CallWorkerPool? BeginContinuation()
    {
        var previous = t_continuingOn;
        t_continuingOn = t_worker;
        return previous;
    }

    /// <summary>Ends what <see cref="BeginContinuation"/> began.</summary>
    public static void EndContinuation(CallWorkerPool? previous) => t_continuingOn = previous;

    /// <summary>Called when a worker's call stayed past its timeout: the others serve the queue in its place.</summary>
    public void GiveUpWorker()
    {
        Interlocked.Increment(ref _givenUp);
        Interlocked.Decrement(ref _active);
        Done();
        if (!_queue.IsEmpty)
        {
            Dispatch();
        }
    }

    private void Dispatch()
    {
        if (TryTakeIdle())
        {
            _wake.Release();
            return;
        }

        // One worker starts at a time; it starts the next if calls are still waiting when it takes one.
        if (Interlocked.CompareExchange(ref _starting, 1, 0) == 0)
        {
            StartWorker();
        }
    }

    private void StartWorker()
    {
        int active;
        do
        {
            active = Volatile.Read(ref _active);
            if (active >= _limit)
            {
                Volatile.Write(ref _starting, 0);
                return; // A running worker takes the call when it finishes its own.
            }
        }
        while (Interlocked.CompareExchange(ref _active, active + 1, active) != active);

        var thread = new Thread(static pool => ((CallWorkerPool)pool!).Work(), maxStackSize: 0)
        {
            IsBackground = true,
            Name = _threadName,
        };
        thread.UnsafeStart(this);
    }

    private bool TryTakeIdle()
    {
        int idle;
        do
        {
            idle = Volatile.Read(ref _idle);
            if (idle == 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _idle, idle - 1, idle) != idle);
        return true;
    }

    private void Work()
    {
        t_worker = this;
        Volatile.Write(ref _starting, 0);
        while (true)
        {
            if (!_queue.TryDequeue(out var work))
            {
                if (!WaitForWork())
                {
                    return;
                }

                continue;
            }

            // More calls wait: wake (or start) another worker, so that a burst is served in parallel.
            if (!_queue.IsEmpty)
            {
                Dispatch();
            }

            while (work is not null)
            {
                if (!work.Run())
                {
                    // Given up on during the call: the others already serve the queue in this worker's place.
                    Interlocked.Decrement(ref _givenUp);
                    return;
                }

                Done();
                work = t_next;
                t_next = null;
            }
        }
    }

    /// <summary>Waits until woken; returns false when the worker should end (idle too long).</summary>
    private bool WaitForWork()
    {
        Interlocked.Increment(ref _idle);

        // A call queued while this worker was finding the queue empty may have seen no idle worker.
        if (!_queue.IsEmpty && TryTakeIdle())
        {
            return true;
        }

        if (_wake.Wait(IdleLifetime))
        {
            return true;
        }

        if (TryTakeIdle())
        {
            Interlocked.Decrement(ref _active);
            return false;
        }

        // Claimed as the lifetime ran out: the wake-up is on its way.
        _wake.Wait();
        return true;
    }

    private void Done()
    {
        if (Interlocked.Decrement(ref _busy) != 0 || Volatile.Read(ref _quiet) is null)
        {
            return;
        }

        TaskCompletionSource? quiet;
        lock (_quietLock)
        {
            quiet = Volatile.Read(ref _busy) == 0 ? _quiet : null;
            if (quiet is not null)
            {
                _quiet = null;
            }
        }

        quiet?.TrySetResult();
    }
}
