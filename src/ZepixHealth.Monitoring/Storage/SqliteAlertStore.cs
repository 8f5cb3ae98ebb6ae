using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Alerts, their outbox of deliveries and silences, in <c>health_alert_rows</c>, <c>health_alert_deliveries</c>
/// and <c>health_alert_silences</c>. Writes are operations on the write queue and complete once committed;
/// reads run on their own connections.
/// </summary>
internal sealed class SqliteAlertStore(SqliteWriteQueue queue, SqliteQueryRunner reads)
{
    private const string PendingDeliveriesSql =
        $"""
        SELECT {SqliteAlertRows.DeliverySelectList} FROM health_alert_deliveries
        WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $due
        ORDER BY next_attempt_at, created_at, id
        LIMIT $limit;
        """;

    private const string MarkDeliveredSql = "UPDATE health_alert_deliveries SET delivered_at = $at WHERE id = $id;";

    private const string MarkDeliveryFailedSql =
        """
        UPDATE health_alert_deliveries
        SET attempts = attempts + 1, last_error = $error,
            next_attempt_at = coalesce($retry_at, next_attempt_at),
            failed_at = CASE WHEN $retry_at IS NULL THEN $failed_at ELSE NULL END
        WHERE id = $id;
        """;

    public async Task<IReadOnlyList<HealthAlert>> GetRecentAlertsAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await reads.QueryAsync(
            $"SELECT {SqliteAlertRows.AlertSelectList} FROM health_alert_rows ORDER BY raised_at DESC, id DESC LIMIT $limit;",
            p => p.AddWithValue("$limit", limit),
            SqliteAlertRows.ReadAlert,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<HealthAlert>> GetOpenAlertsAsync(CancellationToken cancellationToken) =>
        await reads.QueryAsync(
            $"SELECT {SqliteAlertRows.AlertSelectList} FROM health_alert_rows WHERE resolved = 0 ORDER BY raised_at, id;",
            null,
            SqliteAlertRows.ReadAlert,
            cancellationToken).ConfigureAwait(false);

    public async Task<HealthAlert?> GetAlertAsync(Guid alertId, CancellationToken cancellationToken)
    {
        var found = await reads.QueryAsync(
            $"SELECT {SqliteAlertRows.AlertSelectList} FROM health_alert_rows WHERE id = $id;",
            p => p.AddWithValue("$id", SqliteAlertRows.GuidText(alertId)),
            SqliteAlertRows.ReadAlert,
            cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task SaveAlertsAsync(IReadOnlyList<HealthAlert> alerts, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(deliveries);
        var alertRows = alerts.ToArray();
        var deliveryRows = deliveries.ToArray();
        if (Array.IndexOf(alertRows, null) >= 0)
        {
            throw new ArgumentNullException(nameof(alerts), "An alert is null.");
        }

        if (Array.IndexOf(deliveryRows, null) >= 0)
        {
            throw new ArgumentNullException(nameof(deliveries), "A delivery is null.");
        }

        return Enqueue(
            command =>
            {
                command.CommandText = SqliteAlertRows.UpsertAlertSql;
                foreach (var alert in alertRows)
                {
                    SqliteAlertRows.BindAlert(command, alert);
                    command.ExecuteNonQuery();
                }

                command.CommandText = SqliteAlertRows.InsertDeliverySql;
                foreach (var delivery in deliveryRows)
                {
                    SqliteAlertRows.BindDelivery(command, delivery);
                    command.ExecuteNonQuery();
                }
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<AlertDelivery>> GetPendingDeliveriesAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await reads.QueryAsync(
            PendingDeliveriesSql,
            p =>
            {
                p.AddWithValue("$due", SqliteTime.ToDb(dueBy));
                p.AddWithValue("$limit", limit);
            },
            SqliteAlertRows.ReadDelivery,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AlertDelivery>> GetDeadLettersAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await reads.QueryAsync(
            $"SELECT {SqliteAlertRows.DeliverySelectList} FROM health_alert_deliveries WHERE failed_at IS NOT NULL ORDER BY failed_at DESC, id DESC LIMIT $limit;",
            p => p.AddWithValue("$limit", limit),
            SqliteAlertRows.ReadDelivery,
            cancellationToken).ConfigureAwait(false);
    }

    public Task MarkDeliveredAsync(IReadOnlyList<Guid> deliveryIds, DateTimeOffset deliveredAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        var ids = deliveryIds.ToArray();
        return Enqueue(
            command =>
            {
                command.CommandText = MarkDeliveredSql;
                command.Parameters.AddWithValue("$at", SqliteTime.ToDb(deliveredAt));
                UpdateEach(command, ids);
            },
            cancellationToken);
    }

    public Task MarkDeliveryFailedAsync(
        IReadOnlyList<Guid> deliveryIds, string error, DateTimeOffset failedAt, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        ArgumentNullException.ThrowIfNull(error);
        var ids = deliveryIds.ToArray();
        return Enqueue(
            command =>
            {
                command.CommandText = MarkDeliveryFailedSql;
                command.Parameters.AddWithValue("$error", error);
                command.Parameters.AddWithValue("$retry_at", SqliteTime.ToDb(retryAt));
                command.Parameters.AddWithValue("$failed_at", SqliteTime.ToDb(failedAt));
                UpdateEach(command, ids);
            },
            cancellationToken);
    }

    public Task SaveSilenceAsync(AlertSilence silence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silence);
        return Enqueue(
            command =>
            {
                command.CommandText = SqliteSilenceRows.UpsertSql;
                SqliteSilenceRows.Bind(command, silence);
                command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<AlertSilence>> GetSilencesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await reads.QueryAsync(
            $"SELECT {SqliteSilenceRows.SelectList} FROM health_alert_silences WHERE until > $now ORDER BY until, id;",
            p => p.AddWithValue("$now", SqliteTime.ToDb(now)),
            SqliteSilenceRows.Read,
            cancellationToken).ConfigureAwait(false);

    /// <summary>Runs the command's statement once per id, with the other parameters already bound.</summary>
    private static void UpdateEach(SqliteCommand command, Guid[] ids)
    {
        var id = command.Parameters.Add("$id", SqliteType.Text);
        foreach (var deliveryId in ids)
        {
            id.Value = SqliteAlertRows.GuidText(deliveryId);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Queues a one-shot write: <paramref name="write"/> gets a command in the operation's transaction.</summary>
    private Task Enqueue(Action<SqliteCommand> write, CancellationToken cancellationToken) =>
        queue.EnqueueAsync(
            new SqliteStoreOperation((connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                write(command);
                return true;
            }),
            cancellationToken);
}
