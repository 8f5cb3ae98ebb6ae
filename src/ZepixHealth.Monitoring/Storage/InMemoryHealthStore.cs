using System.Runtime.InteropServices;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The store used when the host selects none: alerts, the outbox and silences in memory, with the
/// latest snapshot and a bounded history per plugin, and the newest 10,000 resolved alerts and
/// 50,000 finished notifications (firing alerts and pending notifications are always kept), so that
/// memory stays bounded. Nothing survives a restart; use
/// <c>.UseSqliteStore(...)</c> for that. A plugin that is unregistered loses its latest snapshot and
/// its history at the next cycle (<see cref="ForgetPlugins"/>), so memory follows the plugins watched.
/// </summary>
/// <remarks>
/// The history of a plugin has a fixed footprint, however long the bot runs and whatever the interval:
/// its newest <see cref="FullResolutionSnapshots"/> snapshots (an hour at the default 30 s interval) as
/// they were, in 216 bytes each (their texts kept once per change), and before them at most
/// <see cref="Summaries"/> summaries of <see cref="SummaryWidth"/> (24 hours), 120 bytes each: about
/// 44 KB per plugin, plus its latest snapshot. <see cref="IHealthStore.GetHistoryAsync"/> returns a
/// summary as one snapshot at the newest instant it covers, with the worst status and the mean P95,
/// P99, error rate, memory, CPU and signals per hour (every other figure unknown);
/// <see cref="IHealthStore.GetHistoryBucketsAsync"/> returns their min/avg/max.
/// </remarks>
internal sealed class InMemoryHealthStore : IHealthStore, IAlertOutboxStore, IForgetsRemovedPlugins
{
    /// <summary>Snapshots kept per plugin as they were: an hour at the default 30-second interval.</summary>
    internal const int FullResolutionSnapshots = 120;

    /// <summary>Summaries of older snapshots kept per plugin: 24 hours of <see cref="SummaryWidth"/>.</summary>
    internal const int Summaries = 144;

    /// <summary>The width of time one summary of older snapshots covers.</summary>
    internal static readonly TimeSpan SummaryWidth = TimeSpan.FromMinutes(10);

    /// <summary>Resolved alerts kept (the oldest go first); firing alerts are always kept.</summary>
    internal const int MaxResolvedAlerts = 10_000;

    /// <summary>Delivered or given-up outbox entries kept (the oldest go first); pending ones are always kept.</summary>
    internal const int MaxFinishedDeliveries = 50_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, InMemoryPluginHistory> _history = new(PluginId.Comparer);
    private readonly Dictionary<Guid, HealthAlert> _alerts = [];
    private readonly Dictionary<Guid, AlertDelivery> _deliveries = [];
    private readonly Dictionary<Guid, AlertSilence> _silences = [];

