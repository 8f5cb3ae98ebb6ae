namespace ZepixHealth.Monitoring.Tests.Storage;

public class SqliteHealthStoreRoundTripTests
{
    private static readonly DateTimeOffset T0 = StoreTestData.Start;

    [Test]
    public async Task AppendSnapshotsAsync_EveryFieldSet_ReadsBackEqualToTheTick()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        var snapshot = StoreTestData.Full("v3-combined", T0);

        await store.AppendSnapshotsAsync([snapshot]);
        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var history = await store.GetHistoryAsync("v3-combined", T0, T0);

        history.Should().ContainSingle();
        history[0].Should().BeEquivalentTo(snapshot, o => o.ComparingRecordsByMembers());
        history[0].Timestamp.UtcTicks.Should().Be(T0.UtcTicks);
        history[0].Availability.Uptime.Should().Be(snapshot.Availability.Uptime);
        history[0].Errors.LastErrorTimestamp.Should().Be(snapshot.Errors.LastErrorTimestamp);
        history[0].Performance.WinRatePct.Should().Be(0.1 + 0.2, "REAL keeps every bit of a double");
        history[0].Faults.Should().Equal(snapshot.Faults);
    }

    [Test]
    public async Task AppendSnapshotsAsync_EveryOptionalFieldNull_ReadsBackNullNotZero()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        var snapshot = StoreTestData.Minimal("v6-price-action-5m", T0);

        await store.AppendSnapshotsAsync([snapshot]);
        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var read = (await store.GetLatestSnapshotsAsync()).Single();

        read.Should().BeEquivalentTo(snapshot, o => o.ComparingRecordsByMembers());
        read.Performance.Should().Be(PluginPerformanceMetrics.Unknown);
        read.Resources.Should().Be(PluginResourceMetrics.Unknown);
        read.Errors.Should().Be(PluginErrorMetrics.Unknown);
        read.SelfTest.Should().BeNull();
        read.SelfTestCompletedAt.Should().BeNull();
        read.Availability.LastHeartbeat.Should().BeNull();
        read.Availability.Uptime.Should().BeNull();
        read.Faults.Should().BeEmpty();

        using var connection = fixture.Database.Open();
        TempDatabase.Scalar(connection, "SELECT count(*) FROM plugin_health_snapshots WHERE p95_execution_ms IS NULL AND memory_mb IS NULL AND faults IS NULL AND self_test_passed IS NULL")
            .Should().Be(1L);
    }

    [Test]
    public async Task AppendSnapshotsAsync_TimestampWithOffset_ReadsBackSameInstantInUtc()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        var local = new DateTimeOffset(2025, 6, 30, 23, 59, 59, TimeSpan.FromHours(5.5)).AddTicks(9_999_999);

        await store.AppendSnapshotsAsync([StoreTestData.Minimal("p", local)]);
        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var read = (await store.GetHistoryAsync("p", local, local)).Single();

        read.Timestamp.Should().Be(local);
        read.Timestamp.Offset.Should().Be(TimeSpan.Zero);
        read.Timestamp.UtcTicks.Should().Be(local.UtcTicks);
    }

    [Test]
    public async Task GetLatestSnapshotsAsync_SeveralPluginsAndCycles_ReturnsNewestOfEachOrderedById()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        for (var cycle = 0; cycle < 5; cycle++)
        {
            await store.AppendSnapshotsAsync(StoreTestData.Cycle(4, T0.AddSeconds(30 * cycle)));
        }

        await store.AppendSnapshotsAsync([StoreTestData.Minimal("late-joiner", T0.AddSeconds(15))]);
        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        var latest = await store.GetLatestSnapshotsAsync();

        latest.Select(s => s.PluginId).Should().Equal("late-joiner", "plugin-000", "plugin-001", "plugin-002", "plugin-003");
        latest.Single(s => s.PluginId == "plugin-002").Timestamp.Should().Be(T0.AddSeconds(120));
        latest.Single(s => s.PluginId == "late-joiner").Timestamp.Should().Be(T0.AddSeconds(15));
    }

    [Test]
    public async Task GetLatestSnapshotsAsync_EmptyStore_ReturnsEmpty()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();

        (await store.GetLatestSnapshotsAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task GetHistoryAsync_Range_ReturnsThatPluginsRowsInclusiveOldestFirst()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        for (var cycle = 0; cycle < 10; cycle++)
        {
            await store.AppendSnapshotsAsync(StoreTestData.Cycle(3, T0.AddSeconds(30 * cycle)));
        }

        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        var history = await store.GetHistoryAsync("plugin-001", T0.AddSeconds(60), T0.AddSeconds(150));

        history.Select(s => s.Timestamp).Should().Equal(T0.AddSeconds(60), T0.AddSeconds(90), T0.AddSeconds(120), T0.AddSeconds(150));
        history.Should().OnlyContain(s => s.PluginId == "plugin-001");
    }

    [Test]
    public async Task SaveAlertsAsync_EveryFieldSet_ReadsBackEqual()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
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
        };

        await store.SaveAlertsAsync([alert], []);

        (await store.GetAlertAsync(alert.Id)).Should().Be(alert);
        (await store.GetRecentAlertsAsync(10)).Should().Equal(alert);
        (await store.GetOpenAlertsAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task SaveAlertsAsync_OptionalFieldsNull_ReadsBackNull()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        var alert = new HealthAlert
        {
            Id = Guid.NewGuid(),
            PluginId = "p",
            RuleId = "availability",
            Level = AlertLevel.Warning,
            Message = "dead",
            RaisedAt = T0,
        };

        await store.SaveAlertsAsync([alert], []);

        var read = await store.GetAlertAsync(alert.Id);
        read.Should().Be(alert);
        read!.Value.Should().BeNull();
        read.ResolvedAt.Should().BeNull();
        read.LastSentAt.Should().BeNull();
    }

    [Test]
    public async Task SaveAlertsAsync_SameIdAgain_UpdatesTheRowInPlace()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        var firing = StoreTestData.Alert("p", "cpu", T0);
        await store.SaveAlertsAsync([firing], []);

        var resolved = firing with { State = AlertState.Resolved, ResolvedAt = T0.AddMinutes(3), SendCount = 2, Level = AlertLevel.Critical };
        await store.SaveAlertsAsync([resolved], []);

        (await store.GetRecentAlertsAsync(10)).Should().Equal(resolved);
    }

    [Test]
    public async Task GetOpenAlertsAsync_FiringAndResolved_ReturnsOnlyFiringOldestFirst()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        var a = StoreTestData.Alert("p1", "cpu", T0.AddMinutes(2));
        var b = StoreTestData.Alert("p2", "memory", T0.AddMinutes(1));
        var c = StoreTestData.Alert("p3", "availability", T0) with { State = AlertState.Resolved, ResolvedAt = T0.AddMinutes(4) };
        await store.SaveAlertsAsync([a, b, c], []);

        (await store.GetOpenAlertsAsync()).Should().Equal(b, a);
    }

    [Test]
    public async Task SaveSilenceAsync_ThenGetSilencesAsync_RoundTripsAndOmitsEndedOnes()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        var everything = new AlertSilence { Id = Guid.NewGuid(), CreatedAt = T0, Until = T0.AddHours(2), Reason = "exchange maintenance", CreatedBy = "ops" };
        var oneRule = everything with { Id = Guid.NewGuid(), PluginId = "v3-combined", RuleId = "cpu", Until = T0.AddHours(1) };
        var ended = everything with { Id = Guid.NewGuid(), Until = T0.AddMinutes(30) };
        await store.SaveSilenceAsync(everything);
        await store.SaveSilenceAsync(oneRule);
        await store.SaveSilenceAsync(ended);
        await store.SaveSilenceAsync(ended with { Until = T0.AddMinutes(5) });

        (await store.GetSilencesAsync(T0.AddMinutes(10))).Should().Equal(oneRule, everything);
    }

    [Test]
    public async Task GetRecentAlertsAsync_Limit_ReturnsNewestFirst()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        var alerts = Enumerable.Range(0, 5).Select(i => StoreTestData.Alert("p", $"rule{i}", T0.AddMinutes(i))).ToArray();
        await store.SaveAlertsAsync(alerts, []);

        (await store.GetRecentAlertsAsync(2)).Should().Equal(alerts[4], alerts[3]);
    }

    [Test]
    public async Task GetPendingDeliveriesAsync_MixedEntries_ReturnsOnlyDueUndeliveredNotGivenUp()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        var alert = StoreTestData.Alert("p", "cpu", T0);
        var due = Delivery(alert, "telegram", T0);
        var later = Delivery(alert, "log", T0.AddMinutes(10));
        var delivered = Delivery(alert, "email", T0);
        var givenUp = Delivery(alert, "webhook", T0);
        await store.SaveAlertsAsync([alert], [due, later, delivered, givenUp]);

        await store.MarkDeliveredAsync([delivered.Id], T0.AddSeconds(1));
        await store.MarkDeliveryFailedAsync([givenUp.Id], "HTTP 500", T0.AddSeconds(2), retryAt: null);

        var pending = await store.GetPendingDeliveriesAsync(T0.AddMinutes(1), 100);
        pending.Should().Equal(due);

        var all = await store.GetPendingDeliveriesAsync(T0.AddHours(1), 100);
        all.Should().Equal(due, later);
    }

    [Test]
    public async Task MarkDeliveryFailedAsync_WithRetry_CountsAttemptKeepsErrorAndReschedules()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        var alert = StoreTestData.Alert("p", "cpu", T0);
        var delivery = Delivery(alert, "telegram", T0);
        await store.SaveAlertsAsync([alert], [delivery]);

        await store.MarkDeliveryFailedAsync([delivery.Id], "timeout", T0.AddSeconds(5), T0.AddSeconds(35));
        await store.MarkDeliveryFailedAsync([delivery.Id], "HTTP 429", T0.AddSeconds(40), T0.AddSeconds(100));

        (await store.GetPendingDeliveriesAsync(T0.AddSeconds(99), 10)).Should().BeEmpty();
        var read = (await store.GetPendingDeliveriesAsync(T0.AddSeconds(100), 10)).Single();
        read.Should().Be(delivery with { Attempts = 2, LastError = "HTTP 429", NextAttemptAt = T0.AddSeconds(100) });
    }

    [Test]
    public async Task SaveAlertsAsync_DeliveryIdAlreadyStored_KeepsTheStoredEntry()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        var alert = StoreTestData.Alert("p", "cpu", T0);
        var delivery = Delivery(alert, "telegram", T0);
        await store.SaveAlertsAsync([alert], [delivery]);
        await store.MarkDeliveryFailedAsync([delivery.Id], "timeout", T0, T0.AddSeconds(30));

        await store.SaveAlertsAsync([alert], [delivery]);

        (await store.GetPendingDeliveriesAsync(T0.AddHours(1), 10)).Single().Attempts.Should().Be(1);
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
