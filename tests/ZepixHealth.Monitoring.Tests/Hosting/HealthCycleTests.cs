using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Hosting;

[TestFixture]
public sealed class HealthCycleTests
{
    private const int StoreFailedEvent = 1008;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero));
    private CollectingLoggerProvider _logs = null!;
    private Meter _meter = null!;
    private PluginHealthOptions _options = null!;
    private ScriptedPlugin _plugin = null!;
    private RecordingRule _rule = null!;
    private RecordingObserver _observer = null!;

    [SetUp]
    public void SetUp()
    {
        _logs = new CollectingLoggerProvider();
        _meter = new Meter("ZepixHealth.Monitoring.Tests.HealthCycle");
        _options = new PluginHealthOptions();
        _options.Host.Enabled = false;
        _plugin = new ScriptedPlugin("v3-combined");
        _rule = new RecordingRule();
        _observer = new RecordingObserver();
    }

    [TearDown]
    public void TearDown()
    {
        _logs.Dispose();
        _meter.Dispose();
    }

    [Test]
    public async Task RunAsync_EveryStage_RunsInOrderOnTheSameSnapshots()
    {
        var store = new InMemoryHealthStore();
        _plugin.Alive = _ => ValueTask.FromResult(false);
        _rule.OnEvaluate = _ => store.GetLatestSnapshotsAsync().GetAwaiter().GetResult().Count;
        _observer.OnCycle = async _ => (await store.GetOpenAlertsAsync()).Count;
        var cycle = Cycle(Alerting(store));

        var snapshots = await cycle.RunAsync(CancellationToken.None);

        var snapshot = snapshots.Should().ContainSingle().Which;
        snapshot.Availability.Status.Should().Be(PluginHealthStatus.Dead);
        _rule.Seen.Should().ContainSingle().Which.Snapshot.Should().BeSameAs(snapshot, "the evaluator judges what was collected");
        _rule.StoredWhenEvaluated.Should().Equal([1], "the snapshots were stored before the rules ran");
        _observer.Calls.Should().ContainSingle().Which.Should().Equal(snapshots);
        _observer.OpenAlertsWhenCalled.Should().Equal([1], "the alert was written before the observers ran");
        (await store.GetOpenAlertsAsync()).Single().RuleId.Should().Be(HealthRuleIds.Availability);
    }

    [Test]
    public async Task RunAsync_CycleCompletes_PublishesTheSnapshotsToTheGauges()
    {
        var gauges = new MonitorGauges(_meter);
        var cycle = Cycle(Alerting(new InMemoryHealthStore()), gauges);

        var snapshots = await cycle.RunAsync(CancellationToken.None);

        gauges.Latest.Should().BeSameAs(snapshots);
    }

    [Test]
    public async Task RunAsync_StoreThrows_EvaluationAndObserversStillRun()
    {
        var store = new SnapshotRejectingStore();
        _plugin.Alive = _ => ValueTask.FromResult(false);
        var cycle = Cycle(Alerting(store));

        var snapshots = await cycle.RunAsync(CancellationToken.None);

        snapshots.Should().ContainSingle();
        _logs.Entries.Should().ContainSingle(e => e.EventId.Id == StoreFailedEvent).Which.Exception.Should().BeOfType<IOException>();
        _rule.Seen.Should().ContainSingle().Which.Snapshot.Should().BeSameAs(snapshots[0]);
        (await store.GetOpenAlertsAsync()).Should().ContainSingle("alerting goes on without the history");
        _observer.Calls.Should().ContainSingle().Which.Should().Equal(snapshots);
    }

    [Test]
    public async Task RunAsync_NoAlertingStages_CollectionAndObserversStillRun()
    {
        var gauges = new MonitorGauges(_meter);
        var cycle = Cycle(alerting: null, gauges);

        var snapshots = await cycle.RunAsync(CancellationToken.None);

        _plugin.AliveCalls.Should().Be(1);
        snapshots.Should().ContainSingle().Which.PluginId.Should().Be("v3-combined");
        _rule.Seen.Should().BeEmpty();
        _observer.Calls.Should().ContainSingle().Which.Should().Equal(snapshots);
        gauges.Latest.Should().BeSameAs(snapshots);
    }

    [Test]
    public async Task RunAsync_ObserverThrows_TheCycleStillReturnsItsSnapshots()
    {
        _observer.OnCycle = _ => throw new InvalidOperationException("observer bug");
        var cycle = Cycle(alerting: null);

        var snapshots = await cycle.RunAsync(CancellationToken.None);

        snapshots.Should().ContainSingle();
        _logs.Entries.Should().Contain(e => e.EventId.Id == 1005);
    }

    private HealthCycle Cycle(AlertingStages? alerting, MonitorGauges? gauges = null)
    {
        var logger = _logs.CreateLogger("cycle");
        return new HealthCycle(
            new PluginCollector(new PluginRegistry([_plugin]), _options, _time, logger),
            alerting,
            new ObserverNotifier([_observer], _options.ObserverTimeout, _time, logger),
            gauges ?? new MonitorGauges(_meter),
            _time,
            logger);
    }

    private AlertingStages Alerting(IHealthStore store)
    {
        var logger = _logs.CreateLogger("cycle");
        var manager = new HealthAlertManager(
            store, (IAlertOutboxStore)store, [new RecordingSink("primary")], Microsoft.Extensions.Options.Options.Create(_options), _time, _logs.CreateLogger<HealthAlertManager>());
        return new AlertingStages(
            new SnapshotRecorder(store, logger),
            new HealthEvaluator([new AvailabilityRule(), _rule], _options, _time, logger),
            manager,
            Dispatcher: null);
    }

    private sealed class RecordingRule : IHealthRule
    {
        public List<HealthRuleContext> Seen { get; } = [];

        public List<int> StoredWhenEvaluated { get; } = [];

        public Func<HealthRuleContext, int>? OnEvaluate { get; set; }

        public string RuleId => "recording";

        public HealthRuleResult Evaluate(HealthRuleContext context)
        {
            Seen.Add(context);
            if (OnEvaluate is { } probe)
            {
                StoredWhenEvaluated.Add(probe(context));
            }

            return HealthRuleResult.Clear;
        }
    }

    private sealed class RecordingObserver : IPluginHealthObserver
    {
        public List<IReadOnlyList<PluginHealthSnapshot>> Calls { get; } = [];

        public List<int> OpenAlertsWhenCalled { get; } = [];

        public Func<IReadOnlyList<PluginHealthSnapshot>, Task<int>>? OnCycle { get; set; }

        public async ValueTask OnCycleCompletedAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken)
        {
            Calls.Add(snapshots);
            if (OnCycle is { } probe)
            {
                OpenAlertsWhenCalled.Add(await probe(snapshots));
            }
        }
    }

    /// <summary>The real in-memory store, except that it refuses snapshots.</summary>
    private sealed class SnapshotRejectingStore : IHealthStore, IAlertOutboxStore
    {
        private readonly InMemoryHealthStore _inner = new();

        public ValueTask AppendSnapshotsAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken = default) => throw new IOException("database is locked");

        public Task SaveAlertsAsync(IReadOnlyList<HealthAlert> alerts, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken = default) => _inner.SaveAlertsAsync(alerts, deliveries, cancellationToken);

        public Task<IReadOnlyList<PluginHealthSnapshot>> GetLatestSnapshotsAsync(CancellationToken cancellationToken = default) => _inner.GetLatestSnapshotsAsync(cancellationToken);

        public Task<IReadOnlyList<PluginHealthSnapshot>> GetHistoryAsync(string pluginId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) => _inner.GetHistoryAsync(pluginId, from, to, cancellationToken);

        public Task<IReadOnlyList<HealthAlert>> GetRecentAlertsAsync(int limit, CancellationToken cancellationToken = default) => _inner.GetRecentAlertsAsync(limit, cancellationToken);

        public Task<IReadOnlyList<HealthAlert>> GetOpenAlertsAsync(CancellationToken cancellationToken = default) => _inner.GetOpenAlertsAsync(cancellationToken);

        public Task<HealthAlert?> GetAlertAsync(Guid alertId, CancellationToken cancellationToken = default) => _inner.GetAlertAsync(alertId, cancellationToken);

        public Task SaveSilenceAsync(AlertSilence silence, CancellationToken cancellationToken = default) => _inner.SaveSilenceAsync(silence, cancellationToken);

        public Task<IReadOnlyList<AlertSilence>> GetSilencesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => _inner.GetSilencesAsync(now, cancellationToken);

        public Task<IReadOnlyList<AlertDelivery>> GetPendingDeliveriesAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken = default) => _inner.GetPendingDeliveriesAsync(dueBy, limit, cancellationToken);

        public Task<IReadOnlyList<AlertDelivery>> GetDeadLettersAsync(int limit, CancellationToken cancellationToken = default) => _inner.GetDeadLettersAsync(limit, cancellationToken);

        public Task MarkDeliveredAsync(IReadOnlyList<Guid> deliveryIds, DateTimeOffset deliveredAt, CancellationToken cancellationToken = default) => _inner.MarkDeliveredAsync(deliveryIds, deliveredAt, cancellationToken);

        public Task MarkDeliveryFailedAsync(IReadOnlyList<Guid> deliveryIds, string error, DateTimeOffset failedAt, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) => _inner.MarkDeliveryFailedAsync(deliveryIds, error, failedAt, retryAt, cancellationToken);
    }
}
