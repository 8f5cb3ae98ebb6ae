namespace ZepixHealth.Monitoring;

/// <summary>
/// Looks at a <see cref="CallWorkerPool"/> every <see cref="ProbeInterval"/> of real time while calls
/// wait in its queue. When a call waited a whole interval and no call started meanwhile, every worker is
/// held by a callee that blocks or works long: the pool spreads to more workers. Once the queue is
/// empty the pool stops spreading and the probes stop, so an idle pool costs no timer ticks.
/// </summary>
/// <remarks>Thread housekeeping on the real clock: no monitoring decision depends on it.</remarks>
internal sealed class CallPoolSupervisor
{
    /// <summary>How often the supervisor looks for calls that wait while every worker is held.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(20);

    private readonly CallWorkerPool _pool;
    private readonly ITimer _timer;
    private long _startedAtLastProbe;
    private int _running;
    private int _probing;

    public CallPoolSupervisor(CallWorkerPool pool)
    {
        _pool = pool;

        // The timer captures nothing of its creator's context (an activity, a scope).
        var suppress = !ExecutionContext.IsFlowSuppressed();
        if (suppress)
        {
            ExecutionContext.SuppressFlow();
        }

        try
        {
            _timer = TimeProvider.System.CreateTimer(
                static supervisor => ((CallPoolSupervisor)supervisor!).Probe(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        finally
        {
            if (suppress)
            {
                ExecutionContext.RestoreFlow();
            }
        }
    }

    /// <summary>Starts the probes, unless they already run; called whenever a call is queued.</summary>
    public void Start()
    {
        if (Volatile.Read(ref _running) == 0 && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _timer.Change(ProbeInterval, ProbeInterval);
        }
    }

    private void Probe()
    {
        if (Interlocked.Exchange(ref _probing, 1) == 1)
        {
            return; // The previous probe is still running.
        }

        var started = _pool.StartedCalls;
        if (!_pool.HasQueuedCalls)
        {
            _pool.StopSpreading();
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Volatile.Write(ref _running, 0);
            Volatile.Write(ref _probing, 0);

            // A call queued while the probes stopped found them still running.
            if (_pool.HasQueuedCalls)
            {
                Start();
            }

            return;
        }

        if (started == _startedAtLastProbe)
        {
            _pool.Spread();
        }

        _startedAtLastProbe = started;
        Volatile.Write(ref _probing, 0);
    }
}
