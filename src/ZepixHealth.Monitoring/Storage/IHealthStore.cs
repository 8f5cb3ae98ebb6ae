namespace ZepixHealth.Monitoring;

/// <summary>
/// Keeps the health history (snapshots), the alerts and the silences, for the dashboard, the operator's
/// commands and a restart. The SQLite implementation, selected with <c>.UseSqliteStore(...)</c>, is
/// the default. A store also implements <see cref="IAlertOutboxStore"/>, where alerts are written
/// with their notifications.
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

    /// <summary>
    /// Gets the history of one plugin from <paramref name="from"/> to <paramref name="to"/> (both
    /// inclusive) downsampled for a chart: one bucket per <paramref name="bucketWidth"/>, counted from
    /// <paramref name="from"/>, with the worst status and the min/avg/max of the charted figures. Buckets
    /// with no snapshot are left out. The SQLite store buckets in SQL; this default buckets
    /// <see cref="GetHistoryAsync"/> in memory.
    /// </summary>
    /// <param name="pluginId">The plugin's id.</param>
    /// <param name="from">The earliest timestamp counted, and the start of the first bucket.</param>
    /// <param name="to">The latest timestamp counted.</param>
    /// <param name="bucketWidth">The width of a bucket; 7 days in 10-minute buckets is 1,008 points.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The buckets that hold at least one snapshot, oldest first.</returns>
    /// <exception cref="ArgumentException"><paramref name="pluginId"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bucketWidth"/> is zero or negative.</exception>
    async Task<IReadOnlyList<PluginHistoryBucket>> GetHistoryBucketsAsync(string pluginId, DateTimeOffset from, DateTimeOffset to, TimeSpan bucketWidth, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginId);
        PluginHistoryBuckets.ThrowIfInvalid(from, to, bucketWidth);
        var snapshots = await GetHistoryAsync(pluginId, from, to, cancellationToken).ConfigureAwait(false);
        return PluginHistoryBuckets.FromSnapshots(snapshots, from, bucketWidth);
    }

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

    /// <summary>Inserts or replaces a silence (keyed by <see cref="AlertSilence.Id"/>).</summary>
    /// <param name="silence">The silence.</param>
    /// <param name="cancellationToken">Stops waiting; the write may still complete.</param>
    /// <returns>A task that completes when the write is durable.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="silence"/> is null.</exception>
    Task SaveSilenceAsync(AlertSilence silence, CancellationToken cancellationToken = default);

    /// <summary>Gets the silences that have not ended by <paramref name="now"/>.</summary>
    /// <param name="now">The instant; silences whose <see cref="AlertSilence.Until"/> is after it are returned.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The silences, soonest ending first.</returns>
    Task<IReadOnlyList<AlertSilence>> GetSilencesAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
