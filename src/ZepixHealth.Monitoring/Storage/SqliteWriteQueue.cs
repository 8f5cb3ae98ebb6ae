using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// What waits for the background writer: snapshot batches, awaited operations and flush waiters.
/// Callers add without ever blocking on the disk; the writer takes. Beyond the capacity the oldest
/// snapshots are dropped and counted; operations (alert writes) are never dropped.
/// </summary>
internal sealed partial class SqliteWriteQueue : IDisposable
{
    private readonly int _capacity;
    private readonly string _dataSource;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _workAvailable = new(0);

    // Shared between callers and the writer; guarded by _gate.
    private readonly Lock _gate = new();
    private readonly LinkedList<SqliteSnapshotBatch> _batches = new();
    private readonly LinkedList<SqliteStoreOperation> _operations = new();
    private readonly List<(long Sequence, TaskCompletionSource Completion)> _flushWaiters = [];
    private int _queuedRows;
    private long _appendSequence;
    private long _droppedTotal;
    private long _droppedSinceLastWrite;
    private bool _stopRequested;
    private bool _appendAfterStopLogged;

    public SqliteWriteQueue(int capacity, string dataSource, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _dataSource = dataSource;
        _logger = logger;
    }

    /// <summary>Gets how many snapshots wait for the writer (not counting those being written).</summary>
    public int QueuedRows
    {
        get
        {
            lock (_gate)
            {
                return _queuedRows;
            }
        }
    }

    /// <summary>Gets how many snapshots were dropped since start: queue full, store stopped, or a write that retrying cannot cure.</summary>
    public long DroppedTotal => Interlocked.Read(ref _droppedTotal);

    public bool IsStopRequested
    {
        get
        {
            lock (_gate)
            {
                return _stopRequested;
            }
        }
    }

    /// <summary>Gets whether the writer may exit: the stop was requested and nothing is left to write.</summary>
    public bool IsStoppedAndEmpty
    {
        get
        {
            lock (_gate)
            {
                return _stopRequested && _operations.Count == 0 && _batches.Count == 0;
            }
        }
    }

    /// <summary>Refuses further writes; snapshots appended from now on are dropped, operations fail.</summary>
    /// <returns>False when the stop had already been requested.</returns>
    public bool RequestStop()
    {
        lock (_gate)
        {
            if (_stopRequested)
            {
                return false;
            }

            _stopRequested = true;
            return true;
        }
    }

    /// <summary>Wakes the writer.</summary>
    public void Signal() => _workAvailable.Release();

    public Task WaitForWorkAsync() => _workAvailable.WaitAsync();

    /// <summary>Queues one append's snapshots, dropping the oldest beyond the capacity; drops them all once stopped.</summary>
    /// <param name="rows">The snapshots; the queue keeps the array, so the caller must not reuse it.</param>
    public void Append(PluginHealthSnapshot[] rows)
    {
        int dropped;
        bool firstDrop = false, afterStop = false;
        long total;
        lock (_gate)
        {
            if (_stopRequested)
            {
                dropped = rows.Length;
                afterStop = !_appendAfterStopLogged;
                _appendAfterStopLogged = true;
            }
            else
            {
                _batches.AddLast(new SqliteSnapshotBatch(++_appendSequence, rows));
                _queuedRows += rows.Length;
                dropped = TrimLocked();
            }

            if (dropped > 0)
            {
                firstDrop = _droppedSinceLastWrite == 0;
                _droppedSinceLastWrite += dropped;
                _droppedTotal += dropped;
            }

            total = _droppedTotal;
        }

        if (dropped == 0)
        {
            Signal();
            return;
        }

        SqliteHealthStoreMetrics.SnapshotsDropped.Add(dropped);
        if (afterStop)
        {
            Log.AppendAfterStop(_logger, dropped);
        }
        else if (firstDrop)
        {
            // Once per outage: further drops are summed up when writes recover.
            Log.SnapshotsDropped(_logger, _capacity, dropped, total);
        }
    }

    /// <summary>Queues an operation; its task completes when the writer has committed it.</summary>
    public Task EnqueueAsync(SqliteStoreOperation operation, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_stopRequested)
            {
                return Task.FromException(new ObjectDisposedException(nameof(SqliteHealthStore), "The health store has stopped; the write was not made."));
            }

