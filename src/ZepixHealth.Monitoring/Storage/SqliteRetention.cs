using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Deletes what is older than the retention options, every <see cref="SqliteHealthStoreOptions.RetentionInterval"/>,
/// the first time <see cref="SqliteHealthStoreOptions.RetentionStartDelay"/> after start (a host that
/// restarts more often than the interval must still delete), as <see cref="SqliteRetentionPass"/> operations on the write queue.
/// </summary>
internal sealed partial class SqliteRetention(SqliteHealthStoreOptions options, SqliteWriteQueue queue, TimeProvider timeProvider, ILogger logger)
{
    private readonly Lock _gate = new();
    private Task _lastRun = Task.CompletedTask;
    private ITimer? _timer;

    /// <summary>Gets or sets the rows of each kind deleted per transaction.</summary>
    public int BatchSize { get; set; } = SqliteHealthStoreDefaults.RetentionBatchSize;

    /// <summary>Gets the pass started last, by the timer or <see cref="RunAsync"/>.</summary>
    public Task LastRun
    {
        get
        {
            lock (_gate)
            {
                return _lastRun;
            }
        }
    }

    public void Start() =>
        _timer = timeProvider.CreateTimer(
            static state => ((SqliteRetention)state!).RunFromTimer(),
            this,
            options.RetentionStartDelay,
            options.RetentionInterval);

    public async ValueTask StopAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Queues a pass with cutoffs taken from the clock now.</summary>
    /// <returns>A task that completes when the pass has deleted everything past retention.</returns>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var pass = new SqliteRetentionPass(
            SqliteTime.ToDb(now - options.SnapshotRetention),
            SqliteTime.ToDb(now - options.AlertRetention),
            BatchSize,
            options.Rollups.Count == 0 ? null : new SqliteRollupPass(options, now, BatchSize));
        var task = queue.EnqueueAsync(
            new SqliteStoreOperation(pass.Execute, () => Log.RetentionCompleted(logger, pass.Snapshots, pass.Alerts)),
            cancellationToken);
        lock (_gate)
        {
            _lastRun = task;
        }

        return task;
    }

    private void RunFromTimer()
    {
        // One pass at a time: a pass still deleting when the hour comes round covers the next one too.
        if (queue.IsStopRequested || !LastRun.IsCompleted)
        {
            return;
        }

        // Failures are logged by the writer; observe them here so that none goes unobserved.
        _ = RunAsync(CancellationToken.None).ContinueWith(
            static t => _ = t.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "SQLite health store retention deleted {Snapshots} snapshots and {Alerts} resolved alerts")]
        public static partial void RetentionCompleted(ILogger logger, long snapshots, long alerts);
    }
}
