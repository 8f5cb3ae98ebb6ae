using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Issues;

/// <summary>
/// Found by the chaos day (issue 9): the outbox was read in order of next attempt, so when a firing
/// notification waited for a retry, the alert's resolved notification (due at once) went out first,
/// and the stale "firing" arrived after it — the operator was left believing the problem was on.
/// </summary>
public class ResolvedOvertakesFiringTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public async Task DispatchDueAsync_FiringWaitsForRetryWhenResolvedIsQueued_ResolvedIsSentAfterFiring()
    {
        // Arrange: the first call is refused until ten minutes later (a rate limit).
        var harness = new AlertingHarness(time: new FakeTimeProvider(T0));
        var retryAt = T0 + TimeSpan.FromMinutes(10);
        var calls = 0;
        harness.Sink.Behaviour = (_, _) => calls++ == 0 ? throw new AlertDeliveryException("429 Too Many Requests", retryAt) : ValueTask.CompletedTask;
        var dead = Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead);
        var healthy = Snapshots.Healthy("p", T0);

        // Act: fires, then resolves two cycles later, while the firing notification still waits.
        await harness.CycleAsync(dead);
        await harness.CyclesAsync(3, healthy);
        var beforeRetry = harness.Sink.ReceivedAlerts.Count;
        harness.Time.Advance(retryAt - harness.Time.GetUtcNow());
        await harness.Dispatcher.DispatchDueAsync(CancellationToken.None);

        // Assert
        beforeRetry.Should().Be(0, "the resolved notification must not overtake the firing one");
        harness.Sink.ReceivedAlerts.Select(a => a.State).Should().Equal(AlertState.Firing, AlertState.Resolved);
    }
}
