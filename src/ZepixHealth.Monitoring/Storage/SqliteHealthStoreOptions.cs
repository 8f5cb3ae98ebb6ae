namespace ZepixHealth.Monitoring;

/// <summary>
/// Options of the SQLite health store, set with <c>.UseSqliteStore(...)</c>. Validated at start-up:
/// a bad value stops the host with a message that names the option and the value.
/// </summary>
public sealed class SqliteHealthStoreOptions
{
    /// <summary>
    /// Gets or sets the <c>Microsoft.Data.Sqlite</c> connection string of the database file. The file
    /// may be the host's own database: the store touches only its own tables.
    /// </summary>
    /// <value>Default <c>Data Source=zepix_bot.db</c>. Must name a file (not <c>:memory:</c>).</value>
    public string ConnectionString { get; set; } = SqliteHealthStoreDefaults.ConnectionString;

    /// <summary>Gets or sets how long snapshots are kept; older ones are deleted in small batches every hour.</summary>
    /// <value>Default 7 days; greater than zero and at most 3650 days.</value>
    public TimeSpan SnapshotRetention { get; set; } = SqliteHealthStoreDefaults.SnapshotRetention;

    /// <summary>
    /// Gets the roll-up levels that keep history past <see cref="SnapshotRetention"/>, finest first: for
    /// example 5-minute buckets for 30 days, then hourly buckets for 365 days. Retention folds snapshots
    /// into the first level before it deletes them, and each level into the next. History buckets
    /// (the dashboard's charts) read the roll-ups where full rows are gone.
    /// </summary>
    /// <value>Default empty: snapshots are deleted at <see cref="SnapshotRetention"/>. At most 8 levels.</value>
    public IList<SqliteRollupLevel> Rollups { get; } = [];

    /// <summary>Gets or sets how long resolved alerts (and their outbox entries) are kept after they resolved. Firing alerts are never deleted.</summary>
    /// <value>Default 90 days; greater than zero and at most 3650 days.</value>
    public TimeSpan AlertRetention { get; set; } = SqliteHealthStoreDefaults.AlertRetention;

    /// <summary>
    /// Gets or sets how many snapshots may wait for the background writer. When the database cannot be
    /// written for a while and the queue is full, the oldest snapshots are dropped and counted; alerts
    /// are never dropped.
    /// </summary>
    /// <value>Default 10,000 snapshots; between 1 and 10,000,000.</value>
    public int QueueCapacity { get; set; } = SqliteHealthStoreDefaults.QueueCapacity;

    /// <summary>
    /// Gets or sets how long a write waits for another connection (for example the host's) to release
    /// the database before the attempt fails and is retried later with back-off. Applied as SQLite's
    /// <c>busy_timeout</c>; <c>Microsoft.Data.Sqlite</c> rounds its own retry up to whole seconds.
    /// </summary>
    /// <value>Default 5 seconds; greater than zero and at most 5 minutes.</value>
    public TimeSpan BusyTimeout { get; set; } = SqliteHealthStoreDefaults.BusyTimeout;

    /// <summary>
    /// Gets or sets whether the store may switch the file to WAL, a setting of the whole file. Nothing
    /// is changed before the schema version check has passed.
    /// </summary>
    /// <value>
    /// Default <see cref="SqliteJournalMode.Auto"/>: WAL for a file of the store's own; a file that holds
    /// other tables keeps its mode (logged once).
    /// </value>
    public SqliteJournalMode JournalMode { get; set; } = SqliteJournalMode.Auto;

    /// <summary>
    /// Gets or sets how often retention runs. The first pass runs <see cref="RetentionStartDelay"/> after
    /// start, so that a host that restarts more often than this still deletes old rows.
    /// </summary>
    /// <value>Default 1 hour; at least 1 minute and at most 7 days.</value>
    public TimeSpan RetentionInterval { get; set; } = SqliteHealthStoreDefaults.RetentionInterval;

    /// <summary>Gets or sets how long after start the first retention pass runs (after the first cycles are written).</summary>
    /// <value>Default 1 minute; zero to <see cref="RetentionInterval"/>.</value>
    public TimeSpan RetentionStartDelay { get; set; } = SqliteHealthStoreDefaults.RetentionStartDelay;
}
