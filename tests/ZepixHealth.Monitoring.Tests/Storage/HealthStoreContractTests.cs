namespace ZepixHealth.Monitoring.Tests.Storage;

/// <summary>
/// The contract of <see cref="IHealthStore"/> and <see cref="IAlertOutboxStore"/>, as their XML docs state it.
/// Every store runs the same tests through a fixture that derives from this one, so that the stores
/// (the outbox rules in SQL and in C#, for one) cannot drift apart.
/// </summary>
public abstract class HealthStoreContractTests
{
    private static readonly DateTimeOffset T0 = StoreTestData.Start;
    private static readonly TimeSpan Plus2 = TimeSpan.FromHours(2);

    private IHealthStore _store = null!;

    private IAlertOutboxStore Outbox => (IAlertOutboxStore)_store;

    [SetUp]
    public async Task SetUpAsync() => _store = await CreateStoreAsync();

    [TearDown]
    public Task TearDownAsync() => DisposeStoreAsync();

    /// <summary>Creates an empty, started store that also implements <see cref="IAlertOutboxStore"/>.</summary>
    protected abstract Task<IHealthStore> CreateStoreAsync();

    protected abstract Task DisposeStoreAsync();

    /// <summary>Waits until every snapshot appended so far is readable (stores that write in the background).</summary>
    protected abstract Task FlushAsync();

    /// <summary>Reads every outbox entry, pending or not, from the store's own storage.</summary>
    protected abstract Task<IReadOnlyList<AlertDelivery>> ReadAllDeliveriesAsync();

    [Test]
    public async Task AppendSnapshotsAsync_EveryFieldSet_ReadsBackEqualToTheTick()
    {
        var snapshot = StoreTestData.Full("v3-combined", T0);

        await _store.AppendSnapshotsAsync([snapshot]);
        await FlushAsync();
        var history = await _store.GetHistoryAsync("v3-combined", T0, T0);

        history.Should().ContainSingle();
        history[0].Should().BeEquivalentTo(snapshot, o => o.ComparingRecordsByMembers());
        history[0].Timestamp.UtcTicks.Should().Be(T0.UtcTicks);
        history[0].Availability.Uptime.Should().Be(snapshot.Availability.Uptime);
        history[0].Errors.LastErrorTimestamp.Should().Be(snapshot.Errors.LastErrorTimestamp);
        history[0].Performance.WinRatePct.Should().Be(0.1 + 0.2, "every bit of a double is kept");
        history[0].Faults.Should().Equal(snapshot.Faults);
    }

    [Test]
    public async Task AppendSnapshotsAsync_EveryOptionalFieldNull_ReadsBackNullNotZero()
    {
        var snapshot = StoreTestData.Minimal("v6-price-action-5m", T0);

        await _store.AppendSnapshotsAsync([snapshot]);
        await FlushAsync();
        var read = (await _store.GetLatestSnapshotsAsync()).Single();

        read.Should().BeEquivalentTo(snapshot, o => o.ComparingRecordsByMembers());
        read.Performance.Should().Be(PluginPerformanceMetrics.Unknown);
        read.Resources.Should().Be(PluginResourceMetrics.Unknown);
        read.Errors.Should().Be(PluginErrorMetrics.Unknown);
        read.SelfTest.Should().BeNull();
        read.SelfTestCompletedAt.Should().BeNull();
        read.Availability.LastHeartbeat.Should().BeNull();
        read.Availability.Uptime.Should().BeNull();
        read.Faults.Should().BeEmpty();
    }

    [Test]
    public async Task AppendSnapshotsAsync_TimestampWithOffset_ReadsBackSameInstantInUtc()
    {
        var local = new DateTimeOffset(2025, 6, 30, 23, 59, 59, TimeSpan.FromHours(5.5)).AddTicks(9_999_999);

        await _store.AppendSnapshotsAsync([StoreTestData.Minimal("p", local)]);
        await FlushAsync();
        var read = (await _store.GetHistoryAsync("p", local, local)).Single();

        read.Timestamp.Should().Be(local);
        read.Timestamp.Offset.Should().Be(TimeSpan.Zero);
        read.Timestamp.UtcTicks.Should().Be(local.UtcTicks);
    }

