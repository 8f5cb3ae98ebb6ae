namespace ZepixHealth.Monitoring;

/// <summary>
/// One level of history roll-ups in the SQLite store: once the level before it (full-resolution
/// snapshots, or a finer roll-up) passes its retention, its rows are folded into buckets of
/// <see cref="Width"/> (sample count, worst status, min/avg/max of the charted figures) and kept until
/// <see cref="Retention"/>. Set in <see cref="SqliteHealthStoreOptions.Rollups"/>.
/// </summary>
public sealed class SqliteRollupLevel
{
    /// <summary>Gets or sets the width of one bucket, aligned to UTC multiples of it since 1970.</summary>
    /// <value>No default; at least 1 minute, whole seconds, and a multiple of the previous level's width.</value>
    public TimeSpan Width { get; set; }

    /// <summary>Gets or sets how long the level's buckets are kept, counted from now.</summary>
    /// <value>No default; longer than the previous level's retention (or <see cref="SqliteHealthStoreOptions.SnapshotRetention"/>) and at most 3650 days.</value>
    public TimeSpan Retention { get; set; }
}
