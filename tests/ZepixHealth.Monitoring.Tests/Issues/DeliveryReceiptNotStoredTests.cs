using ZepixHealth.Monitoring.Tests.Reliability;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Issues;

/// <summary>
/// Found by the chaos day (issue 9): when the store failed to record that a sink had taken a
/// notification, the dispatcher sent it again on every pass until the store recovered — one alert
/// arrived up to 16 times.
/// </summary>
public class DeliveryReceiptNotStoredTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public async Task DispatchDueAsync_StoreRejectsTheReceipt_NotificationIsNotSentAgainAndIsRecordedLater()
    {
        // Arrange
        var store = new FaultInjectingStore(new InMemoryHealthStore());
        var harness = new AlertingHarness(store: store, time: new FakeTimeProvider(T0));
        await harness.EvaluateAsync([Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead)], CancellationToken.None);

        // Act
        store.Failing = true;
        var whileFailing = await harness.Dispatcher.DispatchDueAsync(CancellationToken.None);
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        await harness.Dispatcher.DispatchDueAsync(CancellationToken.None);
        store.Failing = false;
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        await harness.Dispatcher.DispatchDueAsync(CancellationToken.None);

        // Assert
        whileFailing.Should().Be(1);
        harness.Sink.Calls.Should().Be(1, "the sink took it; only the store's record of that failed");
        store.Inner.AllDeliveries().Should().ContainSingle().Which.DeliveredAt.Should().Be(T0);
        harness.Logs.Entries.Should().Contain(e => e.EventId.Id == 2104);
    }
}
