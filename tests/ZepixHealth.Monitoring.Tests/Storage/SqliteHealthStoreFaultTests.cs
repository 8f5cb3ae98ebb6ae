using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring.Tests.Storage;

/// <summary>
/// Each fault is produced for real against a real file. Back-off waits run on a fake clock: a test
/// waits for the store's "write failed" log entry, then advances the clock past the retry delay.
/// </summary>
public class SqliteHealthStoreFaultTests
{
    private const int WriteFailed = 3004;
    private const int WriteRecovered = 3005;
    private const int SnapshotsDropped = 3006;
    private static readonly DateTimeOffset T0 = StoreTestData.Start;

    [Test]
    public async Task AppendSnapshotsAsync_AnotherConnectionHoldsTheWriteLock_ReturnsAtOnceLogsCauseAndWritesAfterRelease()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        using var host = fixture.Database.Open();
        TempDatabase.Execute(host, "BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS host_orders (id INTEGER PRIMARY KEY);");

        var append = store.AppendSnapshotsAsync(StoreTestData.Cycle(5, T0));

        append.IsCompletedSuccessfully.Should().BeTrue("a cycle never waits on the disk");
        var failed = await fixture.Logger.WaitForAsync(WriteFailed);
        failed.Level.Should().Be(LogLevel.Warning);
        failed.Message.Should().Contain("locked by another connection").And.Contain("SQLite error 5").And.Contain("retrying in 1 s");
        failed.Exception.Should().BeOfType<SqliteException>();
        store.QueuedSnapshotCount.Should().Be(5);

