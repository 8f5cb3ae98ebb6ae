using Microsoft.Extensions.Logging.Abstractions;
using ZepixHealth.Monitoring.Tests.Storage;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Hosting;

/// <summary>
/// A bot restarted on the same SQLite file keeps its anomaly baselines: they are rebuilt from the stored
/// history, so the new host knows the plugin's hourly rhythm and judges its first samples, instead of
/// warming up for an hour.
/// </summary>
[TestFixture]
public sealed class StoredBaselinesTests
{
    private const string PluginId = "v6-price-action-5m";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset Start = new(2026, 1, 12, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Restart = Start + TimeSpan.FromDays(2);

    [Test]
    public async Task Restart_OnTheSameSqliteFile_JudgesAtOnceWithTheLearnedRhythm()
    {
        // Arrange: host 1 learns two days of a latency with a job at :05 and :10 every hour; one spike on day 2.
        using var database = new TempDatabase();
        var firstScript = new LatencyScript();
        int firstDelay;
        await using (var firstStore = await StartStoreAsync(database))
        {
            using var first = Host(firstStore, Start, firstScript);
            await first.RunForAsync(TimeSpan.FromDays(1) + TimeSpan.FromHours(10) + TimeSpan.FromMinutes(20));
            firstDelay = await CyclesUntilAnomalyAsync(first, firstScript);
            await first.RunForAsync(Restart - first.Time.GetUtcNow());
            await firstStore.FlushAsync();
        }

        // Act: host 2 on the same file; the first cycle asks for the history, the next ones judge with it.
        var secondScript = new LatencyScript();
        await using var secondStore = await StartStoreAsync(database);
        using var second = Host(secondStore, Restart, secondScript);
        await FirstCycleAsync(second);
        await second.CyclesAsync(3); // 00:05 and 00:10 run the job: normal for this plugin
        var beforeSpike = Anomalies(second);
        var secondDelay = await CyclesUntilAnomalyAsync(second, secondScript);

        // Assert
        using var scope = new FluentAssertions.Execution.AssertionScope();
        firstDelay.Should().BeLessThanOrEqualTo(1, "host 1 alerts on the spike at once");
        beforeSpike.Should().BeEmpty("the hourly job is part of the restored rhythm");
        secondDelay.Should().Be(firstDelay, "a restarted host detects as quickly as the one that learned");
        second.Logs.Entries.Should().ContainSingle(e => e.EventId.Id == 2061 && e.Message.Contains(PluginId));
    }

    [Test]
    public async Task Restart_OnAnEmptySqliteFile_WarmsUpBeforeJudging()
    {
        // Arrange: the same first minutes on a file with no history.
        using var database = new TempDatabase();
        var script = new LatencyScript();
        await using var store = await StartStoreAsync(database);
        using var host = Host(store, Restart, script);
        await FirstCycleAsync(host);
        await host.CyclesAsync(3);

        // Act: the same spike, within the warm-up.
        script.Spike = true;
        await host.CycleAsync();

        // Assert: nothing to judge it against yet.
        Anomalies(host).Should().BeEmpty();
    }

    [Test]
    public void RestorerFor_InMemoryStore_IsNone()
    {
        var options = new PluginHealthOptions();

        var restorer = StoredBaselines.RestorerFor(new InMemoryHealthStore(), options, TimeProvider.System, NullLogger.Instance);

        restorer.Should().BeNull("a new process finds the in-memory store empty");
    }

    [Test]
    public async Task RestorerFor_AnomaliesDisabled_IsNone()
    {
        await using var store = new StoreFixture();
        var options = new PluginHealthOptions { Anomalies = { Enabled = false } };

        var restorer = StoredBaselines.RestorerFor(store.Store, options, TimeProvider.System, NullLogger.Instance);

        restorer.Should().BeNull();
    }

    /// <summary>
    /// The first cycle, which asks for the history; the clock moves on only once it is read, as the read
    /// timeout runs on the fake clock too.
    /// </summary>
    private static async Task FirstCycleAsync(AlertingHost host)
    {
        await host.Monitor.CollectOnceAsync();
        await host.Monitor.WhenBaselinesRestoredAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await host.Dispatcher.DispatchDueAsync(CancellationToken.None);
        await CallWorkers.SettleAsync();
        host.Time.Advance(Interval);
    }

    /// <summary>Spikes the next cycle; returns how many cycles after it the latency anomaly alert was raised.</summary>
    private static async Task<int> CyclesUntilAnomalyAsync(AlertingHost host, LatencyScript script)
    {
        var alerts = (HealthAlertManager)host.Alerts;
        script.Spike = true;
        for (var cycle = 0; cycle < 12; cycle++)
        {
            await host.CycleAsync();
            script.Spike = false;
            if (alerts.TrackedRulesOf(PluginId)?.Contains("anomaly.p95_latency") == true)
            {
                return cycle;
            }
        }

        return int.MaxValue;
    }

    private static List<HealthAlert> Anomalies(AlertingHost host) =>
        host.Sent.Where(a => a.RuleId.StartsWith("anomaly.", StringComparison.Ordinal) && a.State == AlertState.Firing).ToList();

    private static async Task<SqliteHealthStore> StartStoreAsync(TempDatabase database)
    {
        var options = new SqliteHealthStoreOptions { ConnectionString = database.ConnectionString };
        var store = new SqliteHealthStore(Microsoft.Extensions.Options.Options.Create(options), new FakeTimeProvider(Start), NullLogger<SqliteHealthStore>.Instance);
        await store.StartAsync(CancellationToken.None);
        return store;
    }

    private static AlertingHost Host(SqliteHealthStore store, DateTimeOffset start, LatencyScript script)
    {
        var plugin = new ScriptedPlugin(PluginId);
        var host = new AlertingHost(o => o.CollectionInterval = Interval, store: store, start: start, plugins: plugin);
        plugin.Metrics = _ => ValueTask.FromResult(script.MetricsAt(host.Time.GetUtcNow()));
        return host;
    }

    /// <summary>P95 latency about 40 ms, 30 ms more while an hourly job runs (:05 to :15), 400 ms on a spike.</summary>
    private sealed class LatencyScript
    {
        private readonly Random _noise = new(7);

        public bool Spike { get; set; }

        public PluginMetrics MetricsAt(DateTimeOffset now)
        {
            var job = now.Minute is >= 5 and < 15 ? 30 : 0;
            var p95 = Spike ? 400 : 40 + job + (_noise.NextDouble() * 4);
            return new PluginMetrics { LastActivity = now, Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = p95 } };
        }
    }
}
