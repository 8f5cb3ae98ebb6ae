using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring;

/// <summary>
/// One retention pass, run by the writer as an operation: each call of <see cref="Execute"/> deletes one
/// batch of old snapshots and one batch of old resolved alerts (with their outbox entries), so that the
/// write lock is held for milliseconds and other writes interleave between batches.
/// </summary>
/// <param name="snapshotCutoff">Snapshots taken before this (stored ticks) are deleted.</param>
/// <param name="alertCutoff">Alerts resolved before this (stored ticks) are deleted; firing ones never are.</param>
/// <param name="batchSize">The most rows of each kind deleted per call.</param>
/// <param name="rollups">When roll-ups are configured, folds old snapshots into them instead of deleting them outright.</param>
internal sealed class SqliteRetentionPass(long snapshotCutoff, long alertCutoff, int batchSize, SqliteRollupPass? rollups = null)
{
    private long _snapshots;
    private bool _rollupsDone;

    // Walks the plugin ids through the (plugin_id, timestamp) index, so that each batch reads only rows it deletes.
    private const string DeleteSnapshotsSql =
        """
        WITH RECURSIVE plugins(id) AS (
            SELECT (SELECT min(plugin_id) FROM health_snapshot_rows)
            UNION ALL
            SELECT (SELECT min(plugin_id) FROM health_snapshot_rows WHERE plugin_id > plugins.id)
            FROM plugins WHERE plugins.id IS NOT NULL
        )
        DELETE FROM health_snapshot_rows WHERE id IN (
            SELECT s.id FROM plugins
            JOIN health_snapshot_rows AS s ON s.plugin_id = plugins.id AND s.timestamp < $cutoff
            WHERE plugins.id IS NOT NULL
            LIMIT $batch);
        """;

    private const string SelectOldAlertsSql =
        "SELECT id FROM health_alert_rows WHERE resolved = 1 AND resolved_at < $cutoff ORDER BY resolved_at, id LIMIT $batch;";

    private const string DeleteAlertSql =
        "DELETE FROM health_alert_deliveries WHERE alert_id = $id; DELETE FROM health_alert_rows WHERE id = $id;";

    /// <summary>Gets the snapshots deleted (or folded into roll-ups) so far.</summary>
    public long Snapshots => _snapshots + (rollups?.FoldedSnapshots ?? 0);

    /// <summary>Gets the alerts deleted so far.</summary>
    public long Alerts { get; private set; }

    /// <summary>Deletes one batch of each kind.</summary>
    /// <returns>True when the pass is complete: a batch came back short, so nothing older is left.</returns>
    public bool Execute(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var alerts = DeleteAlerts(command);
        Alerts += alerts;
        if (rollups is not null)
        {
            _rollupsDone = _rollupsDone || rollups.Step(connection, transaction);
            return _rollupsDone && alerts < batchSize;
        }

        var snapshots = DeleteSnapshots(command);
        _snapshots += snapshots;
        return snapshots < batchSize && alerts < batchSize;
    }

    private int DeleteSnapshots(SqliteCommand command)
    {
        command.Parameters.Clear();
        command.CommandText = DeleteSnapshotsSql;
        command.Parameters.AddWithValue("$cutoff", snapshotCutoff);
        command.Parameters.AddWithValue("$batch", batchSize);
        return command.ExecuteNonQuery();
    }

    private int DeleteAlerts(SqliteCommand command)
    {
        command.Parameters.Clear();
        command.CommandText = SelectOldAlertsSql;
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

        command.Parameters.Clear();
        command.CommandText = DeleteAlertSql;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        foreach (var alertId in alertIds)
        {
            id.Value = alertId;
            command.ExecuteNonQuery();
        }

        return alertIds.Count;
    }
}
