namespace ZepixHealth.Monitoring;

/// <summary>
/// Keeps the health history (snapshots) and every alert with its outbox of notifications. The SQLite
/// implementation, selected with <c>.UseSqliteStore(...)</c>, is the default.
/// </summary>
/// <remarks>
/// Snapshots are written in the background: <see cref="AppendSnapshotsAsync"/> only queues them, so a
/// monitoring cycle never waits on the disk, and when the queue is full the oldest snapshots are
/// dropped (and counted). Alert and outbox writes are awaited and never dropped: when their task
/// completes, they are durable. Timestamps are stored in UTC and read back as UTC.
/// </remarks>
public interface IHealthStore
{
    /// <summary>
    /// Queues the snapshots of one cycle for writing, in one transaction, by the store's background
    /// writer. Never blocks and never waits on the disk.
    /// </summary>
    /// <param name="snapshots">The cycle's snapshots; may be empty.</param>
    /// <param name="cancellationToken">Not observed by the SQLite store, which only queues; present for other stores.</param>
    /// <returns>A task that completes when the snapshots are queued (synchronously for the SQLite store).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshots"/> or one of its items is null.</exception>
    ValueTask AppendSnapshotsAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken = default);

    /// <summary>Gets the most recent stored snapshot of every plugin that has one.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One snapshot per plugin, ordered by plugin id.</returns>
    Task<IReadOnlyList<PluginHealthSnapshot>> GetLatestSnapshotsAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the stored snapshots of one plugin taken from <paramref name="from"/> to <paramref name="to"/>, both inclusive.</summary>
    /// <param name="pluginId">The plugin's id.</param>
    /// <param name="from">The earliest timestamp returned.</param>
    /// <param name="to">The latest timestamp returned.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The snapshots, oldest first.</returns>
    /// <exception cref="ArgumentException"><paramref name="pluginId"/> is null, empty or white space.</exception>
    Task<IReadOnlyList<PluginHealthSnapshot>> GetHistoryAsync(string pluginId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Gets the most recently raised alerts, firing or resolved.</summary>
    /// <param name="limit">The most alerts returned; greater than zero.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The alerts, newest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is zero or negative.</exception>
    Task<IReadOnlyList<HealthAlert>> GetRecentAlertsAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Gets every alert that is still firing, for example to resume them after a restart.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The open alerts, oldest first.</returns>
    Task<IReadOnlyList<HealthAlert>> GetOpenAlertsAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets one alert by id, firing or resolved.</summary>
    /// <param name="alertId">The alert's id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The alert, or <see langword="null"/> when the store has none with that id (or retention removed it).</returns>
    Task<HealthAlert?> GetAlertAsync(Guid alertId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or replaces alerts (keyed by <see cref="HealthAlert.Id"/>) and enqueues outbox entries,
    /// all in one transaction. When the returned task completes, both are durable; only then may a sink
    /// see the notification.
    /// </summary>
    /// <param name="alerts">The alerts to insert or replace; may be empty.</param>
    /// <param name="deliveries">The outbox entries to add; may be empty. An entry whose id already exists is left as it is.</param>
    /// <param name="cancellationToken">Stops waiting; the write may still complete.</param>
    /// <returns>A task that completes when the write is durable.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="alerts"/>, <paramref name="deliveries"/> or one of their items is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the write completed.</exception>
    Task SaveAlertsAsync(IReadOnlyList<HealthAlert> alerts, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken = default);

    /// <summary>Gets outbox entries that are neither delivered nor given up and are due by <paramref name="dueBy"/>.</summary>
    /// <param name="dueBy">Only entries whose <see cref="AlertDelivery.NextAttemptAt"/> is at or before this instant are returned.</param>
    /// <param name="limit">The most entries returned; greater than zero.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The entries, earliest due first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is zero or negative.</exception>
    Task<IReadOnlyList<AlertDelivery>> GetPendingDeliveriesAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken = default);

    /// <summary>Marks outbox entries as delivered.</summary>
    /// <param name="deliveryIds">The entries' ids; unknown ids are ignored.</param>
    /// <param name="deliveredAt">When they were delivered.</param>
    /// <param name="cancellationToken">Stops waiting; the write may still complete.</param>
    /// <returns>A task that completes when the change is durable.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deliveryIds"/> is null.</exception>
    Task MarkDeliveredAsync(IReadOnlyList<Guid> deliveryIds, DateTimeOffset deliveredAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a failed attempt to send outbox entries: counts the attempt and keeps the error, then
    /// either schedules the next attempt at <paramref name="retryAt"/> or, when it is <see langword="null"/>,
    /// gives the entries up (sets <see cref="AlertDelivery.FailedAt"/> to <paramref name="failedAt"/>).
    /// </summary>
    /// <param name="deliveryIds">The entries' ids; unknown ids are ignored.</param>
    /// <param name="error">What went wrong, for the operator.</param>
    /// <param name="failedAt">When the attempt failed.</param>
    /// <param name="retryAt">When to try again; <see langword="null"/> to give up.</param>
    /// <param name="cancellationToken">Stops waiting; the write may still complete.</param>
    /// <returns>A task that completes when the change is durable.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deliveryIds"/> or <paramref name="error"/> is null.</exception>
    Task MarkDeliveryFailedAsync(IReadOnlyList<Guid> deliveryIds, string error, DateTimeOffset failedAt, DateTimeOffset? retryAt, CancellationToken cancellationToken = default);
}
