using System.Collections.Concurrent;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Dedicated threads that make the synchronous part of untrusted calls (everything a callee does
/// before it returns its task), so that a callee that blocks its thread blocks one of these, never
/// the cycle and never a thread-pool thread.
/// </summary>
/// <remarks>
/// <para>
/// Calls that complete at once cost no thread switch each: a worker that is running a call comes back
/// to the queue when it returns, so a call queued meanwhile wakes no other worker, and one worker serves
/// a cycle of quick calls. A <see cref="CallPoolSupervisor"/> on the real clock looks at the pool while
/// calls wait: when work has waited a whole probe interval and no call started (every worker is held by
/// a callee that blocks or works long), the pool spreads: each worker that takes a call wakes (or
/// starts) another while more wait, so a burst of blockers gets one thread each. It stops spreading
/// once the queue is empty.
/// </para>
/// <para>
/// A worker whose call stays past its timeout is given up (<see cref="GiveUpWorker"/>): it stays with
/// the callee and ends when (if ever) the callee returns, and the queue is served by the others, so a
/// blocked callee holds exactly one thread and never starves the rest. At most <see cref="Limit"/>
/// workers run calls at once (workers given up on are not counted). Idle workers end after
/// <see cref="IdleLifetime"/> of real time. The supervisor and the idle lifetime are thread
/// housekeeping on the real clock; no monitoring decision depends on them.
/// </para>
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

    // Workers started or claimed and not yet waiting again: each comes back to the queue by itself.
    private int _running;

    // Calls started so far, the supervisor's measure of progress.
    private long _started;
    private volatile bool _spreading;
    private readonly CallPoolSupervisor _supervisor;

    public CallWorkerPool(string threadName, int limit)
    {
        _threadName = threadName;
        _limit = limit;
        _supervisor = new CallPoolSupervisor(this);
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

    /// <summary>Gets whether a call waits in the queue for a worker.</summary>
    public bool HasQueuedCalls => !_queue.IsEmpty;

    /// <summary>Gets how many calls were started so far, the supervisor's measure of progress.</summary>
    public long StartedCalls => Interlocked.Read(ref _started);

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
            _supervisor.Start();
            return;
        }

        Enqueue(work);
    }

    /// <summary>
    /// Ends the current worker's continuation, if it runs one, before code the monitor does not own runs
    /// on it: calls that code queues are dispatched like anyone's, and a call kept for this worker goes
    /// back to the queue, where any worker may take it if this one blocks.
    /// </summary>
    public static void LeaveContinuation()
    {
        if (t_continuingOn is not { } pool)
        {
            return;
        }

        t_continuingOn = null;
        if (t_next is { } next)
        {
            t_next = null;
            pool.Enqueue(next);
        }
    }

    private void Enqueue(CallWork work)
    {
        _queue.Enqueue(work);

        // The enqueue above and a worker's step back from running (an interlocked write) are ordered:
        // either this sees the worker gone and wakes one, or that worker sees the call before it waits.
        Interlocked.MemoryBarrier();
        if (_spreading || Volatile.Read(ref _running) == 0)
        {
            Dispatch();
        }

        _supervisor.Start();
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

    /// <summary>Called by the supervisor when every worker is held: wakes (or starts) another now, and each worker that takes a call does the same while more wait.</summary>
    public void Spread()
    {
        _spreading = true;
        Dispatch();
    }

    /// <summary>Called by the supervisor once the queue is empty: one worker serves quick calls again.</summary>
    public void StopSpreading() => _spreading = false;

    /// <summary>Called when a worker's call stayed past its timeout: the others serve the queue in its place.</summary>
    public void GiveUpWorker()
    {
        Interlocked.Increment(ref _givenUp);
        Interlocked.Decrement(ref _active);
        Interlocked.Decrement(ref _running);
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
            Interlocked.Increment(ref _running); // The woken worker counts as running from now on.
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

        Interlocked.Increment(ref _running);
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

            // Spreading: more calls wait while workers are held, so wake (or start) another.
            if (_spreading && !_queue.IsEmpty)
            {
                Dispatch();
            }

            while (work is not null)
            {
                Interlocked.Increment(ref _started);
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

    /// <summary>Waits until claimed (counted as running again); returns false when the worker should end (idle too long).</summary>
    private bool WaitForWork()
    {
        // Idle before no longer running: a caller that sees no worker running finds this one idle.
        Interlocked.Increment(ref _idle);
        Interlocked.Decrement(ref _running);

        // A call queued while this worker was finding the queue empty may have seen it still running.
        if (!_queue.IsEmpty && TryTakeIdle())
        {
            Interlocked.Increment(ref _running);
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
