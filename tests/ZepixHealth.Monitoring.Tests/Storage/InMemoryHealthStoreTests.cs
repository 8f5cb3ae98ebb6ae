using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Storage;

[TestFixture]
public sealed class InMemoryHealthStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public async Task SaveAlertsAsync_ManyResolvedAlertsAndFinishedDeliveries_KeepsTheNewestAndEveryOpenOne()
    {
        var store = new InMemoryHealthStore();
        var open = Alert(0) with { State = AlertState.Firing, ResolvedAt = null };
        var pending = Delivery(open.Id, 0);
        await store.SaveAlertsAsync([open], [pending]);

        const int Total = InMemoryHealthStore.MaxFinishedDeliveries + 5_000;
        for (var i = 1; i <= Total; i += 500)
        {
            var batch = Enumerable.Range(i, 500).ToArray();
            var alerts = batch.Select(Alert).ToList();
            var deliveries = batch.Select(n => Delivery(alerts[n - i].Id, n) with { DeliveredAt = T0.AddSeconds(n) }).ToList();
            await store.SaveAlertsAsync(alerts, deliveries);
        }

        var recent = await store.GetRecentAlertsAsync(int.MaxValue);
        recent.Count(a => a.State == AlertState.Resolved).Should().BeInRange(InMemoryHealthStore.MaxResolvedAlerts, InMemoryHealthStore.MaxResolvedAlerts + 1000);
        recent.Should().Contain(a => a.Id == open.Id, "a firing alert is never trimmed");
        recent.Max(a => a.RaisedAt).Should().Be(T0.AddSeconds(Total), "the newest are kept");
        store.AllDeliveries().Count.Should().BeInRange(InMemoryHealthStore.MaxFinishedDeliveries, InMemoryHealthStore.MaxFinishedDeliveries + 1001);
        (await store.GetPendingDeliveriesAsync(DateTimeOffset.MaxValue, 10)).Should().ContainSingle().Which.Id.Should().Be(pending.Id);
    }

    [Test]
    public async Task AppendSnapshotsAsync_TwoDaysOfCycles_KeepsAnHourInFullAndADayOfSummaries()
    {
        var store = new InMemoryHealthStore();
        const int Cycles = 2 * 2880;
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            await store.AppendSnapshotsAsync([Cycle("p", cycle)]);
        }

        var end = T0.AddSeconds(30 * (Cycles - 1));
        var history = await store.GetHistoryAsync("p", DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

        store.HistoryFootprint("p").Should().Be((InMemoryHealthStore.FullResolutionSnapshots, InMemoryHealthStore.Summaries));
        history.Should().HaveCount(InMemoryHealthStore.FullResolutionSnapshots + InMemoryHealthStore.Summaries);
        history[0].Timestamp.Should().BeAfter(end.AddHours(-26)).And.BeBefore(end.AddHours(-24), "a day of summaries before the full hour");
        history.Select(s => s.Timestamp).Should().BeInAscendingOrder();
    }

    [Test]
    public async Task GetHistoryAsync_MoreThanTheFullResolution_NewestKeptExactlyOlderAsOneSnapshotPerSummary()
    {
        var store = new InMemoryHealthStore();
        var appended = Enumerable.Range(0, 200).Select(cycle => Cycle("p", cycle)).ToList();
        foreach (var snapshot in appended)
        {
            await store.AppendSnapshotsAsync([snapshot]);
        }

        var history = await store.GetHistoryAsync("p", T0, T0.AddHours(2));

        // 80 cycles (40 minutes) left the full resolution: four summaries of ten minutes, each at its newest instant.
        history.Should().HaveCount(4 + 120);
        history.Skip(4).Should().BeEquivalentTo(appended.Skip(80), o => o.ComparingRecordsByMembers().WithStrictOrdering());
        var first = history[0];
        first.Timestamp.Should().Be(T0.AddSeconds(30 * 19));
        first.Availability.Status.Should().Be(PluginHealthStatus.Dead, "cycle 7 of the first ten minutes was Dead: the worst status is kept");
        first.Performance.P95ExecutionTimeMs.Should().Be(Enumerable.Range(0, 20).Average(c => P95Of(c)));
        first.Resources.MemoryUsageMb.Should().Be(64);
        first.Performance.AvgExecutionTimeMs.Should().BeNull("a summary keeps only the charted figures");
        history[1].Availability.Status.Should().Be(PluginHealthStatus.Healthy);
    }

    [Test]
    public async Task GetHistoryBucketsAsync_AcrossSummariesAndFullResolution_GivesExactMinAvgMax()
    {
        var store = new InMemoryHealthStore();
        const int Cycles = 360;
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            await store.AppendSnapshotsAsync([Cycle("p", cycle)]);
        }

        var buckets = await store.GetHistoryBucketsAsync("p", T0, T0.AddHours(3), TimeSpan.FromHours(1));

        buckets.Select(b => b.Samples).Should().Equal(120, 120, 120);
        for (var hour = 0; hour < 3; hour++)
        {
            var values = Enumerable.Range(hour * 120, 120).Select(c => P95Of(c)).ToList();
            buckets[hour].P95ExecutionTimeMs.Should().Be(new MetricRange(values.Min(), values.Average(), values.Max()), $"hour {hour}");
        }

        buckets[0].WorstStatus.Should().Be(PluginHealthStatus.Dead);
        buckets[2].WorstStatus.Should().Be(PluginHealthStatus.Healthy);
    }

    [Test]
    public async Task ForgetPlugins_AfterSummaries_DropsTheWholeHistory()
    {
        var store = new InMemoryHealthStore();
        for (var cycle = 0; cycle < 300; cycle++)
        {
            await store.AppendSnapshotsAsync([Cycle("p", cycle)]);
        }

        store.ForgetPlugins(["p"]);

        store.HistoryFootprint("p").Should().Be((0, 0));
        (await store.GetHistoryBucketsAsync("p", T0, T0.AddHours(3), TimeSpan.FromHours(1))).Should().BeEmpty();
    }

    [Test]
    public void InMemorySnapshotRow_Size_StaysWithinTheStatedFootprint()
    {
        System.Runtime.CompilerServices.Unsafe.SizeOf<InMemorySnapshotRow>().Should().BeLessThanOrEqualTo(216);
        System.Runtime.CompilerServices.Unsafe.SizeOf<InMemoryHistorySummary>().Should().BeLessThanOrEqualTo(128);
    }

    [Test]
    public void InMemorySnapshotRow_HoldsNoReference()
    {
        System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<InMemorySnapshotRow>().Should().BeFalse(
            "a row with a reference, copied into a long-lived ring, makes every later garbage collection scan it");
    }

    [Test]
    public async Task GetHistoryAsync_TextsThatChangeWhileTheRingGrowsAndWraps_StayWithTheirSnapshots()
    {
        // Texts change every few cycles and repeat in between, so rows share texts; the ring grows from
        // one row (checked before it is full), then wraps, and older rows move into summaries.
        var store = new InMemoryHealthStore();
        var appended = new List<PluginHealthSnapshot>();
        for (var cycle = 0; cycle < InMemoryHealthStore.FullResolutionSnapshots * 3; cycle++)
        {
            appended.Add(WithTexts(Cycle("p", cycle), cycle));
            await store.AppendSnapshotsAsync([appended[^1]]);
            if (cycle == InMemoryHealthStore.FullResolutionSnapshots - 5)
            {
                await ShouldKeepTextsAsync(store, appended);
            }
        }

        await ShouldKeepTextsAsync(store, appended.TakeLast(InMemoryHealthStore.FullResolutionSnapshots).ToList());
    }

    [Test]
    public async Task AppendSnapshotsAsync_TextsThatChangeEveryCycle_KeepOneRunPerRowAtMost()
    {
        var store = new InMemoryHealthStore();
        for (var cycle = 0; cycle < InMemoryHealthStore.FullResolutionSnapshots * 5; cycle++)
        {
            await store.AppendSnapshotsAsync([Cycle("p", cycle) with { Faults = [$"fault {cycle}"] }]);
        }

        store.TextRunsKept("p").Should().BeLessThanOrEqualTo(InMemoryHealthStore.FullResolutionSnapshots, "texts of rows gone into summaries are forgotten");
    }

    private static readonly SelfTestResult[] SelfTests = [SelfTestResult.Pass(), SelfTestResult.Fail("feed down")];

    private static PluginHealthSnapshot WithTexts(PluginHealthSnapshot snapshot, int cycle)
    {
        var phase = cycle / 3 % 4;
        return snapshot with
        {
            Availability = snapshot.Availability with { Reason = phase == 1 ? $"reason {cycle / 3}" : null },
            Errors = new PluginErrorMetrics { LastErrorMessage = phase == 2 ? "timeout" : null, LastErrorType = phase == 2 ? "TimeoutException" : null },
            SelfTest = phase == 3 ? null : SelfTests[cycle / 12 % 2],
            Faults = phase == 0 ? [$"fault {cycle / 3}"] : [],
        };
    }

    private static async Task ShouldKeepTextsAsync(InMemoryHealthStore store, List<PluginHealthSnapshot> kept)
    {
        static (string?, string?, string?, SelfTestResult?, string) TextsOf(PluginHealthSnapshot s) =>
            (s.Availability.Reason, s.Errors.LastErrorMessage, s.Errors.LastErrorType, s.SelfTest, string.Join("|", s.Faults));

        var history = await store.GetHistoryAsync("p", kept[0].Timestamp, kept[^1].Timestamp);
        history.Select(TextsOf).Should().Equal(kept.Select(TextsOf));
    }

    // Whole numbers, so that float summaries give exact means.
    private static double P95Of(int cycle) => 10 + (cycle % 7);

    private static PluginHealthSnapshot Cycle(string pluginId, int cycle) => StoreTestData.Full(pluginId, T0.AddSeconds(30 * cycle)) with
    {
        Availability = new PluginAvailabilityMetrics { Status = cycle == 7 ? PluginHealthStatus.Dead : PluginHealthStatus.Healthy, IsRunning = cycle != 7, IsResponsive = true },
        Performance = new PluginPerformanceMetrics { AvgExecutionTimeMs = 3, P95ExecutionTimeMs = P95Of(cycle), P99ExecutionTimeMs = 30, SignalsProcessed1h = cycle },
        Resources = new PluginResourceMetrics { MemoryUsageMb = 64, CpuUsagePct = 1.5 },
    };

    private static HealthAlert Alert(int n) => new()
    {
        Id = Guid.NewGuid(),
        PluginId = "p",
        RuleId = "cpu",
        Level = AlertLevel.Warning,
        Message = "m",
        RaisedAt = T0.AddSeconds(n),
        State = AlertState.Resolved,
        ResolvedAt = T0.AddSeconds(n + 1),
    };

    private static AlertDelivery Delivery(Guid alertId, int n) => new()
    {
        Id = Guid.NewGuid(),
        NotificationId = Guid.NewGuid(),
        AlertId = alertId,
        Sink = "log",
        AlertState = AlertState.Firing,
        AlertLevel = AlertLevel.Warning,
        CreatedAt = T0.AddSeconds(n),
        NextAttemptAt = T0.AddSeconds(n),
    };
}
