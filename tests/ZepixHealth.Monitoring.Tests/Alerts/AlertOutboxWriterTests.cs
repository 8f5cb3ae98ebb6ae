using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts;

[TestFixture]
public sealed class AlertOutboxWriterTests
{
    private const int SaveFailedEvent = 2002;
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    private FakeTimeProvider _time = null!;
    private CollectingLoggerProvider _logs = null!;
    private InMemoryHealthStore _store = null!;
    private PluginHealthOptions _options = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(T0);
        _logs = new CollectingLoggerProvider();
        _store = new InMemoryHealthStore();
        _options = new PluginHealthOptions();
    }

    [TearDown]
    public void TearDown() => _logs.Dispose();

    private AlertOutboxWriter Writer(IAlertOutboxStore? outbox = null, params string[] sinks) =>
        new(outbox ?? _store, sinks.Length == 0 ? ["log", "telegram"] : sinks, _options, _time, _logs.CreateLogger("alerts"));

    private static HealthAlert Alert(string pluginId, AlertState state = AlertState.Firing) => new()
    {
        Id = Guid.NewGuid(),
        PluginId = pluginId,
        RuleId = HealthRuleIds.Availability,
        Level = AlertLevel.Critical,
        Message = $"{pluginId} is Dead",
        RaisedAt = T0,
        State = state,
    };

    private async Task<IReadOnlyList<AlertDelivery>> PendingAsync() => await _store.GetPendingDeliveriesAsync(T0 + TimeSpan.FromDays(1), 1000);

    [Test]
    public async Task TrySaveAsync_OneAlertTwoSinks_WritesTheAlertAndOneEntryPerSink()
    {
        var writer = Writer();
        var alert = Alert("a");
        writer.Keep(alert);
        writer.Enqueue([alert], T0);

        var saved = await writer.TrySaveAsync(CancellationToken.None);

        saved.Should().BeTrue();
        writer.HasUnsaved.Should().BeFalse();
        (await _store.GetAlertAsync(alert.Id)).Should().Be(alert);
        var deliveries = await PendingAsync();
        deliveries.Select(d => d.Sink).Should().BeEquivalentTo(["log", "telegram"]);
        deliveries.Should().AllSatisfy(d =>
        {
            d.AlertId.Should().Be(alert.Id);
            d.AlertState.Should().Be(AlertState.Firing);
            d.AlertLevel.Should().Be(AlertLevel.Critical);
            d.CreatedAt.Should().Be(T0);
            d.NextAttemptAt.Should().Be(T0, "due at once");
        });
        deliveries.Select(d => d.NotificationId).Distinct().Should().ContainSingle("one notification, sent to each sink");
        deliveries.Select(d => d.Id).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public async Task Enqueue_AtMostGroupThresholdAlerts_OneNotificationPerAlert()
    {
        var writer = Writer();
        var alerts = Enumerable.Range(0, _options.GroupThreshold).Select(i => Alert($"p{i}")).ToArray();

        writer.Enqueue(alerts, T0);
        await writer.TrySaveAsync(CancellationToken.None);

        var deliveries = await PendingAsync();
        deliveries.Should().HaveCount(alerts.Length * 2);
        deliveries.Select(d => d.NotificationId).Distinct().Should().HaveCount(alerts.Length);
        deliveries.GroupBy(d => d.NotificationId).Should().AllSatisfy(g => g.Select(d => d.AlertId).Distinct().Should().ContainSingle());
    }

    [Test]
    public async Task Enqueue_MoreThanGroupThresholdAlerts_OneNotificationIdPerSinkAndOneEntryPerAlertAndSink()
    {
        var writer = Writer();
        var alerts = Enumerable.Range(0, _options.GroupThreshold + 1).Select(i => Alert($"p{i}")).ToArray();

        writer.Enqueue(alerts, T0);
        await writer.TrySaveAsync(CancellationToken.None);

        var deliveries = await PendingAsync();
        foreach (var sink in new[] { "log", "telegram" })
        {
            var ofSink = deliveries.Where(d => d.Sink == sink).ToList();
            ofSink.Select(d => d.AlertId).Should().BeEquivalentTo(alerts.Select(a => a.Id), "one entry per alert for each sink");
            ofSink.Select(d => d.NotificationId).Distinct().Should().ContainSingle("grouped into one notification");
        }
    }

    [Test]
    public void Enqueue_NoSinks_QueuesNothing()
    {
        var writer = new AlertOutboxWriter(_store, [], _options, _time, _logs.CreateLogger("alerts"));

        writer.Enqueue([Alert("a")], T0);

        writer.HasUnsavedNotifications.Should().BeFalse();
    }

    [Test]
    public void Enqueue_NothingToSend_QueuesNothing()
    {
        var writer = Writer();

        writer.Enqueue([], T0);

        writer.HasUnsaved.Should().BeFalse();
    }

    [Test]
    public async Task Keep_SameAlertTwice_WritesTheLatestVersionOnce()
    {
        var writer = Writer();
        var alert = Alert("a");
        writer.Keep(alert);
        writer.Keep(alert with { Level = AlertLevel.Warning });

        writer.HasUnsavedNotifications.Should().BeFalse();
        writer.HasUnsaved.Should().BeTrue();
        await writer.TrySaveAsync(CancellationToken.None);

        (await _store.GetAlertAsync(alert.Id))!.Level.Should().Be(AlertLevel.Warning);
    }

    [Test]
    public async Task TrySaveAsync_StoreFails_ReturnsFalseLogsAndKeepsEverything()
    {
        var store = new FaultyOutbox(_store) { FailSaves = 1 };
        var writer = Writer(store);
        var alert = Alert("a");
        writer.Keep(alert);
        writer.Enqueue([alert], T0);

        var saved = await writer.TrySaveAsync(CancellationToken.None);

        saved.Should().BeFalse();
        writer.HasUnsaved.Should().BeTrue();
        writer.HasUnsavedNotifications.Should().BeTrue();
        (await _store.GetAlertAsync(alert.Id)).Should().BeNull();
        var log = _logs.Entries.Should().ContainSingle(e => e.EventId.Id == SaveFailedEvent).Which;
        log.Exception.Should().BeOfType<IOException>();
        log.Message.Should().Contain("1 alert change(s) and 2 notification(s)");
    }

    [Test]
    public async Task TrySaveAsync_AfterAFailedSave_WritesWhatWasKeptAndWhatCameSince()
    {
        var store = new FaultyOutbox(_store) { FailSaves = 1 };
        var writer = Writer(store);
        var first = Alert("a");
        var second = Alert("b");
        writer.Keep(first);
        writer.Enqueue([first], T0);
        await writer.TrySaveAsync(CancellationToken.None);

        writer.Keep(second);
        writer.Enqueue([second], T0 + TimeSpan.FromSeconds(30));
        var saved = await writer.TrySaveAsync(CancellationToken.None);

        saved.Should().BeTrue();
        writer.HasUnsaved.Should().BeFalse();
        (await _store.GetAlertAsync(first.Id)).Should().NotBeNull();
        (await _store.GetAlertAsync(second.Id)).Should().NotBeNull();
        (await PendingAsync()).Select(d => d.AlertId).Should().BeEquivalentTo([first.Id, first.Id, second.Id, second.Id]);
    }

    [Test]
    public async Task TrySaveAsync_StoreHangs_ReturnsFalseAfterAlertStoreTimeoutAndKeepsEverything()
    {
        var store = new FaultyOutbox(_store) { Hang = true };
        var writer = Writer(store);
        var alert = Alert("a");
        writer.Keep(alert);
        writer.Enqueue([alert], T0);

        var saving = writer.TrySaveAsync(CancellationToken.None).AsTask();
        _time.Advance(_options.AlertStoreTimeout - TimeSpan.FromMilliseconds(1));
        var beforeTimeout = saving.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var saved = await saving.WaitAsync(TimeSpan.FromSeconds(10));

        beforeTimeout.Should().BeFalse();
        saved.Should().BeFalse();
        writer.HasUnsavedNotifications.Should().BeTrue();
        _logs.Entries.Should().ContainSingle(e => e.EventId.Id == SaveFailedEvent).Which.Exception.Should().BeOfType<TimeoutException>();
    }

    [Test]
    public async Task TrySaveAsync_CallerCancels_ThrowsAndKeepsEverything()
    {
        var store = new FaultyOutbox(_store) { Hang = true };
        var writer = Writer(store);
        writer.Enqueue([Alert("a")], T0);
        using var stopping = new CancellationTokenSource();

        var saving = writer.TrySaveAsync(stopping.Token).AsTask();
        await stopping.CancelAsync();
        var act = () => saving.WaitAsync(TimeSpan.FromSeconds(10));

        await act.Should().ThrowAsync<OperationCanceledException>();
        writer.HasUnsavedNotifications.Should().BeTrue();
        _logs.Entries.Should().NotContain(e => e.EventId.Id == SaveFailedEvent, "stopping is not a store failure");
    }

    /// <summary>An outbox over the real in-memory store whose saves can be made to fail or hang.</summary>
    private sealed class FaultyOutbox(InMemoryHealthStore inner) : IAlertOutboxStore
    {
        public int FailSaves { get; set; }

        public bool Hang { get; set; }

        public Task SaveAlertsAsync(IReadOnlyList<HealthAlert> alerts, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken = default) =>
            Hang ? new TaskCompletionSource().Task
            : FailSaves-- > 0 ? Task.FromException(new IOException("disk full"))
            : inner.SaveAlertsAsync(alerts, deliveries, cancellationToken);

        public Task<IReadOnlyList<AlertDelivery>> GetPendingDeliveriesAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken = default) => inner.GetPendingDeliveriesAsync(dueBy, limit, cancellationToken);

        public Task<IReadOnlyList<AlertDelivery>> GetDeadLettersAsync(int limit, CancellationToken cancellationToken = default) => inner.GetDeadLettersAsync(limit, cancellationToken);

        public Task MarkDeliveredAsync(IReadOnlyList<Guid> deliveryIds, DateTimeOffset deliveredAt, CancellationToken cancellationToken = default) => inner.MarkDeliveredAsync(deliveryIds, deliveredAt, cancellationToken);

        public Task MarkDeliveryFailedAsync(IReadOnlyList<Guid> deliveryIds, string error, DateTimeOffset failedAt, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) => inner.MarkDeliveryFailedAsync(deliveryIds, error, failedAt, retryAt, cancellationToken);
    }
}
