namespace ZepixHealth.Monitoring;

/// <summary>The defaults and limits of <see cref="SqliteHealthStoreOptions"/> and the store's fixed tuning, in one place.</summary>
internal static class SqliteHealthStoreDefaults
{
    public const string SectionName = "PluginHealth:Sqlite";
    public const string ConnectionString = "Data Source=zepix_bot.db";

    public static readonly TimeSpan SnapshotRetention = TimeSpan.FromDays(7);
    public static readonly TimeSpan AlertRetention = TimeSpan.FromDays(90);
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);
    public const int QueueCapacity = 10_000;

    public static readonly TimeSpan MaxRetention = TimeSpan.FromDays(3650);
    public static readonly TimeSpan MaxBusyTimeout = TimeSpan.FromMinutes(5);
    public const int MaxQueueCapacity = 10_000_000;

    public const int MaxRollupLevels = 8;
    public static readonly TimeSpan MinRollupWidth = TimeSpan.FromMinutes(1);

    /// <summary>How often retention runs; the first run is one interval after start.</summary>
    public static readonly TimeSpan RetentionInterval = TimeSpan.FromHours(1);

    public static readonly TimeSpan MinRetentionInterval = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxRetentionInterval = TimeSpan.FromDays(7);

    public static readonly TimeSpan RetentionStartDelay = TimeSpan.FromMinutes(1);

    /// <summary>Rows deleted per retention transaction, so that the write lock is held for milliseconds, not seconds.</summary>
    public const int RetentionBatchSize = 2_000;

    /// <summary>Most snapshot rows in one write transaction when the writer is catching up.</summary>
    public const int MaxRowsPerTransaction = 20_000;

    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);
}
