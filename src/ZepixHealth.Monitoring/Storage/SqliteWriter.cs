using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The store's one background writer. It takes work from the <see cref="SqliteWriteQueue"/> and commits
/// it on the <see cref="SqliteWriterConnection"/>: queued snapshots together in one transaction, each
/// operation in one of its own. A failure that waiting may cure puts the work back and retries with
/// exponential back-off; any other gives the work up and goes on with the rest.
/// </summary>
internal sealed partial class SqliteWriter(
    SqliteWriteQueue queue, SqliteWriterConnection connection, TimeProvider timeProvider, ILogger logger, string dataSource) : IDisposable
{
    private static readonly ExponentialBackoff Backoff = new(SqliteHealthStoreDefaults.FirstRetryDelay, SqliteHealthStoreDefaults.MaxRetryDelay);

    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private int _consecutiveFailures;
    private long _writtenTotal;

    /// <summary>Gets how many snapshots have been committed since start.</summary>
    public long WrittenTotal => Interlocked.Read(ref _writtenTotal);

    public void Start() => _loop = Task.Run(RunAsync, CancellationToken.None);

    /// <summary>
    /// Ends a back-off wait and waits for the writer to write what is queued and exit; the queue's stop
    /// must already be requested. A writer never started abandons what is queued instead.
    /// </summary>
    /// <returns>False when the writer had never started.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> ended the wait first.</exception>
    public async Task<bool> StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        queue.Signal();
        if (_loop is null)
        {
            queue.Abandon(new InvalidOperationException("The health store was stopped before it was started."));
            return false;
        }

        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync()
    {
        while (true)
        {
            var work = queue.Take(SqliteHealthStoreDefaults.MaxRowsPerTransaction);
            if (work is null)
            {
                queue.CompleteFlushWaiters();
                if (queue.IsStoppedAndEmpty)
                {
                    break;
                }

                await queue.WaitForWorkAsync().ConfigureAwait(false);
                continue;
            }

            var failure = Write(work);
            queue.CompleteFlushWaiters();
            if (failure is null)
            {
                continue;
            }

            _consecutiveFailures++;
            SqliteHealthStoreMetrics.WriteFailures.Add(1);
            if (queue.IsStopRequested)
            {
                queue.Abandon(failure);
                break;
            }

            await WaitBeforeRetryAsync(failure).ConfigureAwait(false);
        }

        connection.Close();
    }

    private async Task WaitBeforeRetryAsync(Exception failure)
    {
        var delay = Backoff.DelayAfter(_consecutiveFailures);

        // The delay's timer exists before the log line, so a test that advances a fake clock on seeing it never misses it.
        var waiting = Task.Delay(delay, timeProvider, _stopping.Token);
        Log.WriteFailed(logger, dataSource, SqliteFaults.DescribeCause(failure), SqliteFaults.Code(failure), _consecutiveFailures, delay.TotalSeconds, queue.QueuedRows, failure);
        try
        {
            await waiting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop makes one last attempt at what is queued.
        }
    }

    /// <summary>Writes one unit of work.</summary>
    /// <returns>The error when it failed in a way worth retrying (the unwritten rest is queued again); otherwise null.</returns>
    private Exception? Write(SqliteWriteWork work)
    {
        try
        {
            connection.EnsureReady();
        }
        catch (Exception ex) when (SqliteFaults.IsTransient(ex))
        {
            connection.Close();
            queue.PutBack(work.Batches, work.Operations, 0);
            return ex;
        }
        catch (Exception ex)
        {
            connection.Close();
            Discard(work.Batches, ex);
            FailOperations(work.Operations, 0, ex);
            return null;
        }

        return WriteSnapshots(work) ?? RunOperations(work.Operations);
    }

    private Exception? WriteSnapshots(SqliteWriteWork work)
    {
        if (work.Batches.Count == 0)
        {
            return null;
        }

        try
        {
            var rows = SqliteSnapshotStore.Insert(connection, work.Batches);
            Interlocked.Add(ref _writtenTotal, rows);
            SqliteHealthStoreMetrics.SnapshotsWritten.Add(rows);
            NoteSuccess();
        }
        catch (Exception ex) when (SqliteFaults.IsTransient(ex))
        {
            connection.Close();
            queue.PutBack(work.Batches, work.Operations, 0);
            return ex;
        }
        catch (Exception ex)
        {
            // The operations still run: an alert must not be lost for a snapshot that cannot be written.
            connection.Close();
            Discard(work.Batches, ex);
        }

        return null;
    }

    private Exception? RunOperations(List<SqliteStoreOperation> operations)
    {
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            try
            {
                RunOperation(operation);
            }
            catch (Exception ex) when (SqliteFaults.IsTransient(ex))
            {
                connection.Close();
                queue.PutBack([], operations, i);
                return ex;
            }
            catch (Exception ex)
            {
                Log.OperationFailed(logger, dataSource, SqliteFaults.DescribeCause(ex), SqliteFaults.Code(ex), ex);
                operation.Completion.TrySetException(ex);
                if (SqliteFaults.IsCorrupt(ex) || ex is InvalidOperationException)
                {
                    // The file itself is unusable: the operations behind this one would fail the same way.
                    connection.Close();
                    FailOperations(operations, i + 1, ex);
                    return null;
                }
            }
        }

        return null;
    }

    private void RunOperation(SqliteStoreOperation operation)
    {
        // Cheap when ready; reopens when a failed snapshot batch closed the connection.
        connection.EnsureReady();
        bool done;
        using (var transaction = connection.Connection.BeginTransaction(deferred: false))
        {
            done = operation.Execute(connection.Connection, transaction);
            transaction.Commit();
        }

        NoteSuccess();
        if (done || queue.IsStopRequested)
        {
            operation.OnDone?.Invoke();
            operation.Completion.TrySetResult();
        }
        else
        {
            queue.Requeue(operation);
        }
    }

    private void NoteSuccess()
    {
        var dropped = queue.TakeDroppedSinceLastWrite();
        if (_consecutiveFailures > 0)
        {
            Log.WriteRecovered(logger, dataSource, _consecutiveFailures, dropped);
            _consecutiveFailures = 0;
        }
    }

    private void Discard(List<SqliteSnapshotBatch> batches, Exception exception)
    {
        var rows = batches.Sum(b => b.Rows.Length);
        if (rows == 0)
        {
            return;
        }

        queue.CountDiscarded(rows);
        Log.BatchDiscarded(logger, dataSource, rows, SqliteFaults.DescribeCause(exception), SqliteFaults.Code(exception), exception);
    }

    private static void FailOperations(List<SqliteStoreOperation> operations, int first, Exception exception)
    {
        for (var i = first; i < operations.Count; i++)
        {
            operations[i].Completion.TrySetException(exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "SQLite health store write to {DataSource} failed: {Cause} (SQLite error {SqliteErrorCode}); attempt {Attempt}, retrying in {RetryInSeconds} s with {QueuedSnapshots} snapshots queued")]
        public static partial void WriteFailed(ILogger logger, string dataSource, string cause, int sqliteErrorCode, int attempt, double retryInSeconds, int queuedSnapshots, Exception exception);

        [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "SQLite health store writes to {DataSource} succeed again after {FailedAttempts} failed attempts; {DroppedSnapshots} snapshots were dropped meanwhile")]
        public static partial void WriteRecovered(ILogger logger, string dataSource, int failedAttempts, long droppedSnapshots);

        [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "SQLite health store discarded {Snapshots} snapshots for {DataSource}: {Cause} (SQLite error {SqliteErrorCode}), which retrying cannot cure")]
        public static partial void BatchDiscarded(ILogger logger, string dataSource, int snapshots, string cause, int sqliteErrorCode, Exception exception);

        [LoggerMessage(EventId = 3008, Level = LogLevel.Error, Message = "SQLite health store alert write to {DataSource} failed: {Cause} (SQLite error {SqliteErrorCode}), which retrying cannot cure")]
        public static partial void OperationFailed(ILogger logger, string dataSource, string cause, int sqliteErrorCode, Exception exception);
    }
}
