namespace ZepixHealth.Monitoring.Tests.Storage;

public class SqliteHealthStoreRetentionTests
{
    private static readonly DateTimeOffset T0 = StoreTestData.Start;

    [Test]
    public async Task RunRetentionAsync_SnapshotsOlderThanRetention_DeletedInSmallBatchesNewerKept()
    {
        await using var fixture = new StoreFixture(configure: o => o.SnapshotRetention = TimeSpan.FromDays(7));
        fixture.Store.RetentionBatchSize = 7;
        var store = await fixture.StartAsync();
        for (var day = 0; day < 10; day++)
        {
            await store.AppendSnapshotsAsync(StoreTestData.Cycle(5, T0.AddDays(day)));
        }

        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        fixture.Time.Advance(TimeSpan.FromDays(9) + TimeSpan.FromMinutes(1));

        await store.RunRetentionAsync().WaitAsync(TimeSpan.FromSeconds(20));

        var kept = await store.GetHistoryAsync("plugin-003", T0.AddYears(-1), T0.AddYears(1));
        kept.Select(s => s.Timestamp).Should().Equal(Enumerable.Range(3, 7).Select(d => T0.AddDays(d)));
        (await store.GetLatestSnapshotsAsync()).Should().HaveCount(5);
        // The hourly timer also ran while the clock was advanced; together the passes deleted each old row once.
        fixture.Logger.WithId(3009).Sum(e => long.Parse(e.Message.Split(' ')[5], System.Globalization.CultureInfo.InvariantCulture)).Should().Be(15);
    }

    [Test]
    public async Task RunRetentionAsync_ResolvedAlertsPastRetention_DeletedWithTheirDeliveriesFiringKept()
    {
        await using var fixture = new StoreFixture(configure: o => o.AlertRetention = TimeSpan.FromDays(90));
        fixture.Store.RetentionBatchSize = 2;
        var store = await fixture.StartAsync();
        var oldResolved = Enumerable.Range(0, 5)
            .Select(i => StoreTestData.Alert("p", $"r{i}", T0) with { State = AlertState.Resolved, ResolvedAt = T0.AddHours(i) })
            .ToArray();
        var recentResolved = StoreTestData.Alert("p", "recent", T0) with { State = AlertState.Resolved, ResolvedAt = T0.AddDays(50) };
        var oldFiring = StoreTestData.Alert("p", "still-firing", T0.AddDays(-400));
        var delivery = new AlertDelivery
        {
            Id = Guid.NewGuid(),
            NotificationId = Guid.NewGuid(),
            AlertId = oldResolved[0].Id,
            Sink = "telegram",
            AlertState = AlertState.Resolved,
            AlertLevel = AlertLevel.High,
            CreatedAt = T0,
            NextAttemptAt = T0,
        };
        await store.SaveAlertsAsync([.. oldResolved, recentResolved, oldFiring], [delivery]);
        fixture.Time.Advance(TimeSpan.FromDays(100));

        await store.RunRetentionAsync().WaitAsync(TimeSpan.FromSeconds(20));

        (await store.GetRecentAlertsAsync(100)).Select(a => a.RuleId).Should().BeEquivalentTo(["recent", "still-firing"]);
        (await store.GetPendingDeliveriesAsync(T0.AddYears(1), 10)).Should().BeEmpty();
    }

    [Test]
    public async Task RetentionTimer_HostJustStarted_FirstPassRunsAfterTheStartDelayThenEveryInterval()
    {
        await using var fixture = new StoreFixture(configure: o =>
        {
            o.SnapshotRetention = TimeSpan.FromMinutes(30);
            o.RetentionInterval = TimeSpan.FromMinutes(10);
        });
        var store = await fixture.StartAsync();
        await store.AppendSnapshotsAsync(StoreTestData.Cycle(3, T0.AddHours(-2)));
        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        // A host that restarts every few minutes must still delete: the first pass is a minute after start.
        fixture.Time.Advance(TimeSpan.FromSeconds(59));
        store.LastRetention.IsCompleted.Should().BeTrue();
        (await store.GetLatestSnapshotsAsync()).Should().HaveCount(3, "the first pass has not run yet");
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await store.LastRetention.WaitAsync(TimeSpan.FromSeconds(20));
        (await store.GetLatestSnapshotsAsync()).Should().BeEmpty();

        await store.AppendSnapshotsAsync(StoreTestData.Cycle(2, fixture.Time.GetUtcNow().AddHours(-1)));
        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        fixture.Time.Advance(TimeSpan.FromMinutes(10));
        await store.LastRetention.WaitAsync(TimeSpan.FromSeconds(20));
        (await store.GetLatestSnapshotsAsync()).Should().BeEmpty("the next pass runs one RetentionInterval later");
    }
}
