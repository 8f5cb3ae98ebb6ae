using System.Globalization;

namespace ZepixHealth.Monitoring.Tests.Storage;

public class SqliteHealthStoreRollupTests
{
    // On an hour boundary, so that 5-minute and hourly buckets fall whole into the charts' hourly buckets.
    private static readonly DateTimeOffset T0 = new(2025, 3, 15, 0, 0, 0, TimeSpan.Zero);

    private static void YearOfRollups(SqliteHealthStoreOptions o)
    {
        o.SnapshotRetention = TimeSpan.FromDays(1);
        o.Rollups.Add(new SqliteRollupLevel { Width = TimeSpan.FromMinutes(5), Retention = TimeSpan.FromDays(30) });
        o.Rollups.Add(new SqliteRollupLevel { Width = TimeSpan.FromHours(1), Retention = TimeSpan.FromDays(365) });
        o.RetentionInterval = TimeSpan.FromDays(7);
        o.RetentionStartDelay = TimeSpan.FromDays(7);

        // The tests append days of cycles at once: none may be dropped for a full queue.
        o.QueueCapacity = 1_000_000;
    }

    [Test]
    public async Task RunRetentionAsync_RowsPastSnapshotRetention_FoldedIntoFiveMinuteBucketsThatTheChartsStillRead()
    {
        await using var fixture = new StoreFixture(configure: YearOfRollups);
        fixture.Store.RetentionBatchSize = 37;
        var store = await fixture.StartAsync();
        var written = await AppendAsync(store, plugins: 2, hours: 72);
        // The cutoff falls half-way through an hour: that hour's chart bucket merges roll-ups and full rows.
        fixture.Time.SetUtcNow(T0.AddHours(72).AddMinutes(30));
        var before = await store.GetHistoryBucketsAsync("plugin-001", T0, T0.AddHours(72), TimeSpan.FromHours(1));

        await store.RunRetentionAsync().WaitAsync(TimeSpan.FromSeconds(60));

        (await store.GetHistoryAsync("plugin-001", T0, T0.AddHours(72))).Should().HaveCount((23 * 120) + 60, "only the last day stays at full resolution");
        var after = await store.GetHistoryBucketsAsync("plugin-001", T0, T0.AddHours(72), TimeSpan.FromHours(1));
        ShouldMatch(after, before);
        ShouldMatch(after, PluginHistoryBuckets.FromSnapshots(written.Where(s => s.PluginId == "plugin-001").ToList(), T0, TimeSpan.FromHours(1)));
        CountRollups(fixture.Database, TimeSpan.FromMinutes(5)).Should().Be(2 * ((48 * 12) + 6), "two plugins × 48.5 hours in buckets of 5 minutes");
        fixture.Logger.WithId(3009).Should().ContainSingle().Which.Message.Should().Contain($"deleted {2 * ((48 * 120) + 60)} snapshots");
    }

    [Test]
    public async Task RunRetentionAsync_FiveMinuteBucketsPastTheirRetention_FoldedIntoHoursThenDeletedAfterAYear()
    {
        await using var fixture = new StoreFixture(configure: YearOfRollups);
        fixture.Store.RetentionBatchSize = 50;
        var store = await fixture.StartAsync();
        var written = await AppendAsync(store, plugins: 2, hours: 6);
        var expected = PluginHistoryBuckets.FromSnapshots(written.Where(s => s.PluginId == "plugin-000").ToList(), T0, TimeSpan.FromHours(1));
        fixture.Time.SetUtcNow(T0.AddDays(2));
        await store.RunRetentionAsync().WaitAsync(TimeSpan.FromSeconds(60));

        fixture.Time.SetUtcNow(T0.AddDays(40));
        await store.RunRetentionAsync().WaitAsync(TimeSpan.FromSeconds(60));

        CountRollups(fixture.Database, TimeSpan.FromMinutes(5)).Should().Be(0);
        CountRollups(fixture.Database, TimeSpan.FromHours(1)).Should().Be(2 * 6);
        ShouldMatch(await store.GetHistoryBucketsAsync("plugin-000", T0, T0.AddDays(1), TimeSpan.FromHours(1)), expected);

        fixture.Time.SetUtcNow(T0.AddDays(366));
        await store.RunRetentionAsync().WaitAsync(TimeSpan.FromSeconds(60));

        (await store.GetHistoryBucketsAsync("plugin-000", T0, T0.AddDays(1), TimeSpan.FromHours(1))).Should().BeEmpty();
        CountRollups(fixture.Database, TimeSpan.FromHours(1)).Should().Be(0);
    }

