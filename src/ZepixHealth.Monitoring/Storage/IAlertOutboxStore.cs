namespace ZepixHealth.Monitoring;

/// <summary>
/// The side of a store that alerting writes through: alert changes with their outbox of notifications,
/// one entry per sink, written together so that no sink sees a notification before it is durable.
/// Implement it beside <see cref="IHealthStore"/> in a store of your own; the monitor's users never
/// call it.
/// </summary>
public interface IAlertOutboxStore
{
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

    /// <summary>
    /// Gets the dead letters: outbox entries given up on (<see cref="AlertDelivery.FailedAt"/> set),
    /// kept so that an operator can see what never arrived, and where, and why.
    /// </summary>
    /// <param name="limit">The most entries returned; greater than zero.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The entries, most recently given up first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is zero or negative.</exception>
    Task<IReadOnlyList<AlertDelivery>> GetDeadLettersAsync(int limit, CancellationToken cancellationToken = default);

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