            _operations.AddLast(operation);
        }

        Signal();
        return operation.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Puts an unfinished operation back, behind whatever arrived meanwhile, so that a long one never starves the others.</summary>
    public void Requeue(SqliteStoreOperation operation)
    {
        lock (_gate)
        {
            _operations.AddLast(operation);
        }
    }

    /// <summary>Waits until every snapshot queued before the call has been committed or dropped.</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _flushWaiters.Add((_appendSequence, completion));
        }

        Signal();
        return completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Takes every queued operation and the oldest snapshot batches, up to <paramref name="maxRows"/> rows (at least one batch).</summary>
    /// <returns>The work, or <see langword="null"/> when nothing is queued.</returns>
    public SqliteWriteWork? Take(int maxRows)
    {
        lock (_gate)
        {
            if (_operations.Count == 0 && _batches.Count == 0)
            {
                return null;
            }

            var operations = _operations.ToList();
            _operations.Clear();

            var batches = new List<SqliteSnapshotBatch>();
            var rows = 0;
            while (_batches.First is { } node && (batches.Count == 0 || rows + node.Value.Rows.Length <= maxRows))
            {
                batches.Add(node.Value);
                rows += node.Value.Rows.Length;
                _batches.RemoveFirst();
            }

            _queuedRows -= rows;
            return new SqliteWriteWork(batches, operations);
        }
    }

    /// <summary>Returns work that failed to the front of the queue, to be retried first; trims the queue to its capacity.</summary>
    public void PutBack(List<SqliteSnapshotBatch> batches, List<SqliteStoreOperation> operations, int firstOperation)
    {
        int dropped;
        long total;
        lock (_gate)
        {
            for (var i = operations.Count - 1; i >= firstOperation; i--)
            {
                _operations.AddFirst(operations[i]);
            }

            for (var i = batches.Count - 1; i >= 0; i--)
            {
                _batches.AddFirst(batches[i]);
                _queuedRows += batches[i].Rows.Length;
            }

            dropped = TrimLocked();
            _droppedSinceLastWrite += dropped;
            _droppedTotal += dropped;
            total = _droppedTotal;
        }

        if (dropped > 0)
        {
            SqliteHealthStoreMetrics.SnapshotsDropped.Add(dropped);
            Log.SnapshotsDropped(_logger, _capacity, dropped, total);
        }
    }

    /// <summary>Counts snapshots the writer gave up on.</summary>
    public void CountDiscarded(int rows)
    {
        lock (_gate)
        {
            _droppedTotal += rows;
        }

        SqliteHealthStoreMetrics.SnapshotsDropped.Add(rows);
    }

    /// <summary>Gets and resets the snapshots dropped since the last successful write, for the recovery log line.</summary>
    public long TakeDroppedSinceLastWrite()
    {
        lock (_gate)
        {
            var dropped = _droppedSinceLastWrite;
            _droppedSinceLastWrite = 0;
            return dropped;
        }
    }

    /// <summary>Gives up everything queued when the store stops unable to write: snapshots are counted as dropped, operations fail.</summary>
    public void Abandon(Exception cause)
    {
        List<SqliteStoreOperation> operations;
        int rows;
        lock (_gate)
        {
            operations = [.. _operations];
            _operations.Clear();
            rows = _queuedRows;
            _batches.Clear();
            _queuedRows = 0;
            _droppedTotal += rows;
        }

        if (rows > 0 || operations.Count > 0)
        {
            SqliteHealthStoreMetrics.SnapshotsDropped.Add(rows);
            Log.LostAtStop(_logger, _dataSource, rows, operations.Count, SqliteFaults.DescribeCause(cause), cause);
        }

        var error = new InvalidOperationException($"The health store stopped before the write could be made: {SqliteFaults.DescribeCause(cause)}.", cause);
        foreach (var operation in operations)
        {
            operation.Completion.TrySetException(error);
        }

        CompleteFlushWaiters();
    }

    /// <summary>Completes the flush waiters whose snapshots have all left the queue.</summary>
    public void CompleteFlushWaiters()
    {
        List<TaskCompletionSource>? done = null;
        lock (_gate)
        {
            var oldestQueued = _batches.First?.Value.Sequence ?? long.MaxValue;
            for (var i = _flushWaiters.Count - 1; i >= 0; i--)
            {
                if (_flushWaiters[i].Sequence < oldestQueued)
                {
                    (done ??= []).Add(_flushWaiters[i].Completion);
                    _flushWaiters.RemoveAt(i);
                }
            }
        }

        foreach (var completion in done ?? [])
        {
            completion.TrySetResult();
        }
    }

    public void Dispose() => _workAvailable.Dispose();

    /// <summary>Drops the oldest queued snapshots beyond the capacity. Called under <see cref="_gate"/>.</summary>
    private int TrimLocked()
    {
        var dropped = 0;
        while (_queuedRows > _capacity && _batches.Count > 1)
        {
            var oldest = _batches.First!.Value;
            _batches.RemoveFirst();
            _queuedRows -= oldest.Rows.Length;
            dropped += oldest.Rows.Length;
        }

        if (_queuedRows > _capacity)
        {
            // A single append larger than the whole queue: keep its last rows.
            var only = _batches.First!.Value;
            var excess = _queuedRows - _capacity;
            _batches.First.Value = only with { Rows = only.Rows[excess..] };
            _queuedRows = _capacity;
            dropped += excess;
        }

        return dropped;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "SQLite health store write queue is full ({QueueCapacity} snapshots): dropped the {DroppedSnapshots} oldest ({TotalDropped} since start). Further drops are reported when writes recover")]
        public static partial void SnapshotsDropped(ILogger logger, int queueCapacity, int droppedSnapshots, long totalDropped);

        [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "SQLite health store stopped with {Snapshots} snapshots and {Operations} alert writes unwritten to {DataSource}: {Cause}")]
        public static partial void LostAtStop(ILogger logger, string dataSource, int snapshots, int operations, string cause, Exception exception);

        [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "SQLite health store has stopped; {Snapshots} snapshots appended after the stop were dropped (reported once)")]
        public static partial void AppendAfterStop(ILogger logger, int snapshots);
    }
}
