using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Evaluation;

/// <summary>
/// One evaluation cycle of 1,000 healthy plugins: every built-in rule, the alert lifecycle, and (in
/// the second row) the six anomaly detectors per plugin. Reported per cycle.
/// </summary>
[MemoryDiagnoser]
public class AlertEvaluationBenchmarks
{
    private const int PluginCount = 1000;

    private (HealthEvaluator Evaluator, HealthAlertManager Alerts) _rulesOnly;
    private (HealthEvaluator Evaluator, HealthAlertManager Alerts) _withAnomalies;
    private PluginHealthSnapshot[][] _cycles = null!;
    private FakeTimeProvider _time = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 12, 0, 0, 0, TimeSpan.Zero));
        var random = new Random(42);

        // 64 distinct cycles of slightly noisy figures, replayed in turn.
        _cycles = Enumerable.Range(0, 64).Select(_ => Enumerable.Range(0, PluginCount).Select(i => new PluginHealthSnapshot
        {
            PluginId = $"plugin-{i}",
            Timestamp = _time.GetUtcNow(),
            Availability = new PluginAvailabilityMetrics { Status = PluginHealthStatus.Healthy, IsRunning = true, IsResponsive = true },
            Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 30 + (random.NextDouble() * 4), SignalsProcessed1h = 120 + random.Next(10), OrdersPlaced1h = 30 + random.Next(4) },
            Errors = new PluginErrorMetrics { ErrorRatePct = random.NextDouble() * 0.5, CriticalErrors = 0 },
            Resources = new PluginResourceMetrics { MemoryUsageMb = 200 + random.Next(5), CpuUsagePct = 20 + random.Next(5) },
            SelfTest = SelfTestResult.Pass(),
        }).ToArray()).ToArray();

        _rulesOnly = Create(anomalies: false);
        _withAnomalies = Create(anomalies: true);

        // Past the anomaly warm-up, so that every detector judges.
        for (var i = 0; i < 200; i++)
        {
            RulesOnly();
            RulesAndAnomalies();
        }
    }

    [Benchmark(Baseline = true, Description = "Rules and lifecycle, 1,000 plugins")]
    public bool RulesOnly() => Run(_rulesOnly);

    [Benchmark(Description = "Rules, lifecycle and 6 anomaly detectors, 1,000 plugins")]
    public bool RulesAndAnomalies() => Run(_withAnomalies);

    private bool Run((HealthEvaluator Evaluator, HealthAlertManager Alerts) stages) =>
        stages.Alerts.ApplyAsync(stages.Evaluator.Evaluate(NextCycle(), stages.Alerts.IsTracked), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    private PluginHealthSnapshot[] NextCycle()
    {
        _time.Advance(TimeSpan.FromSeconds(30));
        return _cycles[_next++ & 63];
    }

    private (HealthEvaluator Evaluator, HealthAlertManager Alerts) Create(bool anomalies)
    {
        var options = new PluginHealthOptions();
        options.Anomalies.Enabled = anomalies;
        var store = new InMemoryHealthStore();
        IHealthRule[] rules = [new AvailabilityRule(), new LatencyP95Rule(), new MemoryRule(), new CpuRule(), new ErrorRateRule(), new CriticalErrorsRule(), new SelfTestRule()];
        return (
            new HealthEvaluator(rules, options, NullLogger<HealthAlertManager>.Instance),
            new HealthAlertManager(store, store, [], Options.Create(options), _time, NullLogger<HealthAlertManager>.Instance));
    }
}
