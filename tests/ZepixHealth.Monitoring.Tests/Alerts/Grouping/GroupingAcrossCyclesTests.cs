using System.Text;
using Microsoft.Extensions.Configuration;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Storage;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts.Grouping;

/// <summary>GroupWait and GroupInterval: changes of one group spread over cycles go out together, through the host's DI surface.</summary>
[TestFixture]
public sealed class GroupingAcrossCyclesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Test]
    public async Task TwelveDeathsOverFourCycles_DefaultGrouping_TwoNotificationsPerSink()
    {
        // Arrange: three plugins die in each of the first four cycles; defaults (GroupWait one cycle, GroupInterval 2 min).
        var cycle = 0;
        var plugins = Enumerable.Range(0, 12).Select(i => new ScriptedPlugin($"v6-price-action-{i:00}") { Alive = _ => ValueTask.FromResult(cycle < i / 3) }).ToArray();
        var telegram = new RecordingSink("telegram");
        var pager = new RecordingSink("pager");
        await using var rig = new DeliveryRig(o => o.GroupWait = null, sqliteConnectionString: null, [telegram, pager], plugins);
        var receivedAt = RecordReceiptTimes(rig, telegram);

        // Act: eight cycles (3.5 min), before any reminder is due.
        for (; cycle < 8; cycle++)
        {
            await rig.StepAsync();
        }

        // Assert: the first cycle's three after one cycle; the other nine together, GroupInterval after the first.
        foreach (var sink in new[] { telegram, pager })
        {
            sink.Received.Select(n => n.Alerts.Count).Should().Equal([3, 9], $"{sink.Name} gets the 12 deaths in two notifications");
            sink.ReceivedAlerts.Select(a => a.PluginId).Should().OnlyHaveUniqueItems().And.HaveCount(12);
        }

        receivedAt.Should().Equal(T0 + Interval, T0 + Interval + TimeSpan.FromMinutes(2));
    }

    [Test]
    public async Task ChangesAfterTheGroupsNotification_WaitForGroupIntervalAndGoOutTogether()
    {
        // Arrange: a dies at 0 s; b, c, d at 60 s, 120 s and 240 s; e at 420 s. GroupWait 30 s, GroupInterval 5 min.
        var elapsed = TimeSpan.Zero;
        var deaths = new Dictionary<string, int> { ["a"] = 0, ["b"] = 60, ["c"] = 120, ["d"] = 240, ["e"] = 420 };
        var plugins = deaths.Select(d => new ScriptedPlugin(d.Key) { Alive = _ => ValueTask.FromResult(elapsed < TimeSpan.FromSeconds(d.Value)) }).ToArray();
        var sink = new RecordingSink("telegram");
        await using var rig = new DeliveryRig(
            o =>
            {
                o.GroupWait = TimeSpan.FromSeconds(30);
                o.GroupInterval = TimeSpan.FromMinutes(5);
                o.AlertCooldown = TimeSpan.FromDays(1);
            },
            sqliteConnectionString: null,
            [sink],
            plugins);
        var receivedAt = RecordReceiptTimes(rig, sink);

        // Act
        await rig.RunUntilAsync(TimeSpan.FromMinutes(12), now => elapsed = now);

        // Assert
        sink.Received.Select(n => string.Join(",", n.Alerts.Select(a => a.PluginId).Order())).Should().Equal("a", "b,c,d", "e");
        receivedAt.Should().Equal(T0.AddSeconds(30), T0.AddSeconds(30 + 300), T0.AddSeconds(30 + 300 + 300));
    }

    [Test]
    public async Task EscalationToCritical_IsSentAtOnce_AfterTheHeldNotificationOfTheSameAlert()
    {
        // Arrange: the plugin goes stale (availability High) at once, and dies (Critical) one cycle later; GroupWait 2 min.
        var elapsed = TimeSpan.Zero;
        var plugin = new ScriptedPlugin("v3-combined")
        {
            Alive = _ => ValueTask.FromResult(elapsed < Interval),
            Metrics = _ => ValueTask.FromResult(new PluginMetrics { LastActivity = T0 - TimeSpan.FromHours(1) }),
        };
        var sink = new RecordingSink("telegram");
        await using var rig = new DeliveryRig(
            o =>
            {
                o.GroupWait = TimeSpan.FromMinutes(2);
                o.GroupInterval = TimeSpan.FromMinutes(10);
            },
            sqliteConnectionString: null,
            [sink],
            plugin);
        var receivedAt = RecordReceiptTimes(rig, sink);

        // Act: two cycles, 0 s and 30 s.
        await rig.RunUntilAsync(TimeSpan.FromSeconds(60), now => elapsed = now);

        // Assert: the Critical is not held for the group; the High it escalates goes just before it, in order.
        sink.ReceivedAlerts.Select(a => (a.RuleId, a.Level)).Should().Equal((HealthRuleIds.Availability, AlertLevel.High), (HealthRuleIds.Availability, AlertLevel.Critical));
        receivedAt.Should().Equal(T0 + Interval, T0 + Interval);
    }

    [Test]
    public async Task RestartDuringGroupWait_SqliteOutbox_TheWaitingNotificationIsSentAfterTheRestartOnce()
    {
        // Arrange: three plugins die at once; GroupWait 2 min; the host stops at 60 s, before anything is sent.
        using var database = new TempDatabase();
        var dead = Enumerable.Range(1, 3).Select(i => new ScriptedPlugin($"v6-price-action-{i}") { Alive = _ => ValueTask.FromResult(false) }).ToArray();
        void Configure(PluginHealthOptions o) => o.GroupWait = TimeSpan.FromMinutes(2);
        var before = new RecordingSink("telegram");
        await using (var first = new DeliveryRig(Configure, database.ConnectionString, [before], dead))
        {
            await first.StartAsync();
            await first.RunUntilAsync(TimeSpan.FromSeconds(60));
        }

        // Act: a new host on the same file, from 60 s to 4 min.
        var after = new RecordingSink("telegram");
        await using var second = new DeliveryRig(Configure, database.ConnectionString, [after], dead);
        second.Time.Advance(TimeSpan.FromSeconds(60));
        await second.StartAsync();
        var receivedAt = RecordReceiptTimes(second, after);
        await second.RunUntilAsync(TimeSpan.FromMinutes(4));

        // Assert: nothing went out before the restart; after it, the three deaths in one notification, when their group was due.
        before.Received.Should().BeEmpty();
        after.Received.Should().ContainSingle().Which.Alerts.Select(a => a.PluginId).Should().BeEquivalentTo(dead.Select(p => p.Id));
        receivedAt.Should().Equal(T0 + TimeSpan.FromMinutes(2));
        (await second.Outbox.GetPendingDeliveriesAsync(DateTimeOffset.MaxValue, 100)).Should().BeEmpty();
    }

    [Test]
    public async Task GroupingFromTheDocsConfiguration_GroupsByLevelAndPlugin()
    {
        // Arrange: the configuration block of docs/alerting.md, exactly as written; a and b die at once, a's errors follow.
        var json = DocsBlocks.After("alerting.md", "### Grouping across cycles", "json");
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var elapsed = TimeSpan.Zero;
        var a = new ScriptedPlugin("v3-combined")
        {
            Alive = _ => ValueTask.FromResult(false),
        };
        var b = new ScriptedPlugin("v6-price-action-5m") { Alive = _ => ValueTask.FromResult(false) };
        var c = new ScriptedPlugin("v6-price-action-15m") { Alive = _ => ValueTask.FromResult(elapsed < TimeSpan.FromMinutes(1)) };
        var sink = new RecordingSink("telegram");
        await using var rig = new DeliveryRig(
            o =>
            {
                configuration.GetSection(PluginHealthOptions.SectionName).Bind(o);
                o.AlertCooldown = TimeSpan.FromDays(1);
            },
            sqliteConnectionString: null,
            [sink],
            a,
            b,
            c);
        var receivedAt = RecordReceiptTimes(rig, sink);

        // Act
        await rig.RunUntilAsync(TimeSpan.FromMinutes(3), now => elapsed = now);

        // Assert: one notification per plugin (each its own group at Critical), each GroupWait after its first change.
        sink.Received.Should().HaveCount(3).And.OnlyContain(n => n.Alerts.Count == 1);
        sink.Received.Select(n => n.Alerts[0].PluginId).Should().BeEquivalentTo([a.Id, b.Id, c.Id]);
        receivedAt.Should().Equal(T0.AddSeconds(30), T0.AddSeconds(30), T0.AddSeconds(90));
    }

    private static List<DateTimeOffset> RecordReceiptTimes(DeliveryRig rig, RecordingSink sink)
    {
        var times = new List<DateTimeOffset>();
        sink.Behaviour = (_, _) =>
        {
            lock (times)
            {
                times.Add(rig.Time.GetUtcNow());
            }

            return ValueTask.CompletedTask;
        };
        return times;
    }
}
