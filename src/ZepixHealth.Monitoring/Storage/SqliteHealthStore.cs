using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The default <see cref="IHealthStore"/>: SQLite through <c>Microsoft.Data.Sqlite</c>, in WAL mode,
/// with one background writer fed by a bounded queue.
/// </summary>
/// <remarks>
/// <para>
/// Every write goes through the writer, on one long-lived connection, so the store never competes
/// with itself for SQLite's single write lock. Snapshots queued together (one cycle, or several when
/// the writer is catching up) are committed in one transaction; alert and outbox writes each in a
/// transaction of their own, and their tasks complete only after the commit.
/// </para>
/// <para>
/// A write that fails because the file is locked, read-only, full or cannot be opened is logged with
/// its cause and retried with exponential back-off; meanwhile snapshots keep queuing and, once
/// <see cref="SqliteHealthStoreOptions.QueueCapacity"/> is reached, the oldest are dropped and counted.
/// Alert writes are never dropped. Reads open their own (pooled) connections and never wait for the writer.
/// </para>
/// </remarks>
internal sealed partial class SqliteHealthStore : IHealthStore, IAlertOutboxStore, IAsyncDisposable, IDisposable
{
    private const int NotStarted = 0;
    private const int Running = 1;
    private const int Stopped = 2;

    private readonly SqliteHealthStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<SqliteMigration> _migrations;
    private readonly string _connectionString;
    private readonly string _dataSource;
    private readonly string _pragmas;

    // Shared between callers and the writer; guarded by _gate.
    private readonly Lock _gate = new();
    private readonly LinkedList<SnapshotBatch> _batches = new();
    private readonly LinkedList<StoreOperation> _operations = new();
    private readonly List<FlushWaiter> _flushWaiters = [];
    private int _queuedRows;
    private long _appendSequence;
    private long _droppedTotal;
    private long _droppedSinceLastWrite;
    private bool _stopRequested;
    private bool _appendAfterStopLogged;
    private Task _retention = Task.CompletedTask;

    private readonly SemaphoreSlim _workAvailable = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private int _state;
    private int _disposed;
    private Task? _writer;
    private ITimer? _retentionTimer;

    // Owned by the writer (and by StartAsync before the writer exists).
    private SqliteConnection? _connection;
    private SqliteCommand? _insert;
    private SqliteParameter[] _insertParameters = [];
    private bool _schemaReady;
    private int _consecutiveFailures;
    private long _writtenTotal;

    public SqliteHealthStore(IOptions<SqliteHealthStoreOptions> options, TimeProvider timeProvider, ILogger<SqliteHealthStore> logger)
        : this(options, timeProvider, logger, SqliteSchema.Migrations)
    {
    }

    internal SqliteHealthStore(
        IOptions<SqliteHealthStoreOptions> options,
        TimeProvider timeProvider,
        ILogger<SqliteHealthStore> logger,
        IReadOnlyList<SqliteMigration> migrations)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(migrations);