    public ValueTask AppendSnapshotsAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshots);

        // Checked before any is stored: a cycle is stored whole or not at all.
        for (var i = 0; i < snapshots.Count; i++)
        {
            if (snapshots[i] is null)
            {
                throw new ArgumentNullException(nameof(snapshots), $"The snapshot at index {i} is null.");
            }
        }

        lock (_gate)
        {
            _history.EnsureCapacity(snapshots.Count);
            foreach (var snapshot in snapshots)
            {
                // One lookup per plugin: its history holds its latest snapshot too.
                var utc = InUtc(snapshot);
                ref var history = ref CollectionsMarshal.GetValueRefOrAddDefault(_history, utc.PluginId, out _);
                history ??= new InMemoryPluginHistory(utc.PluginId);
                history.Append(utc);
            }
        }

        return ValueTask.CompletedTask;
    }

    public void ForgetPlugins(IReadOnlyList<string> pluginIds)
    {
        ArgumentNullException.ThrowIfNull(pluginIds);
        lock (_gate)
        {
            foreach (var pluginId in pluginIds)
            {
                _history.Remove(pluginId);
            }

            // Dictionaries keep their capacity: give it back once most of what they held is gone.
            if (pluginIds.Count > 0 && _history.Count < _history.EnsureCapacity(0) / 4)
            {
                _history.TrimExcess();
            }
        }
    }

    public Task<IReadOnlyList<PluginHealthSnapshot>> GetLatestSnapshotsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<PluginHealthSnapshot> latest = [.. _history.Values.Select(h => h.Latest!).OrderBy(s => s.PluginId, StringComparer.Ordinal)];
            return Task.FromResult(latest);
        }
    }

    public Task<IReadOnlyList<PluginHealthSnapshot>> GetHistoryAsync(string pluginId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginId);
        lock (_gate)
        {
            IReadOnlyList<PluginHealthSnapshot> history = _history.TryGetValue(pluginId, out var kept) ? kept.Read(from, to) : [];
            return Task.FromResult(history);
        }
    }

    public Task<IReadOnlyList<PluginHistoryBucket>> GetHistoryBucketsAsync(string pluginId, DateTimeOffset from, DateTimeOffset to, TimeSpan bucketWidth, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginId);
        PluginHistoryBuckets.ThrowIfInvalid(from, to, bucketWidth);
        lock (_gate)
        {
            IReadOnlyList<PluginHistoryBucket> buckets = _history.TryGetValue(pluginId, out var kept) ? kept.ReadBuckets(from, to, bucketWidth) : [];
            return Task.FromResult(buckets);
        }
    }

    /// <summary>Gets how many snapshots of a plugin are kept as they were and how many summaries (for tests).</summary>
    internal (int FullResolution, int Summaries) HistoryFootprint(string pluginId)
    {
        lock (_gate)
        {
            return _history.TryGetValue(pluginId, out var kept) ? (kept.FullResolutionCount, kept.SummaryCount) : (0, 0);
        }
    }

    /// <summary>Gets how many runs of texts the history of a plugin keeps (for tests).</summary>
    internal int TextRunsKept(string pluginId)
    {
        lock (_gate)
        {
            return _history.TryGetValue(pluginId, out var kept) ? kept.TextRunCount : 0;
        }
    }

    public Task<IReadOnlyList<HealthAlert>> GetRecentAlertsAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_gate)
        {
            IReadOnlyList<HealthAlert> recent = [.. _alerts.Values.OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Id).Take(limit)];
            return Task.FromResult(recent);
        }
    }

    public Task<IReadOnlyList<HealthAlert>> GetOpenAlertsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<HealthAlert> open = [.. _alerts.Values.Where(a => a.State != AlertState.Resolved).OrderBy(a => a.RaisedAt).ThenBy(a => a.Id)];
            return Task.FromResult(open);
        }
    }

    public Task<HealthAlert?> GetAlertAsync(Guid alertId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_alerts.GetValueOrDefault(alertId));
        }
    }

    public Task SaveAlertsAsync(IReadOnlyList<HealthAlert> alerts, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(deliveries);

        // Checked before any is stored: the alerts and their outbox are written together or not at all.
        if (alerts.Contains(null!))
        {
            throw new ArgumentNullException(nameof(alerts), "An alert is null.");
        }

        if (deliveries.Contains(null!))
        {
            throw new ArgumentNullException(nameof(deliveries), "A delivery is null.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            foreach (var alert in alerts)
            {
                _alerts[alert.Id] = InUtc(alert);
            }

            foreach (var delivery in deliveries)
            {
                _deliveries.TryAdd(delivery.Id, InUtc(delivery));
            }

            TrimLocked();
        }

        return Task.CompletedTask;
    }

    /// <summary>Keeps memory bounded however long the bot runs: finished history goes, open work stays.</summary>
    private void TrimLocked()
    {
        // Trimmed in chunks, so that the sort is paid once per thousand writes, not on every one.
        const int Slack = 1000;
        if (_alerts.Count > MaxResolvedAlerts + Slack)
        {
            var resolved = _alerts.Values.Where(a => a.State == AlertState.Resolved).OrderBy(a => a.ResolvedAt).ToList();
            foreach (var alert in resolved.Take(resolved.Count - MaxResolvedAlerts))
            {
                _alerts.Remove(alert.Id);
            }
        }

        if (_deliveries.Count > MaxFinishedDeliveries + Slack)
        {
            var finished = _deliveries.Values.Where(d => d.DeliveredAt is not null || d.FailedAt is not null).OrderBy(d => d.CreatedAt).ToList();
            foreach (var delivery in finished.Take(finished.Count - MaxFinishedDeliveries))
            {
                _deliveries.Remove(delivery.Id);
            }
        }
    }

    public Task<IReadOnlyList<AlertDelivery>> GetPendingDeliveriesAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_gate)
        {
            IReadOnlyList<AlertDelivery> pending = [.. _deliveries.Values
                .Where(d => d.DeliveredAt is null && d.FailedAt is null && d.NextAttemptAt <= dueBy)
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.CreatedAt).ThenBy(d => d.Id)
                .Take(limit)];
            return Task.FromResult(pending);
        }
    }

    public Task<IReadOnlyList<AlertDelivery>> GetDeadLettersAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_gate)
        {
            IReadOnlyList<AlertDelivery> dead = [.. _deliveries.Values
                .Where(d => d.FailedAt is not null)
                .OrderByDescending(d => d.FailedAt).ThenByDescending(d => d.Id)
                .Take(limit)];
            return Task.FromResult(dead);
        }
    }

    public Task MarkDeliveredAsync(IReadOnlyList<Guid> deliveryIds, DateTimeOffset deliveredAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        Update(deliveryIds, d => d with { DeliveredAt = deliveredAt.ToUniversalTime() });
        return Task.CompletedTask;
    }

    public Task MarkDeliveryFailedAsync(IReadOnlyList<Guid> deliveryIds, string error, DateTimeOffset failedAt, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        ArgumentNullException.ThrowIfNull(error);
        Update(deliveryIds, d => d with
        {
            Attempts = d.Attempts + 1,
            LastError = error,
            NextAttemptAt = retryAt?.ToUniversalTime() ?? d.NextAttemptAt,
            FailedAt = retryAt is null ? failedAt.ToUniversalTime() : null,
        });
        return Task.CompletedTask;
    }

    public Task SaveSilenceAsync(AlertSilence silence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silence);
        lock (_gate)
        {
            _silences[silence.Id] = silence with { CreatedAt = silence.CreatedAt.ToUniversalTime(), Until = silence.Until.ToUniversalTime() };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AlertSilence>> GetSilencesAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<AlertSilence> active = [.. _silences.Values.Where(s => s.Until > now).OrderBy(s => s.Until).ThenBy(s => s.Id)];
            return Task.FromResult(active);
        }
    }

    /// <summary>Gets every outbox entry (for tests).</summary>
    internal IReadOnlyList<AlertDelivery> AllDeliveries()
    {
        lock (_gate)
        {
            return [.. _deliveries.Values.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)];
        }
    }

    private void Update(IReadOnlyList<Guid> ids, Func<AlertDelivery, AlertDelivery> change)
    {
        lock (_gate)
        {
            foreach (var id in ids)
            {
                if (_deliveries.TryGetValue(id, out var delivery))
                {
                    _deliveries[id] = change(delivery);
                }
            }
        }
    }

    // Stored and read back in UTC, as the SQLite store does; records already in UTC are kept as they are.
    private static PluginHealthSnapshot InUtc(PluginHealthSnapshot s)
    {
        if (IsUtc(s.Timestamp) && IsUtc(s.SelfTestCompletedAt) && IsUtc(s.Availability?.LastHeartbeat) && IsUtc(s.Errors?.LastErrorTimestamp))
        {
            return s;
        }

        return s with
        {
            Timestamp = s.Timestamp.ToUniversalTime(),
            SelfTestCompletedAt = s.SelfTestCompletedAt?.ToUniversalTime(),
            Availability = s.Availability is { } a ? a with { LastHeartbeat = a.LastHeartbeat?.ToUniversalTime() } : s.Availability!,
            Errors = s.Errors is { } e ? e with { LastErrorTimestamp = e.LastErrorTimestamp?.ToUniversalTime() } : s.Errors!,
        };
    }

    private static HealthAlert InUtc(HealthAlert a) => a with
    {
        RaisedAt = a.RaisedAt.ToUniversalTime(),
        ResolvedAt = a.ResolvedAt?.ToUniversalTime(),
        LastSentAt = a.LastSentAt?.ToUniversalTime(),
        SilencedAt = a.SilencedAt?.ToUniversalTime(),
        AcknowledgedAt = a.AcknowledgedAt?.ToUniversalTime(),
    };

    private static AlertDelivery InUtc(AlertDelivery d) => d with
    {
        CreatedAt = d.CreatedAt.ToUniversalTime(),
        NextAttemptAt = d.NextAttemptAt.ToUniversalTime(),
        DeliveredAt = d.DeliveredAt?.ToUniversalTime(),
        FailedAt = d.FailedAt?.ToUniversalTime(),
    };

    private static bool IsUtc(DateTimeOffset? value) => value is not { } v || v.Offset == TimeSpan.Zero;
}
