using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Storage;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Issues;

/// <summary>
/// With the SQLite file locked by another connection right after an alert changed, every cycle used to
/// wait <see cref="PluginHealthOptions.AlertStoreTimeout"/> for the alert save. Alert changes are now
/// kept in memory at once and written beside the cycle, in order, once the lock is released.
/// </summary>
public class CycleWaitsOnLockedDiskTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [Test]
    public async Task CollectOnceAsync_FileLockedRightAfterAnAlertChanged_CyclesFinishWhileLockedAndAllIsWrittenInOrderAfter()
    {
        // Arrange: one healthy cycle (the open alerts are loaded), then another connection takes the file.
        using var database = new TempDatabase();
        var alive = true;
        var telegram = new RecordingSink("telegram");
        var plugin = new ScriptedPlugin("v3-combined") { Alive = _ => ValueTask.FromResult(alive) };
        await using var rig = new DeliveryRig(_ => { }, database.ConnectionString, [telegram], plugin);
        await rig.StartAsync();
        await rig.StepAsync();
        var store = (SqliteHealthStore)rig.Store;
        await store.FlushAsync().WaitAsync(Guard);

        var finishedWhileLocked = 0;
        using (var locker = database.Open())
        {
            TempDatabase.Execute(locker, "BEGIN EXCLUSIVE;");

            // Act: the plugin dies (the alert fires), stays dead, recovers (the alert resolves). The clock
            // does not move during a cycle, so a cycle that waited on any timeout would never finish.
            foreach (var aliveNow in new[] { false, false, false, true, true, true })
            {
                alive = aliveNow;
                await rig.Monitor.CollectOnceAsync().AsTask().WaitAsync(Guard);
                finishedWhileLocked++;
                rig.Time.Advance(rig.Interval);
            }

            TempDatabase.Execute(locker, "ROLLBACK;");
        }

        // The writer retries on its back-off once the file is free; cycles and delivery go on as usual.
        await DriveUntilAsync(rig, store, () => telegram.ReceivedAlerts.Count >= 2);

        // Assert
        finishedWhileLocked.Should().Be(6, "every cycle finished while the file was locked");
        telegram.ReceivedAlerts.Select(a => a.State).Should().Equal(AlertState.Firing, AlertState.Resolved);
        var alert = (await rig.Store.GetRecentAlertsAsync(10)).Should().ContainSingle().Subject;
        alert.State.Should().Be(AlertState.Resolved);
        using var reader = database.Open();
        TempDatabase.Scalar(reader, "SELECT group_concat(alert_state, ',') FROM (SELECT alert_state FROM health_alert_deliveries WHERE sink = 'telegram' ORDER BY created_at, id)")
            .Should().Be("Firing,Resolved", "one firing, then one resolution, each stored once");
        ((long)TempDatabase.Scalar(reader, "SELECT count(*) FROM health_snapshot_rows WHERE plugin_id = 'v3-combined'")!)
            .Should().BeGreaterThanOrEqualTo(7, "the snapshots of the locked cycles are written too");
    }

    private static async Task DriveUntilAsync(DeliveryRig rig, SqliteHealthStore store, Func<bool> done)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!done())
        {
            watch.Elapsed.Should().BeLessThan(Guard, "everything kept during the lock is written and delivered once it is released");
            rig.Time.Advance(TimeSpan.FromSeconds(5));
            await Task.WhenAny(store.FlushAsync(), Task.Delay(50));
            await rig.StepAsync();
        }
    }
}