        _options = options.Value;
        var validation = new SqliteHealthStoreOptionsValidator().Validate(Options.DefaultName, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SqliteHealthStoreOptions), validation.Failures);
        }

        _timeProvider = timeProvider;
        _logger = logger;
        _migrations = migrations;

        // Microsoft.Data.Sqlite retries busy errors itself, in whole seconds, on top of SQLite's busy_timeout.
        var busySeconds = Math.Max(1, (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds));
        var builder = new SqliteConnectionStringBuilder(_options.ConnectionString) { DefaultTimeout = busySeconds };
        _connectionString = builder.ToString();
        _dataSource = builder.DataSource;
        _pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds};");
    }

    /// <summary>Gets how many snapshots wait for the writer (not counting those being written).</summary>
    internal int QueuedSnapshotCount
    {
        get
        {
            lock (_gate)
            {
                return _queuedRows;
            }
        }
    }

    /// <summary>Gets how many snapshots were dropped since start because the queue was full or the store had stopped.</summary>
    internal long DroppedSnapshotCount => Interlocked.Read(ref _droppedTotal);

    /// <summary>Gets how many snapshots have been committed since start.</summary>
    internal long WrittenSnapshotCount => Interlocked.Read(ref _writtenTotal);

    /// <summary>Gets the retention pass started last (by the hourly timer or <see cref="RunRetentionAsync"/>).</summary>
    internal Task LastRetention
    {
        get
        {
            lock (_gate)
            {
                return _retention;
            }
        }
    }

    /// <summary>Gets or sets a hook called on each connection the writer opens (tests use it to impose a size limit).</summary>
    internal Action<SqliteConnection>? WriterConnectionOpened { get; set; }

    /// <summary>Gets or sets the rows deleted per retention transaction.</summary>
    internal int RetentionBatchSize { get; set; } = SqliteHealthStoreDefaults.RetentionBatchSize;

    /// <summary>
    /// Opens the file, sets WAL mode and migrates the schema, then starts the writer and the hourly retention.
    /// A locked, read-only or unreachable file is logged and retried by the writer; a corrupt file or
    /// a newer schema stops the start.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file is not a SQLite database, is corrupt, or has a newer schema.</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Running, NotStarted) != NotStarted)
        {
            return Task.CompletedTask;
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            EnsureReady();
            Log.Started(_logger, _dataSource, SqliteSchema.LatestVersion);
        }
        catch (Exception ex) when (SqliteFaults.IsTransient(ex))
        {
            CloseConnection();
            Log.StartDeferred(_logger, _dataSource, SqliteFaults.DescribeCause(ex), SqliteFaults.Code(ex), ex);
        }
        catch (Exception ex) when (SqliteFaults.IsCorrupt(ex))
        {
            CloseConnection();
            Interlocked.Exchange(ref _state, Stopped);
            Log.Corrupt(_logger, _dataSource, ex);
            throw new InvalidOperationException(
                $"The health store cannot start: '{_dataSource}' is not a SQLite database or is corrupt ({ex.Message}). " +
                "The store will not overwrite it. Restore the file from a backup, move it aside, or set the store's ConnectionString to another file.",
                ex);
        }
        catch (InvalidOperationException ex)
        {
            CloseConnection();
            Interlocked.Exchange(ref _state, Stopped);
            Log.Corrupt(_logger, _dataSource, ex);
            throw;
        }

        _retentionTimer = _timeProvider.CreateTimer(
            static state => ((SqliteHealthStore)state!).StartRetentionFromTimer(),
            this,
            SqliteHealthStoreDefaults.RetentionInterval,
            SqliteHealthStoreDefaults.RetentionInterval);
        _writer = Task.Run(RunWriterAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops the writer after it has written everything queued (one last attempt if the database is failing).</summary>
    /// <param name="cancellationToken">Stops waiting for the writer (the host's shutdown timeout).</param>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_stopRequested)
            {
                return;
            }

            _stopRequested = true;
        }

        if (_retentionTimer is not null)
        {
            await _retentionTimer.DisposeAsync().ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _workAvailable.Release();

        if (_writer is null)
        {
            AbandonQueued(new InvalidOperationException("The health store was stopped before it was started."));
            Interlocked.Exchange(ref _state, Stopped);
            return;
        }

        try
        {
            await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.StopTimedOut(_logger, QueuedSnapshotCount);
            return;
        }

        Interlocked.Exchange(ref _state, Stopped);
        CloseConnection();
        Log.Stopped(_logger, WrittenSnapshotCount, DroppedSnapshotCount);
    }

    /// <summary>Stops and flushes like <see cref="DisposeAsync"/>, for containers disposed synchronously.</summary>
    public void Dispose() =>
        // The writer runs on the thread pool and never needs the caller's context, so this wait cannot deadlock.
        DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);

        // Pooled reader connections keep the file open; let the host move or delete it.
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _workAvailable.Dispose();
        _stopping.Dispose();
    }

    /// <inheritdoc/>
    public ValueTask AppendSnapshotsAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count == 0)
        {
            return default;
        }

        // A copy: the caller may reuse its list for the next cycle.
        var rows = new PluginHealthSnapshot[snapshots.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = snapshots[i] ?? throw new ArgumentNullException(nameof(snapshots), $"The snapshot at index {i} is null.");
        }

        var dropped = 0;
        var firstDrop = false;
        var logAfterStop = false;
        long total;
        lock (_gate)
        {
            if (_stopRequested)
            {
                dropped = rows.Length;
                logAfterStop = !_appendAfterStopLogged;
                _appendAfterStopLogged = true;
            }
            else
            {
                _batches.AddLast(new SnapshotBatch(++_appendSequence, rows));
                _queuedRows += rows.Length;
                dropped = TrimQueue();
            }

            if (dropped > 0)
            {
                firstDrop = _droppedSinceLastWrite == 0;
                _droppedSinceLastWrite += dropped;
                _droppedTotal += dropped;
            }

            total = _droppedTotal;
        }

        if (dropped > 0)
        {
            SqliteHealthStoreMetrics.SnapshotsDropped.Add(dropped);
            if (logAfterStop)
            {
                Log.AppendAfterStop(_logger, dropped);
            }
            else if (firstDrop)
            {
                Log.SnapshotsDropped(_logger, _options.QueueCapacity, dropped, total);
            }
        }
        else
        {
            _workAvailable.Release();
        }

        return default;
    }

    /// <summary>Waits until every snapshot queued before the call has been committed (or dropped).</summary>
    internal Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var waiter = new FlushWaiter(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            waiter = waiter with { Sequence = _appendSequence };
            _flushWaiters.Add(waiter);
        }

        _workAvailable.Release();
        return waiter.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes snapshots older than <see cref="SqliteHealthStoreOptions.SnapshotRetention"/> and resolved alerts
    /// (with their outbox entries) resolved longer ago than <see cref="SqliteHealthStoreOptions.AlertRetention"/>,
    /// in batches of <see cref="RetentionBatchSize"/> rows, each its own short transaction, interleaved with other writes.
    /// </summary>
    internal Task RunRetentionAsync(CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var run = new RetentionRun(
            SqliteTime.ToDb(now - _options.SnapshotRetention),
            SqliteTime.ToDb(now - _options.AlertRetention),
            RetentionBatchSize);
        var task = EnqueueAsync(run.Execute, cancellationToken, onDone: () => Log.RetentionCompleted(_logger, run.Snapshots, run.Alerts));
        lock (_gate)
        {
            _retention = task;
        }

        return task;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PluginHealthSnapshot>> GetLatestSnapshotsAsync(CancellationToken cancellationToken = default)
    {
        // A skip-scan over the (plugin_id, timestamp) index: one seek per plugin to find the next id,
        // one to find its newest row. GROUP BY would read every row of the index.
        var sql =
            $"""
            WITH RECURSIVE plugins(id) AS (
                SELECT (SELECT min(plugin_id) FROM plugin_health_snapshots)
                UNION ALL
                SELECT (SELECT min(plugin_id) FROM plugin_health_snapshots WHERE plugin_id > plugins.id)
                FROM plugins WHERE plugins.id IS NOT NULL
            )
            SELECT {SqliteSnapshotRows.SelectList}
            FROM plugins
            JOIN plugin_health_snapshots AS s ON s.id = (
                SELECT l.id FROM plugin_health_snapshots AS l
                WHERE l.plugin_id = plugins.id
                ORDER BY l.timestamp DESC, l.id DESC
                LIMIT 1)
            WHERE plugins.id IS NOT NULL
            ORDER BY plugins.id;
            """;
        return await QueryAsync(sql, null, SqliteSnapshotRows.Read, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PluginHealthSnapshot>> GetHistoryAsync(
        string pluginId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginId);
        var sql =
            $"""
            SELECT {SqliteSnapshotRows.SelectList}
            FROM plugin_health_snapshots AS s
            WHERE s.plugin_id = $plugin_id AND s.timestamp >= $from AND s.timestamp <= $to
            ORDER BY s.timestamp, s.id;
            """;
        return await QueryAsync(
            sql,
            p =>
            {
                p.AddWithValue("$plugin_id", pluginId);
                p.AddWithValue("$from", SqliteTime.ToDb(from));
                p.AddWithValue("$to", SqliteTime.ToDb(to));
            },
            SqliteSnapshotRows.Read,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<HealthAlert>> GetRecentAlertsAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await QueryAsync(
            $"SELECT {SqliteAlertRows.AlertSelectList} FROM health_alerts ORDER BY raised_at DESC, id DESC LIMIT $limit;",
            p => p.AddWithValue("$limit", limit),
            SqliteAlertRows.ReadAlert,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<HealthAlert>> GetOpenAlertsAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync(
            $"SELECT {SqliteAlertRows.AlertSelectList} FROM health_alerts WHERE resolved = 0 ORDER BY raised_at, id;",
            null,
            SqliteAlertRows.ReadAlert,
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<HealthAlert?> GetAlertAsync(Guid alertId, CancellationToken cancellationToken = default)
    {
        var found = await QueryAsync(
            $"SELECT {SqliteAlertRows.AlertSelectList} FROM health_alerts WHERE id = $id;",
            p => p.AddWithValue("$id", SqliteAlertRows.GuidText(alertId)),
            SqliteAlertRows.ReadAlert,
            cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc/>
    public Task SaveSilenceAsync(AlertSilence silence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silence);
        return EnqueueAsync(
            (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = SqliteSilenceRows.UpsertSql;
                SqliteSilenceRows.Bind(command, silence);
                command.ExecuteNonQuery();
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AlertSilence>> GetSilencesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await QueryAsync(
            $"SELECT {SqliteSilenceRows.SelectList} FROM health_alert_silences WHERE until > $now ORDER BY until, id;",
            p => p.AddWithValue("$now", SqliteTime.ToDb(now)),
            SqliteSilenceRows.Read,
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public Task SaveAlertsAsync(IReadOnlyList<HealthAlert> alerts, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(deliveries);
        var alertRows = alerts.ToArray();
        var deliveryRows = deliveries.ToArray();
        if (Array.IndexOf(alertRows, null) >= 0)
        {
            throw new ArgumentNullException(nameof(alerts), "An alert is null.");
        }

        if (Array.IndexOf(deliveryRows, null) >= 0)
        {
            throw new ArgumentNullException(nameof(deliveries), "A delivery is null.");
        }

        return EnqueueAsync(
            (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = SqliteAlertRows.UpsertAlertSql;
                foreach (var alert in alertRows)
                {
                    SqliteAlertRows.BindAlert(command, alert);
                    command.ExecuteNonQuery();
                }

                command.CommandText = SqliteAlertRows.InsertDeliverySql;
                foreach (var delivery in deliveryRows)
                {
                    SqliteAlertRows.BindDelivery(command, delivery);
                    command.ExecuteNonQuery();
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AlertDelivery>> GetPendingDeliveriesAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await QueryAsync(
            $"""
            SELECT {SqliteAlertRows.DeliverySelectList} FROM health_alert_deliveries
            WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $due
            ORDER BY next_attempt_at, created_at, id
            LIMIT $limit;
            """,
            p =>
            {
                p.AddWithValue("$due", SqliteTime.ToDb(dueBy));
                p.AddWithValue("$limit", limit);
            },
            SqliteAlertRows.ReadDelivery,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task MarkDeliveredAsync(IReadOnlyList<Guid> deliveryIds, DateTimeOffset deliveredAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        var ids = deliveryIds.ToArray();
        return EnqueueAsync(
            (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "UPDATE health_alert_deliveries SET delivered_at = $at WHERE id = $id;";
                var at = command.Parameters.AddWithValue("$at", SqliteTime.ToDb(deliveredAt));
                var id = command.Parameters.Add("$id", SqliteType.Text);
                foreach (var deliveryId in ids)
                {
                    id.Value = SqliteAlertRows.GuidText(deliveryId);
                    command.ExecuteNonQuery();
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task MarkDeliveryFailedAsync(
        IReadOnlyList<Guid> deliveryIds, string error, DateTimeOffset failedAt, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        ArgumentNullException.ThrowIfNull(error);
        var ids = deliveryIds.ToArray();
        return EnqueueAsync(
            (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText =
                    """
                    UPDATE health_alert_deliveries
                    SET attempts = attempts + 1, last_error = $error,
                        next_attempt_at = coalesce($retry_at, next_attempt_at),
                        failed_at = CASE WHEN $retry_at IS NULL THEN $failed_at ELSE NULL END
                    WHERE id = $id;
                    """;
                command.Parameters.AddWithValue("$error", error);
                command.Parameters.AddWithValue("$retry_at", SqliteTime.ToDb(retryAt));
                command.Parameters.AddWithValue("$failed_at", SqliteTime.ToDb(failedAt));
                var id = command.Parameters.Add("$id", SqliteType.Text);
                foreach (var deliveryId in ids)
                {
                    id.Value = SqliteAlertRows.GuidText(deliveryId);
                    command.ExecuteNonQuery();
                }

                return true;
            },
            cancellationToken);
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, Action<SqliteParameterCollection>? bind, Func<SqliteDataReader, T> map, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            command.CommandText = sql;
            bind?.Invoke(command.Parameters);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var results = new List<T>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    results.Add(map(reader));
                }

                return results;
            }
        }
    }

    private Task EnqueueAsync(Func<SqliteConnection, SqliteTransaction, bool> execute, CancellationToken cancellationToken, Action? onDone = null)
    {
        var operation = new StoreOperation(execute, onDone);
        lock (_gate)
        {
            if (_stopRequested)
            {
                return Task.FromException(new ObjectDisposedException(nameof(SqliteHealthStore), "The health store has stopped; the write was not made."));
            }

            _operations.AddLast(operation);
        }

        _workAvailable.Release();
        return operation.Completion.Task.WaitAsync(cancellationToken);
    }

    private void StartRetentionFromTimer()
    {
        lock (_gate)
        {
            if (_stopRequested || !_retention.IsCompleted)
            {
                return;
            }
        }

        // Failures are logged by the writer; observe them here so that none goes unobserved.
        _ = RunRetentionAsync().ContinueWith(
            static t => _ = t.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Drops the oldest queued snapshots beyond the capacity. Called under <see cref="_gate"/>.</summary>
    private int TrimQueue()
    {
        var capacity = _options.QueueCapacity;
        var dropped = 0;
        while (_queuedRows > capacity && _batches.Count > 1)
        {
            var oldest = _batches.First!.Value;
            _batches.RemoveFirst();
            _queuedRows -= oldest.Rows.Length;
            dropped += oldest.Rows.Length;
        }

        if (_queuedRows > capacity)
        {
            // A single cycle larger than the whole queue: keep its last rows.
            var only = _batches.First!.Value;
            var excess = _queuedRows - capacity;
            _batches.First.Value = only with { Rows = only.Rows[excess..] };
            _queuedRows = capacity;
            dropped += excess;
        }

        return dropped;
    }

    private async Task RunWriterAsync()
    {
        while (true)
        {
            var work = TakeWork();
            if (work is null)
            {
                CompleteFlushWaiters();
                lock (_gate)
                {
                    if (_stopRequested && _operations.Count == 0 && _batches.Count == 0)
                    {
                        break;
                    }
                }

                await _workAvailable.WaitAsync().ConfigureAwait(false);
                continue;
            }

            var failure = Process(work);
            CompleteFlushWaiters();
            if (failure is null)
            {
                continue;
            }

            _consecutiveFailures++;
            SqliteHealthStoreMetrics.WriteFailures.Add(1);
            bool stopping;
            lock (_gate)
            {
                stopping = _stopRequested;
            }

            if (stopping)
            {
                AbandonQueued(failure);
                break;
            }

            var delay = RetryDelay(_consecutiveFailures);
            // The delay's timer exists before the log line, so a test that advances a fake clock on seeing it never misses it.
            var waiting = Task.Delay(delay, _timeProvider, _stopping.Token);
            Log.WriteFailed(_logger, _dataSource, SqliteFaults.DescribeCause(failure), SqliteFaults.Code(failure), _consecutiveFailures, delay.TotalSeconds, QueuedSnapshotCount, failure);
            try
            {
                await waiting.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the loop makes one last attempt at what is queued.
            }
        }

        CloseConnection();
    }

    private static TimeSpan RetryDelay(int failures) =>
        new ExponentialBackoff(SqliteHealthStoreDefaults.FirstRetryDelay, SqliteHealthStoreDefaults.MaxRetryDelay).DelayAfter(failures);

    private Work? TakeWork()
    {
        lock (_gate)
        {
            if (_operations.Count == 0 && _batches.Count == 0)
            {
                return null;
            }

            var operations = _operations.ToList();
            _operations.Clear();

            var batches = new List<SnapshotBatch>();
            var rows = 0;
            while (_batches.First is { } node && (batches.Count == 0 || rows + node.Value.Rows.Length <= SqliteHealthStoreDefaults.MaxRowsPerTransaction))
            {
                batches.Add(node.Value);
                rows += node.Value.Rows.Length;
                _batches.RemoveFirst();
            }

            _queuedRows -= rows;
            return new Work(batches, operations);
        }
    }

    /// <summary>Writes one unit of work; returns the error when it failed in a way worth retrying (the unwritten rest is queued again).</summary>
    private Exception? Process(Work work)
    {
        try
        {
            EnsureReady();
        }
        catch (Exception ex) when (SqliteFaults.IsTransient(ex))
        {
            CloseConnection();
            PutBack(work.Batches, work.Operations, 0);
            return ex;
        }
        catch (Exception ex)
        {
            CloseConnection();
            Discard(work.Batches, ex);
            FailOperations(work.Operations, 0, ex);
            return null;
        }

        if (work.Batches.Count > 0)
        {
            try
            {
                var rows = WriteBatches(work.Batches);
                Interlocked.Add(ref _writtenTotal, rows);
                SqliteHealthStoreMetrics.SnapshotsWritten.Add(rows);
                NoteSuccess();
            }
            catch (Exception ex) when (SqliteFaults.IsTransient(ex))
            {
                CloseConnection();
                PutBack(work.Batches, work.Operations, 0);
                return ex;
            }
            catch (Exception ex)
            {
                CloseConnection();
                Discard(work.Batches, ex);
            }
        }

        for (var i = 0; i < work.Operations.Count; i++)
        {
            var operation = work.Operations[i];
            try
            {
                // Cheap when ready; reopens when a failed snapshot batch closed the connection.
                EnsureReady();
                bool done;
                using (var transaction = _connection!.BeginTransaction(deferred: false))
                {
                    done = operation.Execute(_connection, transaction);
                    transaction.Commit();
                }

                NoteSuccess();
                if (done || IsStopRequested())
                {
                    operation.OnDone?.Invoke();
                    operation.Completion.TrySetResult();
                }
                else
                {
                    lock (_gate)
                    {
                        // Behind whatever arrived meanwhile: a long retention pass never starves snapshot writes.
                        _operations.AddLast(operation);
                    }
                }
            }
            catch (Exception ex) when (SqliteFaults.IsTransient(ex))
            {
                CloseConnection();
                PutBack([], work.Operations, i);
                return ex;
            }
            catch (Exception ex)
            {
                Log.OperationFailed(_logger, _dataSource, SqliteFaults.DescribeCause(ex), SqliteFaults.Code(ex), ex);
                operation.Completion.TrySetException(ex);
                if (SqliteFaults.IsCorrupt(ex) || ex is InvalidOperationException)
                {
                    CloseConnection();
                    FailOperations(work.Operations, i + 1, ex);
                    return null;
                }
            }
        }

        return null;
    }

    private int WriteBatches(List<SnapshotBatch> batches)
    {
        var connection = _connection!;
        var insert = _insert!;
        var parameters = _insertParameters;
        var rows = 0;
        using var transaction = connection.BeginTransaction(deferred: false);
        insert.Transaction = transaction;
        foreach (var batch in batches)
        {
            foreach (var snapshot in batch.Rows)
            {
                SqliteSnapshotRows.Bind(parameters, snapshot);
                insert.ExecuteNonQuery();
            }

            rows += batch.Rows.Length;
        }

        transaction.Commit();
        insert.Transaction = null;
        return rows;
    }

    private void EnsureReady()
    {
        if (_connection is null)
        {
            var connection = new SqliteConnection(_connectionString);
            try
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = _pragmas + " PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
                command.ExecuteNonQuery();
                WriterConnectionOpened?.Invoke(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            _connection = connection;
        }

        if (!_schemaReady)
        {
            var (from, to) = SqliteSchemaMigrator.Migrate(_connection, _migrations, _timeProvider, _dataSource);
            if (from != to)
            {
                Log.Migrated(_logger, _dataSource, from, to);
            }

            _schemaReady = true;
        }

        if (_insert is null)
        {
            _insert = SqliteSnapshotRows.CreateInsert(_connection, out _insertParameters);
            _insert.Prepare();
        }
    }

    private void CloseConnection()
    {
        _insert?.Dispose();
        _insert = null;
        _insertParameters = [];
        if (_connection is not null)
        {
            // Really close the file: a pooled handle would keep a deleted file's inode, or a broken
            // connection's state, and the next attempt must see the file as it is now.
            SqliteConnection.ClearPool(_connection);
            _connection.Dispose();
            _connection = null;
        }

        // The file may have been replaced or its folder recreated: check the schema again on reopening.
        _schemaReady = false;
    }

    private void NoteSuccess()
    {
        long dropped;
        lock (_gate)
        {
            dropped = _droppedSinceLastWrite;
            _droppedSinceLastWrite = 0;
        }

        if (_consecutiveFailures > 0)
        {
            Log.WriteRecovered(_logger, _dataSource, _consecutiveFailures, dropped);
            _consecutiveFailures = 0;
        }
    }

    private bool IsStopRequested()
    {
        lock (_gate)
        {
            return _stopRequested;
        }
    }

    private void PutBack(List<SnapshotBatch> batches, List<StoreOperation> operations, int firstOperation)
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

            dropped = TrimQueue();
            _droppedSinceLastWrite += dropped;
            _droppedTotal += dropped;
            total = _droppedTotal;
        }

        if (dropped > 0)
        {
            SqliteHealthStoreMetrics.SnapshotsDropped.Add(dropped);
            Log.SnapshotsDropped(_logger, _options.QueueCapacity, dropped, total);
        }
    }

    private void Discard(List<SnapshotBatch> batches, Exception exception)
    {
        var rows = batches.Sum(b => b.Rows.Length);
        if (rows == 0)
        {
            return;
        }

        lock (_gate)
        {
            _droppedTotal += rows;
        }

        SqliteHealthStoreMetrics.SnapshotsDropped.Add(rows);
        Log.BatchDiscarded(_logger, _dataSource, rows, SqliteFaults.DescribeCause(exception), SqliteFaults.Code(exception), exception);
    }

    private static void FailOperations(List<StoreOperation> operations, int first, Exception exception)
    {
        for (var i = first; i < operations.Count; i++)
        {
            operations[i].Completion.TrySetException(exception);
        }
    }

    private void AbandonQueued(Exception cause)
    {
        List<StoreOperation> operations;
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
        FailOperations(operations, 0, error);
        CompleteFlushWaiters();
    }

    private void CompleteFlushWaiters()
    {
        List<FlushWaiter>? done = null;
        lock (_gate)
        {
            if (_flushWaiters.Count == 0)
            {
                return;
            }

            var oldestPending = _batches.First?.Value.Sequence ?? long.MaxValue;
            for (var i = _flushWaiters.Count - 1; i >= 0; i--)
            {
                if (_flushWaiters[i].Sequence < oldestPending)
                {
                    (done ??= []).Add(_flushWaiters[i]);
                    _flushWaiters.RemoveAt(i);
                }
            }
        }

        if (done is not null)
        {
            foreach (var waiter in done)
            {
                waiter.Completion.TrySetResult();
            }
        }
    }

    private sealed record SnapshotBatch(long Sequence, PluginHealthSnapshot[] Rows);

    private sealed record FlushWaiter(TaskCompletionSource Completion, long Sequence = 0);

    private sealed record Work(List<SnapshotBatch> Batches, List<StoreOperation> Operations);

    /// <summary>An awaited write. <see cref="Execute"/> returns false when it has more to do and wants to run again later.</summary>
    private sealed class StoreOperation(Func<SqliteConnection, SqliteTransaction, bool> execute, Action? onDone)
    {
        public Func<SqliteConnection, SqliteTransaction, bool> Execute { get; } = execute;

        public Action? OnDone { get; } = onDone;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One retention pass: each call deletes one batch of each kind.</summary>
    private sealed class RetentionRun(long snapshotCutoff, long alertCutoff, int batchSize)
    {
        // Walks the plugin ids through the (plugin_id, timestamp) index, so that each batch reads only rows it deletes.
        private const string DeleteSnapshots =
            """
            WITH RECURSIVE plugins(id) AS (
                SELECT (SELECT min(plugin_id) FROM plugin_health_snapshots)
                UNION ALL
                SELECT (SELECT min(plugin_id) FROM plugin_health_snapshots WHERE plugin_id > plugins.id)
                FROM plugins WHERE plugins.id IS NOT NULL
            )
            DELETE FROM plugin_health_snapshots WHERE id IN (
                SELECT s.id FROM plugins
                JOIN plugin_health_snapshots AS s ON s.plugin_id = plugins.id AND s.timestamp < $cutoff
                WHERE plugins.id IS NOT NULL
                LIMIT $batch);
            """;

        public long Snapshots { get; private set; }

        public long Alerts { get; private set; }

        public bool Execute(SqliteConnection connection, SqliteTransaction transaction)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = DeleteSnapshots;
            command.Parameters.AddWithValue("$cutoff", snapshotCutoff);
            command.Parameters.AddWithValue("$batch", batchSize);
            var snapshots = command.ExecuteNonQuery();
            Snapshots += snapshots;

            command.Parameters.Clear();
            command.CommandText = "SELECT id FROM health_alerts WHERE resolved = 1 AND resolved_at < $cutoff ORDER BY resolved_at, id LIMIT $batch;";
            command.Parameters.AddWithValue("$cutoff", alertCutoff);
            command.Parameters.AddWithValue("$batch", batchSize);
            var alertIds = new List<string>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    alertIds.Add(reader.GetString(0));
                }
            }

            command.CommandText = "DELETE FROM health_alert_deliveries WHERE alert_id = $id; DELETE FROM health_alerts WHERE id = $id;";
            command.Parameters.Clear();
            var id = command.Parameters.Add("$id", SqliteType.Text);
            foreach (var alertId in alertIds)
            {
                id.Value = alertId;
                command.ExecuteNonQuery();
            }

            Alerts += alertIds.Count;
            return snapshots < batchSize && alertIds.Count < batchSize;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "SQLite health store ready: {DataSource}, schema version {SchemaVersion}")]
        public static partial void Started(ILogger logger, string dataSource, int schemaVersion);

        [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "SQLite health store schema in {DataSource} migrated from version {FromVersion} to {ToVersion}")]
        public static partial void Migrated(ILogger logger, string dataSource, int fromVersion, int toVersion);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "SQLite health store could not open {DataSource} at start-up: {Cause} (SQLite error {SqliteErrorCode}). Monitoring continues; writes are queued and retried")]
        public static partial void StartDeferred(ILogger logger, string dataSource, string cause, int sqliteErrorCode, Exception exception);

        [LoggerMessage(EventId = 3003, Level = LogLevel.Critical, Message = "SQLite health store cannot use {DataSource}")]
        public static partial void Corrupt(ILogger logger, string dataSource, Exception exception);

        [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "SQLite health store write to {DataSource} failed: {Cause} (SQLite error {SqliteErrorCode}); attempt {Attempt}, retrying in {RetryInSeconds} s with {QueuedSnapshots} snapshots queued")]
        public static partial void WriteFailed(ILogger logger, string dataSource, string cause, int sqliteErrorCode, int attempt, double retryInSeconds, int queuedSnapshots, Exception exception);

        [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "SQLite health store writes to {DataSource} succeed again after {FailedAttempts} failed attempts; {DroppedSnapshots} snapshots were dropped meanwhile")]
        public static partial void WriteRecovered(ILogger logger, string dataSource, int failedAttempts, long droppedSnapshots);

        [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "SQLite health store write queue is full ({QueueCapacity} snapshots): dropped the {DroppedSnapshots} oldest ({TotalDropped} since start). Further drops are reported when writes recover")]
        public static partial void SnapshotsDropped(ILogger logger, int queueCapacity, int droppedSnapshots, long totalDropped);

        [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "SQLite health store discarded {Snapshots} snapshots for {DataSource}: {Cause} (SQLite error {SqliteErrorCode}), which retrying cannot cure")]
        public static partial void BatchDiscarded(ILogger logger, string dataSource, int snapshots, string cause, int sqliteErrorCode, Exception exception);

        [LoggerMessage(EventId = 3008, Level = LogLevel.Error, Message = "SQLite health store alert write to {DataSource} failed: {Cause} (SQLite error {SqliteErrorCode}), which retrying cannot cure")]
        public static partial void OperationFailed(ILogger logger, string dataSource, string cause, int sqliteErrorCode, Exception exception);

        [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "SQLite health store retention deleted {Snapshots} snapshots and {Alerts} resolved alerts")]
        public static partial void RetentionCompleted(ILogger logger, long snapshots, long alerts);

        [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "SQLite health store stopped: {WrittenSnapshots} snapshots written and {DroppedSnapshots} dropped since start")]
        public static partial void Stopped(ILogger logger, long writtenSnapshots, long droppedSnapshots);

        [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "SQLite health store stopped with {Snapshots} snapshots and {Operations} alert writes unwritten to {DataSource}: {Cause}")]
        public static partial void LostAtStop(ILogger logger, string dataSource, int snapshots, int operations, string cause, Exception exception);

        [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "SQLite health store has stopped; {Snapshots} snapshots appended after the stop were dropped (reported once)")]
        public static partial void AppendAfterStop(ILogger logger, int snapshots);

        [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "SQLite health store writer did not finish before the stop timed out; {QueuedSnapshots} snapshots were still queued")]
        public static partial void StopTimedOut(ILogger logger, int queuedSnapshots);
    }
}
