using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts;

[TestFixture]
public sealed class AlertDispatcherTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public async Task DispatchDueAsync_OneSinkAlwaysFails_TheOtherGetsEverythingAndTheFailuresStayInTheOutbox()
    {
        var failing = new RecordingSink("failing") { Behaviour = (_, _) => throw new HttpRequestException("502 Bad Gateway") };
        var working = new RecordingSink("working");
        var harness = new AlertingHarness(sinks: [failing, working]);

        await harness.CycleAsync(Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead));

        working.ReceivedAlerts.Should().ContainSingle();
        var pending = await harness.Outbox.GetPendingDeliveriesAsync(DateTimeOffset.MaxValue, 10);
        var entry = pending.Should().ContainSingle().Which;
        entry.Sink.Should().Be("failing");
        entry.Attempts.Should().Be(1);
        entry.LastError.Should().Be("HttpRequestException: 502 Bad Gateway");
        entry.NextAttemptAt.Should().Be(T0 + harness.Options.DeliveryRetryDelay);
    }

    [Test]
    public async Task DispatchDueAsync_FailingSink_IsRetriedWithExponentialBackOffThenDeadLettered()
    {
        var calls = new List<DateTimeOffset>();
        var harness = new AlertingHarness(new PluginHealthOptions { DeliveryMaxAttempts = 4, DeliveryMaxAge = TimeSpan.FromSeconds(30) }, sinks: [new RecordingSink("failing")]);
        harness.Sink.Behaviour = (_, _) =>
        {
            calls.Add(harness.Time.GetUtcNow());
            throw new IOException("network down");
        };
        await harness.EvaluateAsync([Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead)], CancellationToken.None);

        for (var second = 0; second <= 120; second++)
        {
            await harness.Dispatcher.DispatchDueAsync(CancellationToken.None);
            harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        calls.Select(c => c - T0).Should().Equal(TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(35));
        (await harness.Outbox.GetPendingDeliveriesAsync(DateTimeOffset.MaxValue, 10)).Should().BeEmpty("it was given up after 4 attempts and 30 s");
        (await harness.Outbox.GetDeadLettersAsync(10)).Should().ContainSingle().Which.Attempts.Should().Be(4);
        harness.Logs.Entries.Should().Contain(e => e.EventId.Id == 2106 && e.Message.Contains("network down"));
    }

    [Test]
    public async Task DispatchDueAsync_SinkSaysWhenToRetry_TheNextAttemptWaitsForIt()
    {
        var harness = new AlertingHarness();
        var retryAt = T0 + TimeSpan.FromMinutes(2);
        harness.Sink.Behaviour = (_, _) => harness.Time.GetUtcNow() < retryAt
            ? throw new AlertDeliveryException("429 Too Many Requests", retryAt)
            : ValueTask.CompletedTask;
        await harness.EvaluateAsync([Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead)], CancellationToken.None);

        for (var second = 0; second <= 150; second++)
        {
            await harness.Dispatcher.DispatchDueAsync(CancellationToken.None);
            harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        harness.Sink.Calls.Should().Be(2, "one refused attempt, then one at retry_after — not one every back-off step");
        harness.Sink.ReceivedAlerts.Should().ContainSingle();
    }

    [Test]
    public async Task DispatchDueAsync_SinkRecoversAfterFailures_DeliversOnceAndStops()
    {
        var failures = 2;
        var harness = new AlertingHarness();
        harness.Sink.Behaviour = (_, _) => failures-- > 0 ? throw new IOException("flaky") : ValueTask.CompletedTask;
        await harness.EvaluateAsync([Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead)], CancellationToken.None);

        for (var second = 0; second <= 60; second++)
        {
            await harness.Dispatcher.DispatchDueAsync(CancellationToken.None);
            harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        harness.Sink.ReceivedAlerts.Should().ContainSingle();
        harness.Sink.Calls.Should().Be(3);
    }

    [Test]
    public async Task DispatchDueAsync_SinkHangs_OtherSinksAreServedAndTheHungSinkIsNotCalledAgainMeanwhile()
    {
        var hanging = new RecordingSink("hanging") { Behaviour = (_, _) => new ValueTask(new TaskCompletionSource().Task) };
        var working = new RecordingSink("working");
        var harness = new AlertingHarness(sinks: [hanging, working]);
        await harness.EvaluateAsync([Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead)], CancellationToken.None);

        var pass = harness.Dispatcher.DispatchDueAsync(CancellationToken.None);
        await CallWorkers.SettleAsync();
        var deliveredBeforeTimeout = working.ReceivedAlerts.Count;
        harness.Time.Advance(harness.Options.SinkTimeout);
        await pass.WaitAsync(TimeSpan.FromSeconds(10));
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.Dispatcher.DispatchDueAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        deliveredBeforeTimeout.Should().Be(1, "the working sink does not wait for the hung one");
        hanging.Calls.Should().Be(1, "a sink whose call is still running is not called again");
        (await harness.Outbox.GetPendingDeliveriesAsync(DateTimeOffset.MaxValue, 10)).Should().ContainSingle().Which.LastError.Should().StartWith("Timed out");
    }

    [Test]
    public async Task DispatchDueAsync_NotificationForAnUnregisteredSink_IsMarkedFailed()
    {
        var store = new InMemoryHealthStore();
        var time = new FakeTimeProvider(T0);
        var before = new AlertingHarness(store: store, time: time, sinks: [new RecordingSink("removed") { Behaviour = (_, _) => throw new IOException("down") }]);
        await before.CycleAsync(Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead));

        var after = new AlertingHarness(store: store, time: time, sinks: [new RecordingSink("new")]);
        time.Advance(TimeSpan.FromMinutes(5));
        await after.Dispatcher.DispatchDueAsync(CancellationToken.None);

        (await store.GetPendingDeliveriesAsync(DateTimeOffset.MaxValue, 10)).Should().BeEmpty();
        store.AllDeliveries().Single().LastError.Should().Be("No alert sink named 'removed' is registered.");
    }

    [Test]
    public async Task DispatchDueAsync_AlertResolvedBeforeItsFiringWasDelivered_EachNotificationShowsItsOwnState()
    {
        var harness = new AlertingHarness();
        var dead = Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead);
        var healthy = Snapshots.Healthy("p", T0);
        await harness.EvaluateAsync([dead], CancellationToken.None);
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        await harness.EvaluateAsync([healthy], CancellationToken.None);
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        await harness.EvaluateAsync([healthy], CancellationToken.None);

        await harness.Dispatcher.DispatchDueAsync(CancellationToken.None);

        harness.Sink.ReceivedAlerts.Select(a => a.State).Should().Equal(AlertState.Firing, AlertState.Resolved);
        harness.Sink.ReceivedAlerts[0].ResolvedAt.Should().BeNull();
    }
}
