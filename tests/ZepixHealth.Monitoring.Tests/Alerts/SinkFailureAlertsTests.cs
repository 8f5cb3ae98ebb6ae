using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts;

[TestFixture]
public sealed class SinkFailureAlertsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public async Task DeadLettered_ThreeTimesThenDelivered_OneFiringAndOneResolutionForTheOtherSinksOnly()
    {
        var store = new InMemoryHealthStore();
        var logs = new CollectingLoggerProvider();
        var alerts = new SinkFailureAlerts(store, ["log", "telegram", "pager"], new PluginHealthOptions(), new FakeTimeProvider(T0), logs.CreateLogger("alerts"));

        alerts.DeadLettered("telegram", 1, TimeSpan.FromHours(24), "HttpRequestException: 502", T0);
        alerts.DeadLettered("telegram", 1, TimeSpan.FromHours(24), "HttpRequestException: 503", T0.AddMinutes(1));
        var savedFiring = await alerts.SaveAsync(CancellationToken.None);
        alerts.DeadLettered("telegram", 1, TimeSpan.FromHours(24), "HttpRequestException: 503", T0.AddMinutes(2));
        alerts.Delivered("telegram", T0.AddMinutes(30));
        alerts.Delivered("telegram", T0.AddMinutes(31));
        await alerts.SaveAsync(CancellationToken.None);

        savedFiring.Should().BeTrue();
        var deliveries = store.AllDeliveries();
        deliveries.Select(d => (d.Sink, d.AlertState)).Should().BeEquivalentTo(
            [("log", AlertState.Firing), ("pager", AlertState.Firing), ("log", AlertState.Resolved), ("pager", AlertState.Resolved)]);
        var alert = (await store.GetRecentAlertsAsync(10)).Should().ContainSingle().Subject;
        alert.Should().Match<HealthAlert>(a => a.PluginId == PluginId.HostRowId && a.RuleId == "delivery.failed.telegram" && a.Level == AlertLevel.Critical);
        alert.State.Should().Be(AlertState.Resolved);
        alert.Message.Should().Be("Delivery to telegram works again, after 30 min; 3 notification(s) it never received are kept in the store as dead letters.");
    }

    [Test]
    public async Task Delivered_NothingOpenOrUnknownSink_QueuesNothing()
    {
        var store = new InMemoryHealthStore();
        var logs = new CollectingLoggerProvider();
        var alerts = new SinkFailureAlerts(store, ["log", "telegram"], new PluginHealthOptions(), new FakeTimeProvider(T0), logs.CreateLogger("alerts"));

        alerts.Delivered("telegram", T0);
        alerts.DeadLettered("removed-sink", 1, TimeSpan.FromHours(25), "gone", T0);
        var saved = await alerts.SaveAsync(CancellationToken.None);

        saved.Should().BeFalse();
        store.AllDeliveries().Should().BeEmpty();
    }
}
