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
