using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Evaluation;

/// <summary>
/// One evaluation cycle of 1,000 healthy plugins: every built-in rule, the alert lifecycle, and (in
/// the second row) the six anomaly detectors per plugin. The third row is an incident: of the 1,000
/// plugins, 50 are Dead with critical errors (their other alerts inhibited), 50 are slow (their anomaly
/// alerts inhibited by the threshold alert), 20 flap alive/dead, and a silence covers ten of them — the
/// alerts stay open cycle after cycle, so a cost that grew with history would show. Reported per cycle.
/// </summary>
[MemoryDiagnoser]
public class AlertEvaluationBenchmarks
{
    private const int PluginCount = 1000;

    private (HealthEvaluator Evaluator, HealthAlertManager Alerts) _rulesOnly;
    private (HealthEvaluator Evaluator, HealthAlertManager Alerts) _withAnomalies;
    private (HealthEvaluator Evaluator, HealthAlertManager Alerts) _incident;
    private PluginHealthSnapshot[][] _cycles = null!;
    private PluginHealthSnapshot[][] _incidentCycles = null!;
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

        _incidentCycles = [.. _cycles.Select((cycle, c) => cycle.Select((s, i) => Incident(s, i, c)).ToArray())];
        _rulesOnly = Create(anomalies: false);
        _withAnomalies = Create(anomalies: true);
        _incident = Create(anomalies: true);
        _incident.Alerts.SilenceAsync("plugin-1*", null, _time.GetUtcNow() + TimeSpan.FromDays(365), "benchmark", "bench").GetAwaiter().GetResult();

        // Past the anomaly warm-up, so that every detector judges, and the incident's alerts are open.
        for (var i = 0; i < 200; i++)
        {
            RulesOnly();
            RulesAndAnomalies();
            Incident();
        }
    }

    [Benchmark(Baseline = true, Description = "Rules and lifecycle, 1,000 plugins")]
    public bool RulesOnly() => Run(_rulesOnly);

    [Benchmark(Description = "Rules, lifecycle and 6 anomaly detectors, 1,000 plugins")]
    public bool RulesAndAnomalies() => Run(_withAnomalies);

    [Benchmark(Description = "Incident: rules, anomalies, inhibition, flapping, silence, 1,000 plugins")]
    public bool Incident() => Run(_incident, _incidentCycles);

    private bool Run((HealthEvaluator Evaluator, HealthAlertManager Alerts) stages) => Run(stages, _cycles);

    private bool Run((HealthEvaluator Evaluator, HealthAlertManager Alerts) stages, PluginHealthSnapshot[][] cycles) =>
        stages.Alerts.ApplyAsync(Evaluate(stages.Evaluator, NextCycle(cycles), stages.Alerts.TrackedRulesOf), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    // The built-in rules only: evaluation completes synchronously.
    private static ReadOnlyMemory<RuleOutcome> Evaluate(HealthEvaluator evaluator, PluginHealthSnapshot[] snapshots, Func<string, TrackedRules?> trackedRulesOf)
    {
        var evaluating = evaluator.EvaluateAsync(snapshots, trackedRulesOf);
        return evaluating.IsCompletedSuccessfully ? evaluating.Result : throw new InvalidOperationException("Built-in rules are judged inline.");
    }

    private PluginHealthSnapshot[] NextCycle(PluginHealthSnapshot[][] cycles)
    {
        _time.Advance(TimeSpan.FromSeconds(30));
        return cycles[_next++ & 63];
    }

    // Plugins 0–49 Dead with critical errors, 50–99 slow, 100–119 alive on odd cycles only.
    private static PluginHealthSnapshot Incident(PluginHealthSnapshot healthy, int plugin, int cycle) => plugin switch
    {
        < 50 => healthy with
        {
            Availability = new PluginAvailabilityMetrics { IsRunning = false, IsResponsive = false, Status = PluginHealthStatus.Dead, Reason = "IsAliveAsync returned false." },
            Errors = new PluginErrorMetrics { ErrorRatePct = 40, CriticalErrors = 3, LastErrorMessage = "socket closed" },
        },
        < 100 => healthy with { Performance = healthy.Performance with { P95ExecutionTimeMs = 9000 + cycle } },
        < 120 when cycle % 2 == 0 => healthy with { Availability = new PluginAvailabilityMetrics { IsRunning = false, IsResponsive = false, Status = PluginHealthStatus.Dead, Reason = "flapping" } },
        _ => healthy,
    };

    private (HealthEvaluator Evaluator, HealthAlertManager Alerts) Create(bool anomalies)
    {
        var options = new PluginHealthOptions();
        options.Anomalies.Enabled = anomalies;
        var store = new InMemoryHealthStore();
        IHealthRule[] rules = [new AvailabilityRule(), new LatencyP95Rule(), new MemoryRule(), new CpuRule(), new ErrorRateRule(), new CriticalErrorsRule(), new SelfTestRule()];
        return (
            new HealthEvaluator(rules, options, _time, NullLogger<HealthAlertManager>.Instance),
            new HealthAlertManager(store, store, [], Options.Create(options), _time, NullLogger<HealthAlertManager>.Instance));
    }
}