        TempDatabase.Execute(host, "COMMIT;");
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        (await store.GetLatestSnapshotsAsync()).Should().HaveCount(5);
        (await fixture.Logger.WaitForAsync(WriteRecovered)).Message.Should().Contain("after 1 failed attempts");
        store.DroppedSnapshotCount.Should().Be(0);
    }

    [Test]
    public async Task SaveAlertsAsync_DatabaseLocked_CompletesOnlyOnceTheAlertIsDurable()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        using var host = fixture.Database.Open();
        TempDatabase.Execute(host, "BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS host_orders (id INTEGER PRIMARY KEY);");
        var alert = StoreTestData.Alert("v3-combined", "availability", T0);

        var saving = store.SaveAlertsAsync([alert], []);
        await fixture.Logger.WaitForAsync(WriteFailed);

        saving.IsCompleted.Should().BeFalse("an alert is never dropped and never reported durable before it is");
        TempDatabase.Execute(host, "COMMIT;");
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await saving;

        using var reader = fixture.Database.Open();
        TempDatabase.Scalar(reader, "SELECT count(*) FROM health_alerts").Should().Be(1L);
    }

    [Test]
    public async Task AppendSnapshotsAsync_ConnectionOpenedReadOnly_LogsReadOnlyCauseRetriesAndKeepsSnapshotsQueued()
    {
        // Tests may run as root, for whom chmod does not stop writes; Mode=ReadOnly makes SQLite itself
        // refuse them with SQLITE_READONLY, the same error a read-only file or mount gives.
        using var database = new TempDatabase();
        await using (var writer = new StoreFixture(database))
        {
            await writer.StartAsync();
        }

        await using var fixture = new StoreFixture(database, o => o.ConnectionString = database.ConnectionString + ";Mode=ReadOnly");
        var store = await fixture.StartAsync();

        await store.AppendSnapshotsAsync(StoreTestData.Cycle(3, T0));
        var first = await fixture.Logger.WaitForAsync(WriteFailed);
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await fixture.Logger.WaitForAsync(WriteFailed, 2);

        first.Message.Should().Contain("read-only").And.Contain("SQLite error 8");
        second.Message.Should().Contain("attempt 2").And.Contain("retrying in 2 s");
        store.QueuedSnapshotCount.Should().Be(3);
        store.DroppedSnapshotCount.Should().Be(0);
        (await store.GetLatestSnapshotsAsync()).Should().BeEmpty("reads still work on a read-only file");
    }

    [Test]
    public async Task StartAsync_GarbageFile_ThrowsClearErrorAndLeavesTheFileAlone()
    {
        using var database = new TempDatabase();
        var garbage = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("this is a trading journal, not a database. ", 200)));
        await File.WriteAllBytesAsync(database.FilePath, garbage);
        await using var fixture = new StoreFixture(database);

        var act = () => fixture.Store.StartAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage($"*'{database.FilePath}' is not a SQLite database or is corrupt*will not overwrite it*")
            .WithInnerException<SqliteException>();
        (await File.ReadAllBytesAsync(database.FilePath)).Should().Equal(garbage);
        fixture.Logger.WithId(3003).Should().ContainSingle().Which.Level.Should().Be(LogLevel.Critical);
    }

    [Test]
    public async Task StartAsync_FolderMissing_StartsLogsCauseAndWritesOnceTheFolderExists()
    {
        using var database = new TempDatabase();
        var folder = Path.Combine(database.Folder, "not", "yet");
        var path = Path.Combine(folder, "health.db");
        await using var fixture = new StoreFixture(database, o => o.ConnectionString = $"Data Source={path}");

        await fixture.StartAsync();
        var deferred = await fixture.Logger.WaitForAsync(3002);
        await fixture.Store.AppendSnapshotsAsync(StoreTestData.Cycle(2, T0));
        var failed = await fixture.Logger.WaitForAsync(WriteFailed);

        deferred.Message.Should().Contain("folder missing").And.Contain("SQLite error 14");
        failed.Message.Should().Contain("folder missing");
        Directory.CreateDirectory(folder);
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await fixture.Store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        (await fixture.Store.GetLatestSnapshotsAsync()).Should().HaveCount(2);
    }

    [Test]
    public async Task AppendSnapshotsAsync_DatabaseFull_LogsCauseAndWritesOnceThereIsRoom()
    {
        // A real SQLITE_FULL from SQLite's pager, produced by capping the file's page count on the writer's
        // connection; filling a real disk would need a small mounted filesystem, which tests cannot create.
        await using var fixture = new StoreFixture();
        fixture.Store.WriterConnectionOpened = c => TempDatabase.Execute(c, "PRAGMA max_page_count = 12;");
        var store = await fixture.StartAsync();

        await store.AppendSnapshotsAsync(Enumerable.Range(0, 400).Select(i => StoreTestData.Full($"plugin-{i}", T0)).ToArray());
        var failed = await fixture.Logger.WaitForAsync(WriteFailed);

        failed.Message.Should().Contain("disk is full").And.Contain("SQLite error 13");
        store.QueuedSnapshotCount.Should().Be(400);
        fixture.Store.WriterConnectionOpened = null;
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        (await store.GetLatestSnapshotsAsync()).Should().HaveCount(400);
    }

    [Test]
    public async Task AppendSnapshotsAsync_QueueFull_DropsOldestCyclesCountsThemAndLogsOnce()
    {
        await using var fixture = new StoreFixture(configure: o => o.QueueCapacity = 10);

        // Not started yet, so nothing drains the queue.
        for (var cycle = 0; cycle < 4; cycle++)
        {
            await fixture.Store.AppendSnapshotsAsync(StoreTestData.Cycle(4, T0.AddSeconds(30 * cycle)));
        }

        fixture.Store.DroppedSnapshotCount.Should().Be(8);
        fixture.Store.QueuedSnapshotCount.Should().Be(8);
        fixture.Logger.WithId(SnapshotsDropped).Should().ContainSingle().Which.Message.Should().Contain("dropped the 4 oldest");

        var store = await fixture.StartAsync();
        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var stored = await store.GetHistoryAsync("plugin-000", T0, T0.AddHours(1));
        stored.Select(s => s.Timestamp).Should().Equal(T0.AddSeconds(60), T0.AddSeconds(90));
    }

    [Test]
    public async Task AppendSnapshotsAsync_WriterFailingAndQueueFull_DropsOldestKeepsNewest()
    {
        await using var fixture = new StoreFixture(configure: o => o.QueueCapacity = 6);
        var store = await fixture.StartAsync();
        using var host = fixture.Database.Open();
        TempDatabase.Execute(host, "BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS host_orders (id INTEGER PRIMARY KEY);");

        await store.AppendSnapshotsAsync(StoreTestData.Cycle(3, T0));
        await fixture.Logger.WaitForAsync(WriteFailed);
        for (var cycle = 1; cycle < 4; cycle++)
        {
            await store.AppendSnapshotsAsync(StoreTestData.Cycle(3, T0.AddSeconds(30 * cycle)));
        }

        TempDatabase.Execute(host, "COMMIT;");
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        store.DroppedSnapshotCount.Should().Be(6);
        (await store.GetHistoryAsync("plugin-000", T0, T0.AddHours(1))).Select(s => s.Timestamp)
            .Should().Equal(T0.AddSeconds(60), T0.AddSeconds(90));
        (await fixture.Logger.WaitForAsync(WriteRecovered)).Message.Should().Contain("6 snapshots were dropped");
    }

    [Test]
    public async Task StopAsync_SnapshotsQueued_FlushesThemBeforeReturning()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        await store.AppendSnapshotsAsync(StoreTestData.Cycle(50, T0));

        await store.StopAsync(CancellationToken.None);

        using var connection = fixture.Database.Open();
        TempDatabase.Scalar(connection, "SELECT count(*) FROM plugin_health_snapshots").Should().Be(50L);
    }

    [Test]
    public async Task AppendSnapshotsAsync_AfterStop_DropsCountsAndNeverThrows()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        await store.StopAsync(CancellationToken.None);

        await store.AppendSnapshotsAsync(StoreTestData.Cycle(2, T0));
        await store.AppendSnapshotsAsync(StoreTestData.Cycle(2, T0));

        store.DroppedSnapshotCount.Should().Be(4);
        fixture.Logger.WithId(3012).Should().ContainSingle();
    }
}