    [Test]
    public async Task AppendSnapshotsAsync_EveryTimestampWithOffset_ReadsBackInUtc()
    {
        var snapshot = StoreTestData.Full("p", T0.ToOffset(Plus2));
        snapshot = snapshot with
        {
            Availability = snapshot.Availability with { LastHeartbeat = snapshot.Availability.LastHeartbeat!.Value.ToOffset(Plus2) },
            Errors = snapshot.Errors with { LastErrorTimestamp = snapshot.Errors.LastErrorTimestamp!.Value.ToOffset(Plus2) },
            SelfTestCompletedAt = snapshot.SelfTestCompletedAt!.Value.ToOffset(Plus2),
        };

        await _store.AppendSnapshotsAsync([snapshot]);
        await FlushAsync();
        var read = (await _store.GetLatestSnapshotsAsync()).Single();

        read.Should().BeEquivalentTo(snapshot, o => o.ComparingRecordsByMembers());
        new[] { read.Timestamp, read.Availability.LastHeartbeat!.Value, read.Errors.LastErrorTimestamp!.Value, read.SelfTestCompletedAt!.Value }
            .Should().OnlyContain(t => t.Offset == TimeSpan.Zero);
    }

    [Test]
    public async Task AppendSnapshotsAsync_EmptyList_StoresNothing()
    {
        await _store.AppendSnapshotsAsync([]);
        await FlushAsync();

        (await _store.GetLatestSnapshotsAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task AppendSnapshotsAsync_Null_ThrowsArgumentNull()
    {
        var act = async () => await _store.AppendSnapshotsAsync(null!);

        (await act.Should().ThrowAsync<ArgumentNullException>()).WithParameterName("snapshots");
    }

    [Test]
    public async Task AppendSnapshotsAsync_NullItem_ThrowsArgumentNullAndStoresNone()
    {
        var act = async () => await _store.AppendSnapshotsAsync([StoreTestData.Minimal("p", T0), null!]);

        (await act.Should().ThrowAsync<ArgumentNullException>()).WithParameterName("snapshots");
        await FlushAsync();
        (await _store.GetLatestSnapshotsAsync()).Should().BeEmpty("a cycle is stored whole or not at all");
    }

    [Test]
    public async Task GetLatestSnapshotsAsync_SeveralPluginsAndCycles_ReturnsNewestOfEachOrderedById()
    {
        for (var cycle = 0; cycle < 5; cycle++)
        {
            await _store.AppendSnapshotsAsync(StoreTestData.Cycle(4, T0.AddSeconds(30 * cycle)));
        }

        await _store.AppendSnapshotsAsync([StoreTestData.Minimal("late-joiner", T0.AddSeconds(15))]);
        await FlushAsync();

        var latest = await _store.GetLatestSnapshotsAsync();

        latest.Select(s => s.PluginId).Should().Equal("late-joiner", "plugin-000", "plugin-001", "plugin-002", "plugin-003");
        latest.Single(s => s.PluginId == "plugin-002").Timestamp.Should().Be(T0.AddSeconds(120));
        latest.Single(s => s.PluginId == "late-joiner").Timestamp.Should().Be(T0.AddSeconds(15));
    }

    [Test]
    public async Task GetLatestSnapshotsAsync_OlderSnapshotAppendedLast_ReturnsTheNewestByTimestamp()
    {
        await _store.AppendSnapshotsAsync([StoreTestData.Minimal("p", T0.AddSeconds(60))]);
        await _store.AppendSnapshotsAsync([StoreTestData.Minimal("p", T0)]);
        await FlushAsync();

        (await _store.GetLatestSnapshotsAsync()).Should().ContainSingle().Which.Timestamp.Should().Be(T0.AddSeconds(60));
    }

    [Test]
    public async Task GetLatestSnapshotsAsync_EmptyStore_ReturnsEmpty() =>
        (await _store.GetLatestSnapshotsAsync()).Should().BeEmpty();

    [Test]
    public async Task GetHistoryAsync_Range_ReturnsThatPluginsRowsInclusiveOldestFirst()
    {
        for (var cycle = 0; cycle < 10; cycle++)
        {
            await _store.AppendSnapshotsAsync(StoreTestData.Cycle(3, T0.AddSeconds(30 * cycle)));
        }

        await FlushAsync();

        var history = await _store.GetHistoryAsync("plugin-001", T0.AddSeconds(60), T0.AddSeconds(150));

        history.Select(s => s.Timestamp).Should().Equal(T0.AddSeconds(60), T0.AddSeconds(90), T0.AddSeconds(120), T0.AddSeconds(150));
        history.Should().OnlyContain(s => s.PluginId == "plugin-001");
    }

    [Test]
    public async Task GetHistoryAsync_AppendedOutOfOrder_ReturnsOldestFirst()
    {
        await _store.AppendSnapshotsAsync([StoreTestData.Minimal("p", T0.AddSeconds(60))]);
        await _store.AppendSnapshotsAsync([StoreTestData.Minimal("p", T0)]);
        await _store.AppendSnapshotsAsync([StoreTestData.Minimal("p", T0.AddSeconds(30))]);
        await FlushAsync();

        var history = await _store.GetHistoryAsync("p", T0, T0.AddSeconds(60));

        history.Select(s => s.Timestamp).Should().Equal(T0, T0.AddSeconds(30), T0.AddSeconds(60));
    }

    [Test]
    public async Task GetHistoryAsync_UnknownPluginOrEmptyRange_ReturnsEmpty()
    {
        await _store.AppendSnapshotsAsync(StoreTestData.Cycle(2, T0));
        await FlushAsync();

        (await _store.GetHistoryAsync("unknown", T0, T0)).Should().BeEmpty();
        (await _store.GetHistoryAsync("plugin-000", T0.AddTicks(1), T0.AddHours(1))).Should().BeEmpty();
        (await _store.GetHistoryAsync("plugin-000", T0.AddHours(-1), T0.AddTicks(-1))).Should().BeEmpty();
    }

    [Test]
    public async Task GetHistoryBucketsAsync_ThirtySecondCycles_GivesMinAvgMaxAndWorstStatusPerBucket()
    {
        // Six cycles of one plugin: P95 10..60 ms; cycle 4 is Dead; memory known only in cycle 0.
        for (var cycle = 0; cycle < 6; cycle++)
        {
            await _store.AppendSnapshotsAsync([Charted("p", T0.AddSeconds(30 * cycle), p95: 10 * (cycle + 1), cycle == 4 ? PluginHealthStatus.Dead : PluginHealthStatus.Healthy, memory: cycle == 0 ? 100 : null)]);
        }

        await _store.AppendSnapshotsAsync([Charted("other", T0, p95: 999, PluginHealthStatus.Hung, memory: 1)]);
        await FlushAsync();

        var buckets = await _store.GetHistoryBucketsAsync("p", T0, T0.AddMinutes(10), TimeSpan.FromSeconds(90));

        buckets.Select(b => b.Start).Should().Equal(T0, T0.AddSeconds(90));
        buckets.Select(b => b.Samples).Should().Equal(3, 3);
        buckets[0].P95ExecutionTimeMs.Should().Be(new MetricRange(10, 20, 30));
        buckets[1].P95ExecutionTimeMs.Should().Be(new MetricRange(40, 50, 60));
        buckets.Select(b => b.WorstStatus).Should().Equal(PluginHealthStatus.Healthy, PluginHealthStatus.Dead);
        buckets[0].MemoryUsageMb.Should().Be(new MetricRange(100, 100, 100));
        buckets[1].MemoryUsageMb.Should().BeNull("no snapshot of the bucket knew it: null, never a made-up 0");
        buckets[0].CpuUsagePct.Should().Be(new MetricRange(2.5, 2.5, 2.5));
        buckets[0].SignalsProcessed1h.Should().Be(new MetricRange(120, 120, 120));
        buckets[0].ErrorRatePct.Should().Be(new MetricRange(1, 1, 1));
        buckets[0].P99ExecutionTimeMs.Should().Be(new MetricRange(20, 40, 60));
        buckets[0].Start.Offset.Should().Be(TimeSpan.Zero);
    }

    [Test]
    public async Task GetHistoryBucketsAsync_GapsAndRangeEnds_LeavesEmptyBucketsOutAndCountsBothEnds()
    {
        foreach (var seconds in new[] { 0, 30, 600, 630 })
        {
            await _store.AppendSnapshotsAsync([Charted("p", T0.AddSeconds(seconds), p95: seconds, PluginHealthStatus.Healthy, memory: null)]);
        }

        await FlushAsync();

        var buckets = await _store.GetHistoryBucketsAsync("p", T0.AddSeconds(30), T0.AddSeconds(600), TimeSpan.FromMinutes(1));

        buckets.Select(b => (b.Start, b.Samples)).Should().Equal((T0.AddSeconds(30), 1), (T0.AddSeconds(570), 1));
        (await _store.GetHistoryBucketsAsync("unknown", T0, T0.AddHours(1), TimeSpan.FromMinutes(1))).Should().BeEmpty();
    }

    [TestCase(0)]
    [TestCase(-1)]
    public async Task GetHistoryBucketsAsync_WidthZeroOrNegative_ThrowsArgumentOutOfRange(int seconds)
    {
        var act = () => _store.GetHistoryBucketsAsync("p", T0, T0.AddHours(1), TimeSpan.FromSeconds(seconds));

        (await act.Should().ThrowAsync<ArgumentOutOfRangeException>()).WithParameterName("bucketWidth");
    }

    [TestCase(null)]
    [TestCase(" ")]
    public async Task GetHistoryBucketsAsync_PluginIdNullOrWhiteSpace_ThrowsArgument(string? pluginId)
    {
        var act = () => _store.GetHistoryBucketsAsync(pluginId!, T0, T0.AddHours(1), TimeSpan.FromMinutes(1));

        (await act.Should().ThrowAsync<ArgumentException>()).WithParameterName("pluginId");
    }

    private static PluginHealthSnapshot Charted(string pluginId, DateTimeOffset timestamp, double p95, PluginHealthStatus status, double? memory) =>
        StoreTestData.Minimal(pluginId, timestamp) with
        {
            Availability = new PluginAvailabilityMetrics { Status = status, IsRunning = status != PluginHealthStatus.Dead, IsResponsive = true },
            Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = p95, P99ExecutionTimeMs = 2 * p95, SignalsProcessed1h = 120 },
            Resources = new PluginResourceMetrics { MemoryUsageMb = memory, CpuUsagePct = 2.5 },
            Errors = new PluginErrorMetrics { ErrorRatePct = 1 },
        };

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public async Task GetHistoryAsync_PluginIdNullEmptyOrWhiteSpace_ThrowsArgument(string? pluginId)
    {
        var act = () => _store.GetHistoryAsync(pluginId!, T0, T0);

        (await act.Should().ThrowAsync<ArgumentException>()).WithParameterName("pluginId");
    }

    [Test]
    public async Task SaveAlertsAsync_EveryFieldSet_ReadsBackEqual()
    {
        var alert = new HealthAlert
        {
            Id = Guid.NewGuid(),
            PluginId = "v3-combined",
            RuleId = "anomaly.signals_1h",
            Level = AlertLevel.Critical,
            Message = "<b>signals</b> dropped to 0 — 'quoted'",
            Value = 0,
            Threshold = 12.5,
            RaisedAt = T0.AddTicks(1),
            State = AlertState.Resolved,
            ResolvedAt = T0.AddMinutes(7).AddTicks(3),
            SendCount = 3,
            LastSentAt = T0.AddMinutes(5).AddTicks(9),
            SilencedBy = "maintenance: broker upgrade",
            SilencedAt = T0.AddMinutes(1),
            AcknowledgedBy = "operator@telegram",
            AcknowledgedAt = T0.AddMinutes(2).AddTicks(2),
            InhibitedBy = "availability",
            FlappingSince = T0.AddMinutes(3).AddTicks(4),
        };

        await Outbox.SaveAlertsAsync([alert], []);

        (await _store.GetAlertAsync(alert.Id)).Should().Be(alert);
        (await _store.GetRecentAlertsAsync(10)).Should().Equal(alert);
        (await _store.GetOpenAlertsAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task SaveAlertsAsync_OptionalFieldsNull_ReadsBackNull()
    {
        var alert = new HealthAlert
        {
            Id = Guid.NewGuid(),
            PluginId = "p",
            RuleId = "availability",
            Level = AlertLevel.Warning,
            Message = "dead",
            RaisedAt = T0,
        };

        await Outbox.SaveAlertsAsync([alert], []);

        var read = await _store.GetAlertAsync(alert.Id);
        read.Should().Be(alert);
        read!.Value.Should().BeNull();
        read.ResolvedAt.Should().BeNull();
        read.LastSentAt.Should().BeNull();
    }

    [Test]
    public async Task SaveAlertsAsync_TimestampsWithOffset_AlertDeliveryAndSilenceReadBackInUtc()
    {
        var alert = StoreTestData.Alert("p", "cpu", T0.ToOffset(Plus2)) with
        {
            State = AlertState.Resolved,
            ResolvedAt = T0.AddMinutes(1).ToOffset(Plus2),
            LastSentAt = T0.AddMinutes(2).ToOffset(Plus2),
            SilencedAt = T0.AddMinutes(3).ToOffset(Plus2),
            AcknowledgedAt = T0.AddMinutes(4).ToOffset(Plus2),
        };
        var delivery = Delivery(alert, "telegram", T0.ToOffset(Plus2)) with { CreatedAt = T0.ToOffset(Plus2) };
        var silence = new AlertSilence { Id = Guid.NewGuid(), CreatedAt = T0.ToOffset(Plus2), Until = T0.AddHours(1).ToOffset(Plus2), Reason = "r", CreatedBy = "ops" };

        await Outbox.SaveAlertsAsync([alert], [delivery]);
        await _store.SaveSilenceAsync(silence);
        await Outbox.MarkDeliveredAsync([delivery.Id], T0.AddMinutes(5).ToOffset(Plus2));

        var a = (await _store.GetAlertAsync(alert.Id))!;
        a.Should().Be(alert);
        new[] { a.RaisedAt, a.ResolvedAt!.Value, a.LastSentAt!.Value, a.SilencedAt!.Value, a.AcknowledgedAt!.Value }.Should().OnlyContain(t => t.Offset == TimeSpan.Zero);
        var d = (await ReadAllDeliveriesAsync()).Single();
        d.Should().Be(delivery with { DeliveredAt = T0.AddMinutes(5) });
        new[] { d.CreatedAt, d.NextAttemptAt, d.DeliveredAt!.Value }.Should().OnlyContain(t => t.Offset == TimeSpan.Zero);
        var s = (await _store.GetSilencesAsync(T0)).Single();
        s.Should().Be(silence);
        new[] { s.CreatedAt, s.Until }.Should().OnlyContain(t => t.Offset == TimeSpan.Zero);
    }

    [Test]
    public async Task SaveAlertsAsync_SameIdAgain_UpdatesTheRowInPlace()
    {
        var firing = StoreTestData.Alert("p", "cpu", T0);
        await Outbox.SaveAlertsAsync([firing], []);

        var resolved = firing with { State = AlertState.Resolved, ResolvedAt = T0.AddMinutes(3), SendCount = 2, Level = AlertLevel.Critical };
        await Outbox.SaveAlertsAsync([resolved], []);

        (await _store.GetRecentAlertsAsync(10)).Should().Equal(resolved);
        (await _store.GetOpenAlertsAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task SaveAlertsAsync_NullLists_ThrowArgumentNull()
    {
        var noAlerts = () => Outbox.SaveAlertsAsync(null!, []);
        var noDeliveries = () => Outbox.SaveAlertsAsync([], null!);

        (await noAlerts.Should().ThrowAsync<ArgumentNullException>()).WithParameterName("alerts");
        (await noDeliveries.Should().ThrowAsync<ArgumentNullException>()).WithParameterName("deliveries");
    }

    [Test]
    public async Task SaveAlertsAsync_NullItem_ThrowsArgumentNullAndStoresNothing()
    {
        var alert = StoreTestData.Alert("p", "cpu", T0);
        var nullAlert = () => Outbox.SaveAlertsAsync([alert, null!], []);
        var nullDelivery = () => Outbox.SaveAlertsAsync([alert], [Delivery(alert, "log", T0), null!]);

        (await nullAlert.Should().ThrowAsync<ArgumentNullException>()).WithParameterName("alerts");
        (await nullDelivery.Should().ThrowAsync<ArgumentNullException>()).WithParameterName("deliveries");
        (await _store.GetRecentAlertsAsync(10)).Should().BeEmpty("the alerts and their outbox are written together or not at all");
        (await ReadAllDeliveriesAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task SaveAlertsAsync_TokenAlreadyCancelled_ThrowsOperationCanceled()
    {
        var act = () => Outbox.SaveAlertsAsync([StoreTestData.Alert("p", "cpu", T0)], [], new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public async Task GetOpenAlertsAsync_FiringAndResolved_ReturnsOnlyFiringOldestFirst()
    {
        var a = StoreTestData.Alert("p1", "cpu", T0.AddMinutes(2));
        var b = StoreTestData.Alert("p2", "memory", T0.AddMinutes(1));
        var c = StoreTestData.Alert("p3", "availability", T0) with { State = AlertState.Resolved, ResolvedAt = T0.AddMinutes(4) };
        await Outbox.SaveAlertsAsync([a, b, c], []);

        (await _store.GetOpenAlertsAsync()).Should().Equal(b, a);
    }

    [Test]
    public async Task GetRecentAlertsAsync_Limit_ReturnsNewestFirstFiringOrResolved()
    {
        var alerts = Enumerable.Range(0, 5).Select(i => StoreTestData.Alert("p", $"rule{i}", T0.AddMinutes(i))).ToArray();
        alerts[3] = alerts[3] with { State = AlertState.Resolved, ResolvedAt = T0.AddHours(1) };
        await Outbox.SaveAlertsAsync([alerts[2], alerts[4], alerts[0], alerts[3], alerts[1]], []);

        (await _store.GetRecentAlertsAsync(2)).Should().Equal(alerts[4], alerts[3]);
        (await _store.GetRecentAlertsAsync(100)).Should().Equal(Enumerable.Reverse(alerts));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public async Task GetRecentAlertsAsync_LimitZeroOrNegative_ThrowsArgumentOutOfRange(int limit)
    {
        var act = () => _store.GetRecentAlertsAsync(limit);

        (await act.Should().ThrowAsync<ArgumentOutOfRangeException>()).WithParameterName("limit");
    }

    [Test]
    public async Task GetAlertAsync_UnknownId_ReturnsNull()
    {
        await Outbox.SaveAlertsAsync([StoreTestData.Alert("p", "cpu", T0)], []);

        (await _store.GetAlertAsync(Guid.NewGuid())).Should().BeNull();
    }

    [Test]
    public async Task GetPendingDeliveriesAsync_MixedEntries_ReturnsOnlyDueUndeliveredNotGivenUp()
    {
        var alert = StoreTestData.Alert("p", "cpu", T0);
        var due = Delivery(alert, "telegram", T0);
        var later = Delivery(alert, "log", T0.AddMinutes(10));
        var delivered = Delivery(alert, "email", T0);
        var givenUp = Delivery(alert, "webhook", T0);
        await Outbox.SaveAlertsAsync([alert], [due, later, delivered, givenUp]);

        await Outbox.MarkDeliveredAsync([delivered.Id], T0.AddSeconds(1));
        await Outbox.MarkDeliveryFailedAsync([givenUp.Id], "HTTP 500", T0.AddSeconds(2), retryAt: null);

        var pending = await Outbox.GetPendingDeliveriesAsync(T0.AddMinutes(1), 100);
        pending.Should().Equal(due);

        var all = await Outbox.GetPendingDeliveriesAsync(T0.AddHours(1), 100);
        all.Should().Equal(due, later);
    }

    [Test]
    public async Task GetPendingDeliveriesAsync_SeveralDue_EarliestDueFirstUpToTheLimit()
    {
        var alert = StoreTestData.Alert("p", "cpu", T0);
        var entries = Enumerable.Range(0, 5).Select(i => Delivery(alert, $"sink{i}", T0.AddSeconds(10 * i))).ToArray();
        await Outbox.SaveAlertsAsync([alert], [entries[3], entries[0], entries[4], entries[2], entries[1]]);

        (await Outbox.GetPendingDeliveriesAsync(T0.AddSeconds(40), 3)).Should().Equal(entries[0], entries[1], entries[2]);
        (await Outbox.GetPendingDeliveriesAsync(T0.AddSeconds(30), 100)).Should().Equal(entries[0], entries[1], entries[2], entries[3]);
        (await Outbox.GetPendingDeliveriesAsync(T0.AddTicks(-1), 100)).Should().BeEmpty("an entry is due only at or after its next attempt");
    }

    [TestCase(0)]
    [TestCase(-1)]
    public async Task GetPendingDeliveriesAsync_LimitZeroOrNegative_ThrowsArgumentOutOfRange(int limit)
    {
        var act = () => Outbox.GetPendingDeliveriesAsync(T0, limit);

        (await act.Should().ThrowAsync<ArgumentOutOfRangeException>()).WithParameterName("limit");
    }

    [Test]
    public async Task MarkDeliveredAsync_Entry_SetsDeliveredAtAndIsNoLongerPending()
    {
        var alert = StoreTestData.Alert("p", "cpu", T0);
        var delivery = Delivery(alert, "telegram", T0);
        await Outbox.SaveAlertsAsync([alert], [delivery]);

        await Outbox.MarkDeliveredAsync([delivery.Id, Guid.NewGuid()], T0.AddSeconds(3));

        (await Outbox.GetPendingDeliveriesAsync(T0.AddYears(1), 10)).Should().BeEmpty();
        (await ReadAllDeliveriesAsync()).Should().Equal(delivery with { DeliveredAt = T0.AddSeconds(3) });
    }

    [Test]
    public async Task MarkDeliveryFailedAsync_WithRetry_CountsAttemptKeepsErrorAndReschedules()
    {
        var alert = StoreTestData.Alert("p", "cpu", T0);
        var delivery = Delivery(alert, "telegram", T0);
        await Outbox.SaveAlertsAsync([alert], [delivery]);

        await Outbox.MarkDeliveryFailedAsync([delivery.Id], "timeout", T0.AddSeconds(5), T0.AddSeconds(35));
        await Outbox.MarkDeliveryFailedAsync([delivery.Id], "HTTP 429", T0.AddSeconds(40), T0.AddSeconds(100));

        (await Outbox.GetPendingDeliveriesAsync(T0.AddSeconds(99), 10)).Should().BeEmpty();
        var read = (await Outbox.GetPendingDeliveriesAsync(T0.AddSeconds(100), 10)).Single();
        read.Should().Be(delivery with { Attempts = 2, LastError = "HTTP 429", NextAttemptAt = T0.AddSeconds(100) });
    }

    [Test]
    public async Task MarkDeliveryFailedAsync_WithoutRetry_GivesUpWithFailedAtAttemptAndError()
    {
        var alert = StoreTestData.Alert("p", "cpu", T0);
        var delivery = Delivery(alert, "telegram", T0);
        await Outbox.SaveAlertsAsync([alert], [delivery]);

        await Outbox.MarkDeliveryFailedAsync([delivery.Id], "timeout", T0.AddSeconds(5), T0.AddSeconds(35));
        await Outbox.MarkDeliveryFailedAsync([delivery.Id, Guid.NewGuid()], "HTTP 403", T0.AddSeconds(40), retryAt: null);

        (await Outbox.GetPendingDeliveriesAsync(T0.AddYears(1), 10)).Should().BeEmpty();
        (await ReadAllDeliveriesAsync()).Should().Equal(
            delivery with { Attempts = 2, LastError = "HTTP 403", NextAttemptAt = T0.AddSeconds(35), FailedAt = T0.AddSeconds(40) });
    }

    [Test]
    public async Task GetDeadLettersAsync_GivenUpDeliveredAndPending_ReturnsOnlyGivenUpNewestFirstUpToTheLimit()
    {
        var alert = StoreTestData.Alert("p", "cpu", T0);
        var pending = Delivery(alert, "telegram", T0);
        var delivered = Delivery(alert, "log", T0);
        var older = Delivery(alert, "webhook", T0.AddSeconds(1));
        var newer = Delivery(alert, "pager", T0.AddSeconds(2));
        await Outbox.SaveAlertsAsync([alert], [pending, delivered, older, newer]);
        await Outbox.MarkDeliveredAsync([delivered.Id], T0.AddSeconds(3));
        await Outbox.MarkDeliveryFailedAsync([older.Id], "HTTP 502", T0.AddHours(24), retryAt: null);
        await Outbox.MarkDeliveryFailedAsync([newer.Id], "HTTP 503", T0.AddHours(25), retryAt: null);

        var dead = await Outbox.GetDeadLettersAsync(10);
        var newest = await Outbox.GetDeadLettersAsync(1);

        dead.Should().Equal(
            newer with { Attempts = 1, LastError = "HTTP 503", FailedAt = T0.AddHours(25) },
            older with { Attempts = 1, LastError = "HTTP 502", FailedAt = T0.AddHours(24) });
        newest.Should().ContainSingle().Which.Sink.Should().Be("pager");
    }

    [TestCase(0)]
    [TestCase(-1)]
    public async Task GetDeadLettersAsync_LimitZeroOrNegative_ThrowsArgumentOutOfRange(int limit)
    {
        var read = () => Outbox.GetDeadLettersAsync(limit);

        (await read.Should().ThrowAsync<ArgumentOutOfRangeException>()).WithParameterName("limit");
    }

    [Test]
    public async Task MarkAsync_NullArguments_ThrowArgumentNull()
    {
        var delivered = () => Outbox.MarkDeliveredAsync(null!, T0);
        var failedIds = () => Outbox.MarkDeliveryFailedAsync(null!, "e", T0, null);
        var failedError = () => Outbox.MarkDeliveryFailedAsync([Guid.NewGuid()], null!, T0, null);

        (await delivered.Should().ThrowAsync<ArgumentNullException>()).WithParameterName("deliveryIds");
        (await failedIds.Should().ThrowAsync<ArgumentNullException>()).WithParameterName("deliveryIds");
        (await failedError.Should().ThrowAsync<ArgumentNullException>()).WithParameterName("error");
    }

    [Test]
    public async Task SaveAlertsAsync_DeliveryIdAlreadyStored_KeepsTheStoredEntry()
    {
        var alert = StoreTestData.Alert("p", "cpu", T0);
        var delivery = Delivery(alert, "telegram", T0);
        await Outbox.SaveAlertsAsync([alert], [delivery]);
        await Outbox.MarkDeliveryFailedAsync([delivery.Id], "timeout", T0, T0.AddSeconds(30));

        await Outbox.SaveAlertsAsync([alert], [delivery with { Sink = "log", NextAttemptAt = T0 }]);

        var stored = (await Outbox.GetPendingDeliveriesAsync(T0.AddHours(1), 10)).Single();
        stored.Attempts.Should().Be(1);
        stored.Should().Be(delivery with { Attempts = 1, LastError = "timeout", NextAttemptAt = T0.AddSeconds(30) });
    }

    [Test]
    public async Task SaveSilenceAsync_ThenGetSilencesAsync_RoundTripsAndOmitsEndedOnes()
    {
        var everything = new AlertSilence { Id = Guid.NewGuid(), CreatedAt = T0, Until = T0.AddHours(2), Reason = "exchange maintenance", CreatedBy = "ops" };
        var oneRule = everything with { Id = Guid.NewGuid(), PluginId = "v6-*", RuleId = "cpu", MaxLevel = AlertLevel.High, Until = T0.AddHours(1) };
        var ended = everything with { Id = Guid.NewGuid(), Until = T0.AddMinutes(30) };
        await _store.SaveSilenceAsync(everything);
        await _store.SaveSilenceAsync(oneRule);
        await _store.SaveSilenceAsync(ended);
        await _store.SaveSilenceAsync(ended with { Until = T0.AddMinutes(5) });

        (await _store.GetSilencesAsync(T0.AddMinutes(10))).Should().Equal(oneRule, everything);
    }

    [Test]
    public async Task GetSilencesAsync_UntilIsNow_HasEnded()
    {
        var silence = new AlertSilence { Id = Guid.NewGuid(), CreatedAt = T0, Until = T0.AddHours(1), Reason = "r", CreatedBy = "ops" };
        await _store.SaveSilenceAsync(silence);

        (await _store.GetSilencesAsync(T0.AddHours(1).AddTicks(-1))).Should().Equal(silence);
        (await _store.GetSilencesAsync(T0.AddHours(1))).Should().BeEmpty();
    }

    [Test]
    public async Task SaveSilenceAsync_Null_ThrowsArgumentNull()
    {
        var act = () => _store.SaveSilenceAsync(null!);

        (await act.Should().ThrowAsync<ArgumentNullException>()).WithParameterName("silence");
    }

    private static AlertDelivery Delivery(HealthAlert alert, string sink, DateTimeOffset due) => new()
    {
        Id = Guid.NewGuid(),
        NotificationId = Guid.NewGuid(),
        AlertId = alert.Id,
        Sink = sink,
        AlertState = alert.State,
        AlertLevel = alert.Level,
        CreatedAt = T0.AddTicks(1),
        NextAttemptAt = due,
    };
}