    [Test]
    public async Task RunRetentionAsync_RowArrivesLateForABucketAlreadyFolded_MergedIntoIt()
    {
        await using var fixture = new StoreFixture(configure: YearOfRollups);
        var store = await fixture.StartAsync();
        await AppendAsync(store, plugins: 1, hours: 1);
        fixture.Time.SetUtcNow(T0.AddDays(2));
        await store.RunRetentionAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var late = Snapshot(0, T0.AddMinutes(1).AddSeconds(15), 0) with
        {
            Availability = new PluginAvailabilityMetrics { Status = PluginHealthStatus.Dead, IsRunning = false, IsResponsive = false },
            Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 1_000 },
        };
        await store.AppendSnapshotsAsync([late]);
        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        await store.RunRetentionAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var bucket = (await store.GetHistoryBucketsAsync("plugin-000", T0, T0.AddMinutes(4), TimeSpan.FromMinutes(5))).Should().ContainSingle().Subject;
        bucket.Samples.Should().Be(11);
        bucket.WorstStatus.Should().Be(PluginHealthStatus.Dead);
        bucket.P95ExecutionTimeMs!.Value.Max.Should().Be(1_000);
        CountRollups(fixture.Database, TimeSpan.FromMinutes(5)).Should().Be(12);
    }

    [Test]
    public async Task Rollups_YearOfHistoryFor100Plugins_StaysUnderOneGigabyte()
    {
        // Measured on a real file: bytes per full row and per roll-up row, then the year projected from them.
        const int Plugins = 20;
        await using var fixture = new StoreFixture(configure: YearOfRollups);
        var store = await fixture.StartAsync();
        await AppendAsync(store, Plugins, hours: 24);
        var fullRow = BytesInUse(fixture.Database) / (Plugins * 24 * 120.0);
        fixture.Time.SetUtcNow(T0.AddDays(2));

        await store.RunRetentionAsync().WaitAsync(TimeSpan.FromSeconds(120));

        CountRollups(fixture.Database, TimeSpan.FromMinutes(5)).Should().Be(Plugins * 288);
        var rollupRow = BytesInUse(fixture.Database) / (Plugins * 288.0);
        var perPluginYear = (2_880 * fullRow) + (30 * 288 * rollupRow) + (335 * 24 * rollupRow);
        var year100 = 100 * perPluginYear;
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"full row {fullRow:F0} B, roll-up row {rollupRow:F0} B; a year of 100 plugins: {year100 / 1e6:F0} MB"));
        fullRow.Should().BeLessThan(300);
        rollupRow.Should().BeLessThan(300);
        year100.Should().BeLessThan(1e9);
    }

    [Test]
    public void Validate_RollupLevelsOutOfOrder_NamesTheLevelAndTheValue()
    {
        var options = new SqliteHealthStoreOptions { SnapshotRetention = TimeSpan.FromDays(1) };
        options.Rollups.Add(new SqliteRollupLevel { Width = TimeSpan.FromMinutes(5), Retention = TimeSpan.FromDays(30) });
        options.Rollups.Add(new SqliteRollupLevel { Width = TimeSpan.FromMinutes(7), Retention = TimeSpan.FromDays(10) });

        var result = new SqliteHealthStoreOptionsValidator().Validate(null, options);

        result.Failures.Should().BeEquivalentTo(
            "PluginHealth:Sqlite:Rollups:1:Width must be whole seconds, at least 00:01:00 and a multiple of the previous level's width (00:05:00); was '00:07:00'.",
            "PluginHealth:Sqlite:Rollups:1:Retention must be longer than the previous level's retention (30.00:00:00) and at most 3650.00:00:00; was '10.00:00:00'.");
    }

    private static async Task<List<PluginHealthSnapshot>> AppendAsync(SqliteHealthStore store, int plugins, int hours)
    {
        var written = new List<PluginHealthSnapshot>();
        for (var cycle = 0; cycle < hours * 120; cycle++)
        {
            var snapshots = Enumerable.Range(0, plugins).Select(p => Snapshot(p, T0.AddSeconds(30 * cycle), cycle)).ToArray();
            written.AddRange(snapshots);
            await store.AppendSnapshotsAsync(snapshots);
        }

        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return written;
    }

    // Values that vary, never whole numbers (SQLite would store those in fewer bytes), and an outage now and then.
    private static PluginHealthSnapshot Snapshot(int plugin, DateTimeOffset timestamp, int cycle) => new()
    {
        PluginId = $"plugin-{plugin:D3}",
        Timestamp = timestamp,
        Availability = new PluginAvailabilityMetrics
        {
            Status = cycle % 97 == 5 ? PluginHealthStatus.Hung : PluginHealthStatus.Healthy,
            IsRunning = true,
            IsResponsive = cycle % 97 != 5,
            LastHeartbeat = timestamp.AddSeconds(-2),
            Uptime = TimeSpan.FromSeconds(30 * cycle),
        },
        Performance = new PluginPerformanceMetrics
        {
            AvgExecutionTimeMs = 10.37 + (cycle % 13),
            P95ExecutionTimeMs = 40.13 + (cycle % 29) + plugin,
            P99ExecutionTimeMs = 90.71 + (cycle % 31),
            SignalsProcessed1h = 100 + (cycle % 50),
            OrdersPlaced1h = 10 + (cycle % 7),
        },
        Resources = new PluginResourceMetrics { MemoryUsageMb = 200.17 + (cycle % 41), CpuUsagePct = 3.3 + (cycle % 11), Threads = 20 },
        Errors = new PluginErrorMetrics { TotalErrors = cycle / 100, ErrorRatePct = (cycle % 17) * 0.13 },
    };

    private static void ShouldMatch(IReadOnlyList<PluginHistoryBucket> actual, IReadOnlyList<PluginHistoryBucket> expected)
    {
        actual.Select(b => (b.Start, b.Samples, b.WorstStatus)).Should().Equal(expected.Select(b => (b.Start, b.Samples, b.WorstStatus)));
        for (var i = 0; i < expected.Count; i++)
        {
            foreach (var (a, e) in new[]
            {
                (actual[i].P95ExecutionTimeMs, expected[i].P95ExecutionTimeMs), (actual[i].P99ExecutionTimeMs, expected[i].P99ExecutionTimeMs),
                (actual[i].ErrorRatePct, expected[i].ErrorRatePct), (actual[i].MemoryUsageMb, expected[i].MemoryUsageMb),
                (actual[i].CpuUsagePct, expected[i].CpuUsagePct), (actual[i].SignalsProcessed1h, expected[i].SignalsProcessed1h),
            })
            {
                a.Should().NotBeNull();
                a!.Value.Min.Should().Be(e!.Value.Min);
                a.Value.Max.Should().Be(e.Value.Max);
                a.Value.Avg.Should().BeApproximately(e.Value.Avg, 1e-9);
            }
        }
    }

    private static long CountRollups(TempDatabase database, TimeSpan width)
    {
        using var connection = database.Open();
        return (long)TempDatabase.Scalar(connection, $"SELECT count(*) FROM health_snapshot_rollups WHERE width = {width.Ticks}")!;
    }

    private static double BytesInUse(TempDatabase database)
    {
        using var connection = database.Open();
        TempDatabase.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        var pages = (long)TempDatabase.Scalar(connection, "PRAGMA page_count")! - (long)TempDatabase.Scalar(connection, "PRAGMA freelist_count")!;
        return pages * (long)TempDatabase.Scalar(connection, "PRAGMA page_size")!;
    }
}
