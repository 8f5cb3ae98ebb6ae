using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The roll-up part of a retention pass: full rows past <see cref="SqliteHealthStoreOptions.SnapshotRetention"/>
/// are folded into the first level, each level past its retention into the next, and the last level's
/// buckets past its retention are deleted. Each <see cref="Step"/> handles one chunk of one plugin (about
/// one batch of source rows, in whole buckets of the target width) in the caller's transaction.
/// </summary>
internal sealed class SqliteRollupPass
{
    private readonly Stage[] _stages;
    private readonly int _batchSize;
    private int _stage;
    private string? _plugin;

    /// <param name="options">The retention options; <see cref="SqliteHealthStoreOptions.Rollups"/> must not be empty.</param>
    /// <param name="now">The pass's clock reading; every cutoff is taken from it.</param>
    /// <param name="batchSize">About the most source rows folded per step.</param>
    public SqliteRollupPass(SqliteHealthStoreOptions options, DateTimeOffset now, int batchSize)
    {
        var levels = options.Rollups;
        _stages = new Stage[levels.Count + 1];
        var retention = options.SnapshotRetention;
        var sourceWidth = 0L;
        for (var i = 0; i < levels.Count; i++)
        {
            var width = levels[i].Width.Ticks;
            _stages[i] = new Stage(sourceWidth, width, AlignDown(SqliteTime.ToDb(now - retention), width));
            sourceWidth = width;
            retention = levels[i].Retention;
        }

        _stages[^1] = new Stage(sourceWidth, null, AlignDown(SqliteTime.ToDb(now - retention), sourceWidth));
        _batchSize = batchSize;
    }

    /// <summary>Gets the full-resolution rows folded (and deleted) so far.</summary>
    public long FoldedSnapshots { get; private set; }

    /// <summary>Folds or deletes one chunk.</summary>
    /// <returns>True when nothing is left past any cutoff.</returns>
    public bool Step(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        while (_stage < _stages.Length)
        {
            var stage = _stages[_stage];
            var plugin = NextPlugin(command, stage);
            if (plugin is null)
            {
                _stage++;
                continue;
            }

            var oldest = Oldest(command, stage, plugin);
            if (oldest is not { } first || first >= stage.Cutoff)
            {
                // Nothing of this plugin is past the cutoff: go on with the next one.
                _plugin = plugin;
                continue;
            }

            var rows = FoldChunk(command, stage, plugin, first);
            if (stage.SourceWidth == 0)
            {
                FoldedSnapshots += rows;
            }

            return false;
        }

        return true;
    }

    private int FoldChunk(SqliteCommand command, Stage stage, string plugin, long oldest)
    {
        var width = stage.TargetWidth ?? stage.SourceWidth;
        var start = AlignDown(oldest, width);
        var end = ChunkEnd(command, stage, plugin, start, width);
        Bind(command, stage, plugin, start, end);
        if (stage.TargetWidth is not null)
        {
            command.CommandText = stage.SourceWidth == 0 ? SqliteRollupSql.FoldRows : SqliteRollupSql.FoldLevel;
            command.ExecuteNonQuery();
        }

        command.CommandText = stage.SourceWidth == 0 ? SqliteRollupSql.DeleteRows : SqliteRollupSql.DropLevel;
        return command.ExecuteNonQuery();
    }

    // Ends after about one batch of source rows, on a bucket boundary, never past the cutoff.
    private long ChunkEnd(SqliteCommand command, Stage stage, string plugin, long start, long width)
    {
        Bind(command, stage, plugin, start, 0);
        command.Parameters.AddWithValue("$batch", _batchSize);
        command.CommandText = stage.SourceWidth == 0
            ? "SELECT timestamp FROM health_snapshot_rows WHERE plugin_id = $plugin_id AND timestamp >= $start ORDER BY timestamp LIMIT 1 OFFSET $batch;"
            : "SELECT bucket_start FROM health_snapshot_rollups WHERE plugin_id = $plugin_id AND bucket_start >= $start AND width = $source_width ORDER BY bucket_start LIMIT 1 OFFSET $batch;";
        var end = command.ExecuteScalar() is long beyond ? Math.Min(stage.Cutoff, AlignDown(beyond, width)) : stage.Cutoff;
        return end > start ? end : Math.Min(stage.Cutoff, start + width);
    }

    private string? NextPlugin(SqliteCommand command, Stage stage)
    {
        // Two forms, so that each is one seek in the index: an OR would read every row.
        command.Parameters.Clear();
        var table = stage.SourceWidth == 0 ? "health_snapshot_rows" : "health_snapshot_rollups";
        if (_plugin is null)
        {
            command.CommandText = $"SELECT min(plugin_id) FROM {table};";
        }
        else
        {
            command.CommandText = $"SELECT min(plugin_id) FROM {table} WHERE plugin_id > $after;";
            command.Parameters.AddWithValue("$after", _plugin);
        }

        var next = command.ExecuteScalar() as string;
        if (next is null)
        {
            _plugin = null;
        }

        return next;
    }

    private static long? Oldest(SqliteCommand command, Stage stage, string plugin)
    {
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$plugin_id", plugin);
        command.Parameters.AddWithValue("$source_width", stage.SourceWidth);
        command.CommandText = stage.SourceWidth == 0
            ? "SELECT min(timestamp) FROM health_snapshot_rows WHERE plugin_id = $plugin_id;"
            : "SELECT min(bucket_start) FROM health_snapshot_rollups WHERE plugin_id = $plugin_id AND width = $source_width;";
        return command.ExecuteScalar() as long?;
    }

    private static void Bind(SqliteCommand command, Stage stage, string plugin, long start, long end)
    {
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$plugin_id", plugin);
        command.Parameters.AddWithValue("$start", start);
        command.Parameters.AddWithValue("$end", end);
        command.Parameters.AddWithValue("$width", stage.TargetWidth ?? stage.SourceWidth);
        command.Parameters.AddWithValue("$source_width", stage.SourceWidth);
    }

    private static long AlignDown(long ticks, long width) => ticks - (((ticks % width) + width) % width);

    /// <param name="SourceWidth">0 for full-resolution rows, else the width of the level folded.</param>
    /// <param name="TargetWidth">The level folded into; null to delete the source past the cutoff.</param>
    /// <param name="Cutoff">Source rows before this (ticks, on a bucket boundary of the target) are folded or deleted.</param>
    private readonly record struct Stage(long SourceWidth, long? TargetWidth, long Cutoff);
}
