namespace ZepixHealth.Monitoring;

/// <summary>Snapshots in <c>health_snapshot_rows</c>: appends go to the write queue, reads run on their own connections.</summary>
internal sealed class SqliteSnapshotStore(SqliteWriteQueue queue, SqliteQueryRunner reads)
{
    // A skip-scan over the (plugin_id, timestamp) index: one seek per plugin to find the next id,
    // one to find its newest row. GROUP BY would read every row of the index.
    private static readonly string LatestSql =
        $"""
        WITH RECURSIVE plugins(id) AS (
            SELECT (SELECT min(plugin_id) FROM health_snapshot_rows)
            UNION ALL
            SELECT (SELECT min(plugin_id) FROM health_snapshot_rows WHERE plugin_id > plugins.id)
            FROM plugins WHERE plugins.id IS NOT NULL
        )
        SELECT {SqliteSnapshotRows.SelectList}
        FROM plugins
        JOIN health_snapshot_rows AS s ON s.id = (
            SELECT l.id FROM health_snapshot_rows AS l
            WHERE l.plugin_id = plugins.id
            ORDER BY l.timestamp DESC, l.id DESC
            LIMIT 1)
        WHERE plugins.id IS NOT NULL
        ORDER BY plugins.id;
        """;

    private static readonly string HistorySql =
        $"""
        SELECT {SqliteSnapshotRows.SelectList}
        FROM health_snapshot_rows AS s
        WHERE s.plugin_id = $plugin_id AND s.timestamp >= $from AND s.timestamp <= $to
        ORDER BY s.timestamp, s.id;
        """;

    /// <summary>Queues a copy of the snapshots (the caller may reuse its list for the next cycle).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshots"/> or one of its items is null; nothing is queued.</exception>
    public void Append(IReadOnlyList<PluginHealthSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count == 0)
        {
            return;
        }

        var rows = new PluginHealthSnapshot[snapshots.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = snapshots[i] ?? throw new ArgumentNullException(nameof(snapshots), $"The snapshot at index {i} is null.");
        }

        queue.Append(rows);
    }

    public async Task<IReadOnlyList<PluginHealthSnapshot>> GetLatestAsync(CancellationToken cancellationToken) =>
        await reads.QueryAsync(LatestSql, null, SqliteSnapshotRows.Read, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<PluginHealthSnapshot>> GetHistoryAsync(
        string pluginId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginId);
        return await reads.QueryAsync(
            HistorySql,
            p =>
            {
                p.AddWithValue("$plugin_id", pluginId);
                p.AddWithValue("$from", SqliteTime.ToDb(from));
                p.AddWithValue("$to", SqliteTime.ToDb(to));
            },
            SqliteSnapshotRows.Read,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PluginHistoryBucket>> GetHistoryBucketsAsync(
        string pluginId, DateTimeOffset from, DateTimeOffset to, TimeSpan bucketWidth, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginId);
        PluginHistoryBuckets.ThrowIfInvalid(from, to, bucketWidth);
        var full = await reads.QueryAsync(
            SqliteHistoryBuckets.Sql,
            p => SqliteHistoryBuckets.Bind(p, pluginId, from, to, bucketWidth),
            SqliteHistoryBuckets.Read,
            cancellationToken).ConfigureAwait(false);
        return await WithRollupsAsync(full, pluginId, from, to, bucketWidth, cancellationToken).ConfigureAwait(false);
    }

    // Where retention has folded full rows into roll-ups, the charts read those.
    private async Task<IReadOnlyList<PluginHistoryBucket>> WithRollupsAsync(
        IReadOnlyList<PluginHistoryBucket> full, string pluginId, DateTimeOffset from, DateTimeOffset to, TimeSpan bucketWidth, CancellationToken cancellationToken)
    {
        var rolledUp = await reads.QueryAsync(
            SqliteRollupSql.HistoryBuckets,
            p => SqliteHistoryBuckets.Bind(p, pluginId, from, to, bucketWidth),
            SqliteHistoryBuckets.Read,
            cancellationToken).ConfigureAwait(false);
        return SqliteHistoryRollupBuckets.Merge(rolledUp, full);
    }

    /// <summary>Inserts the batches in one transaction on the writer's connection.</summary>
    /// <returns>The rows written.</returns>
    public static int Insert(SqliteWriterConnection writer, List<SqliteSnapshotBatch> batches)
    {
        var insert = writer.SnapshotInsert;
        var rows = 0;
        using var transaction = writer.Connection.BeginTransaction(deferred: false);
        foreach (var batch in batches)
        {
            foreach (var snapshot in batch.Rows)
            {
                insert.Insert(snapshot);
            }

            rows += batch.Rows.Length;
        }

        transaction.Commit();
        return rows;
    }
}
