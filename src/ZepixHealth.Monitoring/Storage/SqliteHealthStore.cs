using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The default <see cref="IHealthStore"/>: SQLite through <c>Microsoft.Data.Sqlite</c>, in WAL mode where the options allow it,
/// with one background writer fed by a bounded queue.
/// </summary>
/// <remarks>
/// <para>
/// Every write goes through the <see cref="SqliteWriter"/>, on one long-lived connection, so the store
/// never competes with itself for SQLite's single write lock. Snapshots queued together (one cycle, or
/// several when the writer is catching up) are committed in one transaction; alert and outbox writes each
/// in a transaction of their own, and their tasks complete only after the commit.
/// </para>
/// <para>
/// A write that fails because the file is locked, read-only, full or cannot be opened is logged with
/// its cause and retried with exponential back-off; meanwhile snapshots keep queuing and, once
/// <see cref="SqliteHealthStoreOptions.QueueCapacity"/> is reached, the oldest are dropped and counted.
/// Alert writes are never dropped. Reads open their own (pooled) connections and never wait for the writer.
/// </para>
/// <para>
/// This class starts, stops and wires the parts: <see cref="SqliteWriteQueue"/>, <see cref="SqliteWriter"/>,
/// <see cref="SqliteWriterConnection"/> (schema), <see cref="SqliteSnapshotStore"/>, <see cref="SqliteAlertStore"/>
/// and <see cref="SqliteRetention"/>.
/// </para>
/// </remarks>
internal sealed partial class SqliteHealthStore : IHealthStore, IAlertOutboxStore, IAsyncDisposable, IDisposable
{
    private const int NotStarted = 0;
    private const int Running = 1;
    private const int Stopped = 2;

    private readonly ILogger _logger;
    private readonly string _dataSource;
    private readonly SqliteQueryRunner _reads;
    private readonly SqliteWriteQueue _queue;
    private readonly SqliteWriterConnection _connection;
    private readonly SqliteWriter _writer;
    private readonly SqliteSnapshotStore _snapshots;
    private readonly SqliteAlertStore _alerts;
    private readonly SqliteRetention _retention;
    private int _state;
    private int _disposed;

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

