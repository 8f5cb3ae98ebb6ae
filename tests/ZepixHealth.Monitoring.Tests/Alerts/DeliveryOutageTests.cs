using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Storage;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts;

/// <summary>A sink that is down for hours: nothing is given up silently.</summary>
[TestFixture]
public sealed class DeliveryOutageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public async Task SinkDownForTwoHours_SqliteOutbox_EveryNotificationArrivesOnceInOrderPerAlert()
    {
        // Arrange: telegram is down from minute 5 to minute 125; "pager" never fails and is the reference.
        using var database = new TempDatabase();
        var elapsed = TimeSpan.Zero;
        var telegram = new RecordingSink("telegram");
        var pager = new RecordingSink("pager");
        telegram.Behaviour = (_, _) => elapsed >= TimeSpan.FromMinutes(5) && elapsed < TimeSpan.FromMinutes(125)
            ? throw new HttpRequestException("502 Bad Gateway")
            : ValueTask.CompletedTask;
        var before = Plugin("fired-before", elapsed: () => elapsed, deadFrom: 0, deadUntil: 20);
        var during = Plugin("fired-and-resolved-during", () => elapsed, 30, 50);
        var after = Plugin("resolved-after", () => elapsed, 60, 140);
        await using var rig = new DeliveryRig(_ => { }, database.ConnectionString, [telegram, pager], before, during, after);
        await rig.StartAsync();

        // Act
        await rig.RunUntilAsync(TimeSpan.FromMinutes(170), now => elapsed = now);

        // Assert: the same notifications as the sink that never failed, each once, in the same order per alert.
        var expected = pager.Received;
        telegram.Received.Select(n => n.Id).Should().OnlyHaveUniqueItems();
        telegram.Received.Select(n => n.Id).Should().BeEquivalentTo(expected.Select(n => n.Id));
        expected.Should().HaveCount(27, "3 firings, 3 resolutions and 21 five-minute reminders");
        foreach (var plugin in new[] { before.Id, during.Id, after.Id })
        {
            var sent = Sequence(telegram, plugin);
            sent.Should().Equal(Sequence(pager, plugin), $"{plugin}'s notifications arrive in the order they were made");
            sent[0].State.Should().Be(AlertState.Firing);
            sent[^1].State.Should().Be(AlertState.Resolved);
            sent.Count(n => n.State == AlertState.Resolved).Should().Be(1);
        }

        (await rig.Outbox.GetPendingDeliveriesAsync(DateTimeOffset.MaxValue, 1000)).Should().BeEmpty();
        (await rig.Outbox.GetDeadLettersAsync(1000)).Should().BeEmpty();
    }

    [Test]
    public async Task SinkDownLongerThanDeliveryMaxAge_NotificationIsDeadLetteredLoggedAndTheOtherSinksAreToldOnce()
    {
        // Arrange: telegram is down for three hours; notifications may wait one hour.
        var elapsed = TimeSpan.Zero;
        var telegram = new RecordingSink("telegram");
        var pager = new RecordingSink("pager");
        telegram.Behaviour = (_, _) => elapsed < TimeSpan.FromHours(3) ? throw new HttpRequestException("502 Bad Gateway") : ValueTask.CompletedTask;
        var first = Plugin("v3-combined", () => elapsed, 0, 10);
        var second = Plugin("v6-price-action-5m", () => elapsed, 20, 30);
        var afterwards = Plugin("v6-price-action-15m", () => elapsed, 190, 200);
        await using var rig = new DeliveryRig(
            o =>
            {
                o.DeliveryMaxAge = TimeSpan.FromHours(1);
                o.AlertCooldown = TimeSpan.FromDays(1);
            },
            sqliteConnectionString: null,
            [telegram, pager],
            first,
            second,
            afterwards);

        // Act
        await rig.RunUntilAsync(TimeSpan.FromHours(3.5), now => elapsed = now);

        // Assert: four notifications (two firings, two resolutions) never reached telegram.
        var dead = await rig.Outbox.GetDeadLettersAsync(100);
        dead.Should().HaveCount(4).And.OnlyContain(d => d.Sink == "telegram" && d.LastError == "HttpRequestException: 502 Bad Gateway");
        dead.Should().OnlyContain(d => d.FailedAt - d.CreatedAt >= TimeSpan.FromHours(1) && d.FailedAt - d.CreatedAt < TimeSpan.FromHours(1.1));
        rig.Logs.Entries.Where(e => e.EventId.Id == 2106).Should().HaveCount(4)
            .And.OnlyContain(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical && e.Message.Contains("telegram", StringComparison.Ordinal))
            .And.Contain(e => e.Message.Contains("v3-combined availability Firing", StringComparison.Ordinal));

        // The pager got the six plugin notifications and one "delivery to telegram failed", resolved
        // when telegram delivered again (the alert of minute 190).
        var notices = pager.ReceivedAlerts.Where(a => a.RuleId == SinkFailureAlerts.RuleIdPrefix + "telegram").ToList();
        pager.ReceivedAlerts.Should().HaveCount(8);
        notices.Select(a => a.State).Should().Equal(AlertState.Firing, AlertState.Resolved);
        notices[0].Message.Should().StartWith("Delivery to telegram failed: 1 notification(s) could not be delivered for 1 h");
        notices[1].Message.Should().Be("Delivery to telegram works again, after 2 h 8 min; 4 notification(s) it never received are kept in the store as dead letters.");
        telegram.ReceivedAlerts.Select(a => (a.PluginId, a.State)).Should().Equal(("v6-price-action-15m", AlertState.Firing), ("v6-price-action-15m", AlertState.Resolved));
    }

    [Test]
    public async Task SinkDownLongerThanDeliveryMaxAge_WithDefaults_IsRetriedForADayNotGivenUpAfterEightAttempts()
    {
        var telegram = new RecordingSink("telegram") { Behaviour = (_, _) => throw new HttpRequestException("502 Bad Gateway") };
        var elapsed = TimeSpan.Zero;
        var plugin = Plugin("v3-combined", () => elapsed, 0, 10_000);
        await using var rig = new DeliveryRig(o => o.AlertCooldown = TimeSpan.FromDays(7), null, [telegram], plugin);

        await rig.RunUntilAsync(TimeSpan.FromHours(23.9), now => elapsed = now);
        var callsInADay = telegram.Calls;
        var deadInADay = await rig.Outbox.GetDeadLettersAsync(10);
        await rig.RunUntilAsync(TimeSpan.FromHours(24.2), now => elapsed = now);

        callsInADay.Should().Be(8 + 284, "a pass every 30 s: attempts at 0, 30, 60, 90, 150, 240, 420 and 750 s, then every 5 minutes to 23.9 h");
        deadInADay.Should().BeEmpty();
        (await rig.Outbox.GetDeadLettersAsync(10)).Should().ContainSingle().Which.Sink.Should().Be("telegram");
    }

    private static ScriptedPlugin Plugin(string id, Func<TimeSpan> elapsed, int deadFrom, int deadUntil) => new(id)
    {
        Alive = _ => ValueTask.FromResult(elapsed() < TimeSpan.FromMinutes(deadFrom) || elapsed() >= TimeSpan.FromMinutes(deadUntil)),
    };

    private static List<(AlertState State, DateTimeOffset CreatedAt)> Sequence(RecordingSink sink, string pluginId) =>
        [.. sink.Received.SelectMany(n => n.Alerts.Where(a => a.PluginId == pluginId).Select(a => (a.State, n.CreatedAt)))];
}
