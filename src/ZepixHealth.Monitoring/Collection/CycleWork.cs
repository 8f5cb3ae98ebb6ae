namespace ZepixHealth.Monitoring;

/// <summary>
/// The plugins of one cycle, shared by its lanes: each lane takes the next index nobody has taken. The
/// first lane starts on the cycle's thread; the others are queued to the call workers as this item,
/// and a lane starts when a worker takes it.
/// </summary>
/// <remarks>
/// A worker serving quick plugins runs the first lane through every plugin and then finds nothing left
/// for the others, so idle lanes cost a queue entry each, no call and no timer. A lane whose call waits
/// on its task, or blocks its worker, lets the next queued lane start on a free (or spread-to) worker,
/// up to <see cref="PluginHealthOptions.MaxConcurrentChecks"/> lanes at once.
/// </remarks>
internal sealed class CycleWork(
    PluginState?[] states,
    int count,
    PluginHealthSnapshot[] snapshots,
    DateTimeOffset cycleTime,
    Func<CycleWork, Task> runLane,
    CancellationToken cancellationToken) : CallWork
{
    // Continuations run where the last lane ended, as a completed call's would: no thread switch.
    private readonly TaskCompletionSource _done = new();
    private int _next = -1;
    private int _lanesLeft;
    private Exception? _error;

    /// <summary>Gets the plugins' states, by registration order; null where a plugin cannot be watched.</summary>
    public PluginState?[] States => states;

    /// <summary>Gets the snapshots, by registration order; each lane writes the slots it took.</summary>
    public PluginHealthSnapshot[] Snapshots => snapshots;

    public DateTimeOffset CycleTime => cycleTime;

    /// <summary>Gets the token that stops the cycle (the host is stopping).</summary>
    public CancellationToken CancellationToken => cancellationToken;

    public bool TryTake(out int index)
    {
        index = Interlocked.Increment(ref _next);
        return index < count;
    }

    /// <summary>Runs <paramref name="lanes"/> lanes: the first on this thread, the others when workers of <paramref name="pool"/> take them.</summary>
    /// <returns>Completes when every lane has ended; faults with the first lane's failure (a cancelled cycle).</returns>
    public Task RunLanesAsync(int lanes, CallWorkerPool pool)
    {
        _lanesLeft = lanes;
        _ = runLane(this);
        for (var i = 1; i < lanes; i++)
        {
            pool.Queue(this);
        }

        return _done.Task;
    }

    /// <summary>Starts a lane on the worker that took this item, as a call's continuation would run there.</summary>
    public override bool Run()
    {
        var previous = CallWorkerPool.BeginContinuation();
        try
        {
            _ = runLane(this);
        }
        finally
        {
            CallWorkerPool.EndContinuation(previous);
        }

        return true;
    }

    /// <summary>Called by a lane that failed (the cycle was cancelled): the cycle ends with the first failure.</summary>
    public void Fail(Exception error) => Interlocked.CompareExchange(ref _error, error, null);

    /// <summary>Called by every lane as it ends, whatever happened.</summary>
    public void LaneEnded()
    {
        if (Interlocked.Decrement(ref _lanesLeft) != 0)
        {
            return;
        }

        if (Volatile.Read(ref _error) is { } error)
        {
            _done.TrySetException(error);
        }
        else
        {
            _done.TrySetResult();
        }
    }
}
