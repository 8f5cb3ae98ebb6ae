namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>
/// The real <see cref="InMemoryHealthStore"/> for alerts and the outbox, with writes that fail while
/// <see cref="Failing"/> is set (a disk that is full or locked for a few minutes). Snapshots are
/// validated and counted, not kept: the in-memory store keeps a whole day of history by design, which
/// would make the memory figure measure its retention instead of the monitor.
/// </summary>
internal sealed class FaultInjectingStore(InMemoryHealthStore inner) : IHealthStore, IAlertOutboxStore
{
    private long _snapshotRows;
    private int _failedWrites;

    public bool Failing { get; set; }

    public InMemoryHealthStore Inner { get; } = inner;

    public long SnapshotRows => Interlocked.Read(ref _snapshotRows);

    public int FailedWrites => _failedWrites;

    public ValueTask AppendSnapshotsAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        ArgumentNullException.ThrowIfNull(snapshots);
        foreach (var snapshot in snapshots)
        {
            ArgumentNullException.ThrowIfNull(snapshot, nameof(snapshots));
        }

        Interlocked.Add(ref _snapshotRows, snapshots.Count);
        return ValueTask.CompletedTask;
    }

    public Task<IReadOnlyList<PluginHealthSnapshot>> GetLatestSnapshotsAsync(CancellationToken cancellationToken = default) => Inner.GetLatestSnapshotsAsync(cancellationToken);

    public Task<IReadOnlyList<PluginHealthSnapshot>> GetHistoryAsync(string pluginId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Inner.GetHistoryAsync(pluginId, from, to, cancellationToken);

    public Task<IReadOnlyList<HealthAlert>> GetRecentAlertsAsync(int limit, CancellationToken cancellationToken = default) => Inner.GetRecentAlertsAsync(limit, cancellationToken);

    public Task<IReadOnlyList<HealthAlert>> GetOpenAlertsAsync(CancellationToken cancellationToken = default) => Inner.GetOpenAlertsAsync(cancellationToken);

    public Task<HealthAlert?> GetAlertAsync(Guid alertId, CancellationToken cancellationToken = default) => Inner.GetAlertAsync(alertId, cancellationToken);

    public Task SaveAlertsAsync(IReadOnlyList<HealthAlert> alerts, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        return Inner.SaveAlertsAsync(alerts, deliveries, cancellationToken);
    }

    public Task<IReadOnlyList<AlertDelivery>> GetPendingDeliveriesAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken = default) =>
        Inner.GetPendingDeliveriesAsync(dueBy, limit, cancellationToken);

    public Task<IReadOnlyList<AlertDelivery>> GetDeadLettersAsync(int limit, CancellationToken cancellationToken = default) =>
        Inner.GetDeadLettersAsync(limit, cancellationToken);

    public Task MarkDeliveredAsync(IReadOnlyList<Guid> deliveryIds, DateTimeOffset deliveredAt, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        return Inner.MarkDeliveredAsync(deliveryIds, deliveredAt, cancellationToken);
    }

    public Task MarkDeliveryFailedAsync(IReadOnlyList<Guid> deliveryIds, string error, DateTimeOffset failedAt, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        return Inner.MarkDeliveryFailedAsync(deliveryIds, error, failedAt, retryAt, cancellationToken);
    }

    public Task SaveSilenceAsync(AlertSilence silence, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        return Inner.SaveSilenceAsync(silence, cancellationToken);
    }

    public Task<IReadOnlyList<AlertSilence>> GetSilencesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => Inner.GetSilencesAsync(now, cancellationToken);

    private void ThrowIfFailing()
    {
        if (Failing)
        {
            Interlocked.Increment(ref _failedWrites);
            throw new IOException("chaos: disk I/O error (injected)");
        }
    }
}