        var values = options.Value;
        var validation = new SqliteHealthStoreOptionsValidator().Validate(Options.DefaultName, values);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SqliteHealthStoreOptions), validation.Failures);
        }

        var settings = SqliteConnectionSettings.From(values);
        _logger = logger;
        _dataSource = settings.DataSource;
        _reads = new SqliteQueryRunner(settings);
        _queue = new SqliteWriteQueue(values.QueueCapacity, _dataSource, logger);
        _connection = new SqliteWriterConnection(settings, migrations, timeProvider, logger);
        _writer = new SqliteWriter(_queue, _connection, timeProvider, logger, _dataSource);
        _snapshots = new SqliteSnapshotStore(_queue, _reads);
        _alerts = new SqliteAlertStore(_queue, _reads);
        _retention = new SqliteRetention(values, _queue, timeProvider, logger);
    }

    /// <summary>Gets how many snapshots wait for the writer (not counting those being written).</summary>
    internal int QueuedSnapshotCount => _queue.QueuedRows;

    /// <summary>Gets how many snapshots were dropped since start because the queue was full or the store had stopped.</summary>
    internal long DroppedSnapshotCount => _queue.DroppedTotal;

    /// <summary>Gets how many snapshots have been committed since start.</summary>
    internal long WrittenSnapshotCount => _writer.WrittenTotal;

    /// <summary>Gets the retention pass started last (by the hourly timer or <see cref="RunRetentionAsync"/>).</summary>
    internal Task LastRetention => _retention.LastRun;

    /// <summary>Gets or sets a hook called on each connection the writer opens (tests use it to impose a size limit).</summary>
    internal Action<SqliteConnection>? WriterConnectionOpened
    {
        get => _connection.Opened;
        set => _connection.Opened = value;
    }

    /// <summary>Gets or sets the rows deleted per retention transaction.</summary>
    internal int RetentionBatchSize
    {
        get => _retention.BatchSize;
        set => _retention.BatchSize = value;
    }

    /// <summary>
    /// Opens the file, migrates the schema, then sets the journal mode the options allow, and starts the writer and retention.
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
            _connection.EnsureReady();
            Log.Started(_logger, _dataSource, SqliteSchema.LatestVersion);
        }
        catch (Exception ex) when (SqliteFaults.IsTransient(ex))
        {
            _connection.Close();
            Log.StartDeferred(_logger, _dataSource, SqliteFaults.DescribeCause(ex), SqliteFaults.Code(ex), ex);
        }
        catch (Exception ex) when (SqliteFaults.IsCorrupt(ex))
        {
            FailStart(ex);
            throw new InvalidOperationException(
                $"The health store cannot start: '{_dataSource}' is not a SQLite database or is corrupt ({ex.Message}). " +
                "The store will not overwrite it. Restore the file from a backup, move it aside, or set the store's ConnectionString to another file.",
                ex);
        }
        catch (InvalidOperationException ex)
        {
            FailStart(ex);
            throw;
        }

        _retention.Start();
        _writer.Start();
        return Task.CompletedTask;
    }

    /// <summary>Stops the writer after it has written everything queued (one last attempt if the database is failing).</summary>
    /// <param name="cancellationToken">Stops waiting for the writer (the host's shutdown timeout).</param>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_queue.RequestStop())
        {
            return;
        }

        await _retention.StopAsync().ConfigureAwait(false);
        try
        {
            if (!await _writer.StopAsync(cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Exchange(ref _state, Stopped);
                return;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.StopTimedOut(_logger, QueuedSnapshotCount);
            return;
        }

        Interlocked.Exchange(ref _state, Stopped);
        _connection.Close();
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
        _reads.ClearPool();
        _queue.Dispose();
        _writer.Dispose();
    }

    /// <summary>Waits until every snapshot queued before the call has been committed (or dropped).</summary>
    internal Task FlushAsync(CancellationToken cancellationToken = default) => _queue.FlushAsync(cancellationToken);

    /// <summary>
    /// Deletes snapshots older than <see cref="SqliteHealthStoreOptions.SnapshotRetention"/> and resolved alerts
    /// (with their outbox entries) resolved longer ago than <see cref="SqliteHealthStoreOptions.AlertRetention"/>,
    /// in batches of <see cref="RetentionBatchSize"/> rows, each its own short transaction, interleaved with other writes.
    /// </summary>
    internal Task RunRetentionAsync(CancellationToken cancellationToken = default) => _retention.RunAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask AppendSnapshotsAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken = default)
    {
        _snapshots.Append(snapshots);
        return default;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<PluginHealthSnapshot>> GetLatestSnapshotsAsync(CancellationToken cancellationToken = default) =>
        _snapshots.GetLatestAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<PluginHealthSnapshot>> GetHistoryAsync(
        string pluginId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        _snapshots.GetHistoryAsync(pluginId, from, to, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<PluginHistoryBucket>> GetHistoryBucketsAsync(
        string pluginId, DateTimeOffset from, DateTimeOffset to, TimeSpan bucketWidth, CancellationToken cancellationToken = default) =>
        _snapshots.GetHistoryBucketsAsync(pluginId, from, to, bucketWidth, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<HealthAlert>> GetRecentAlertsAsync(int limit, CancellationToken cancellationToken = default) =>
        _alerts.GetRecentAlertsAsync(limit, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<HealthAlert>> GetOpenAlertsAsync(CancellationToken cancellationToken = default) =>
        _alerts.GetOpenAlertsAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<HealthAlert?> GetAlertAsync(Guid alertId, CancellationToken cancellationToken = default) =>
        _alerts.GetAlertAsync(alertId, cancellationToken);

    /// <inheritdoc/>
    public Task SaveSilenceAsync(AlertSilence silence, CancellationToken cancellationToken = default) =>
        _alerts.SaveSilenceAsync(silence, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<AlertSilence>> GetSilencesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _alerts.GetSilencesAsync(now, cancellationToken);

    /// <inheritdoc/>
    public Task SaveAlertsAsync(IReadOnlyList<HealthAlert> alerts, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken = default) =>
        _alerts.SaveAlertsAsync(alerts, deliveries, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<AlertDelivery>> GetPendingDeliveriesAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken = default) =>
        _alerts.GetPendingDeliveriesAsync(dueBy, limit, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<AlertDelivery>> GetDeadLettersAsync(int limit, CancellationToken cancellationToken = default) =>
        _alerts.GetDeadLettersAsync(limit, cancellationToken);

    /// <inheritdoc />
    public Task MarkDeliveredAsync(IReadOnlyList<Guid> deliveryIds, DateTimeOffset deliveredAt, CancellationToken cancellationToken = default) =>
        _alerts.MarkDeliveredAsync(deliveryIds, deliveredAt, cancellationToken);

    /// <inheritdoc/>
    public Task MarkDeliveryFailedAsync(
        IReadOnlyList<Guid> deliveryIds, string error, DateTimeOffset failedAt, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) =>
        _alerts.MarkDeliveryFailedAsync(deliveryIds, error, failedAt, retryAt, cancellationToken);

    private void FailStart(Exception exception)
    {
        _connection.Close();
        Interlocked.Exchange(ref _state, Stopped);
        Log.Corrupt(_logger, _dataSource, exception);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "SQLite health store ready: {DataSource}, schema version {SchemaVersion}")]
        public static partial void Started(ILogger logger, string dataSource, int schemaVersion);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "SQLite health store could not open {DataSource} at start-up: {Cause} (SQLite error {SqliteErrorCode}). Monitoring continues; writes are queued and retried")]
        public static partial void StartDeferred(ILogger logger, string dataSource, string cause, int sqliteErrorCode, Exception exception);

        [LoggerMessage(EventId = 3003, Level = LogLevel.Critical, Message = "SQLite health store cannot use {DataSource}")]
        public static partial void Corrupt(ILogger logger, string dataSource, Exception exception);

        [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "SQLite health store stopped: {WrittenSnapshots} snapshots written and {DroppedSnapshots} dropped since start")]
        public static partial void Stopped(ILogger logger, long writtenSnapshots, long droppedSnapshots);

        [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "SQLite health store writer did not finish before the stop timed out; {QueuedSnapshots} snapshots were still queued")]
        public static partial void StopTimedOut(ILogger logger, int queuedSnapshots);
    }
}
