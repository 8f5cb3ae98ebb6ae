namespace ZepixHealth.Monitoring.Tests.Storage;

/// <summary>Schema version 5: today's files keep every row, and alerts keep their short ids across restarts.</summary>
[TestFixture]
public sealed class SqliteSeedViewsMigrationTests
{
    [Test]
    public async Task Start_FileAtVersion4WithRows_KeepsEveryRowAndShowsThemInTheSeedViews()
    {
        using var database = new TempDatabase();
        var alert = StoreTestData.Alert("v3-combined", "cpu", StoreTestData.Start) with { Id = Guid.Parse("0190f5a2-1111-7222-8333-444455556666") };
        using (var raw = database.Open())
        {
            SqliteSchemaMigrator.Migrate(raw, SqliteSchema.Migrations.Take(4).ToList(), new FakeTimeProvider(StoreTestData.Start), database.FilePath);
            var ticks = SqliteTime.ToDb(StoreTestData.Start);
            for (var i = 0; i < 3; i++)
            {
                TempDatabase.Execute(raw, $"INSERT INTO plugin_health_snapshots (plugin_id, timestamp, status, is_running, is_responsive) VALUES ('plugin-{i}', {ticks}, 'Healthy', 1, 1)");
            }

            TempDatabase.Execute(raw, $"INSERT INTO health_alerts (id, plugin_id, rule_id, level, message, value, threshold, raised_at, state) VALUES ('{alert.Id}', 'v3-combined', 'cpu', 'High', '{alert.Message}', 7.5, 5, {ticks}, 'Firing')");
        }

        await using var current = new StoreFixture(database);
        var reopened = await current.StartAsync();

        (await reopened.GetLatestSnapshotsAsync()).Should().HaveCount(3);
        (await reopened.GetAlertAsync(alert.Id)).Should().Be(alert);
        (await reopened.GetOpenAlertsAsync()).Single().ShortId.Should().Be("55556666");
        using var connection = database.Open();
        TempDatabase.Scalar(connection, "SELECT count(*) FROM plugin_health_snapshots WHERE health_status = 'HEALTHY'").Should().Be(3L);
        TempDatabase.Scalar(connection, "SELECT short_id || ' ' || alert_level || ' ' || timestamp FROM health_alerts")
            .Should().Be("55556666 HIGH 2025-03-14 09:26:53.590");
    }

    [Test]
    public async Task SaveAlertsAsync_ShortIdChosenByTheLifecycle_ReadsBackTheSameAfterARestart()
    {
        using var database = new TempDatabase();
        var alert = StoreTestData.Alert("v3-combined", "cpu", StoreTestData.Start) with { ShortId = "beef" };
        await using (var first = new StoreFixture(database))
        {
            var store = await first.StartAsync();
            await store.SaveAlertsAsync([alert], []);
        }

        await using var second = new StoreFixture(database);
        var open = await (await second.StartAsync()).GetOpenAlertsAsync();

        open.Should().ContainSingle().Which.ShortId.Should().Be("beef");
    }
}
