using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Evaluation;

/// <summary>
/// One alerting cycle of 1,000 plugins in an incident that keeps changing — rules, the six anomaly
/// detectors, inhibition, flapping, a silence, and 100 plugins dying and recovering in waves — with two
/// sinks, so that every change is routed and written to the outbox. The reference sends each cycle's
/// changes at once (<c>GroupWait</c> zero, no routes); the other groups them across cycles, routes
/// Critical alerts to a second sink and escalates after 10 minutes. <see cref="HistoryCycles"/> cycles
/// run before measuring: the cost per cycle must not grow with them.
/// </summary>
[MemoryDiagnoser]
public class AlertGroupingBenchmarks
{
    private const int PluginCount = 1000;

    private static readonly DateTimeOffset Start = new(2026, 1, 12, 0, 0, 0, TimeSpan.Zero);

    private Stages _perCycle = null!;
    private Stages _grouped = null!;
    private PluginHealthSnapshot[][] _cycles = null!;

    /// <summary>Gets or sets how many cycles run before measuring.</summary>
    [Params(200, 2000)]
    public int HistoryCycles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);

        // 64 distinct cycles, replayed in turn.
        _cycles = [.. Enumerable.Range(0, 64).Select(c => Enumerable.Range(0, PluginCount).Select(i => Incident(Healthy(i, random), i, c)).ToArray())];
        _perCycle = Create(grouped: false);
        _grouped = Create(grouped: true);
        for (var i = 0; i < HistoryCycles; i++)
        {
            PerCycleSending();
            GroupedRoutedEscalated();
        }
    }

    [Benchmark(Baseline = true, Description = "Incident, 1,000 plugins, each cycle's changes sent at once")]
    public bool PerCycleSending() => Run(_perCycle);

    [Benchmark(Description = "Incident, 1,000 plugins, grouped across cycles, routed, escalated")]
    public bool GroupedRoutedEscalated() => Run(_grouped);

    private bool Run(Stages stages)
    {
        stages.Time.Advance(TimeSpan.FromSeconds(30));
        var snapshots = _cycles[stages.Cycle++ & 63];
        return stages.Alerts.ApplyAsync(stages.Evaluator.EvaluateAsync(snapshots, stages.Alerts.TrackedRulesOf).AsTask().GetAwaiter().GetResult(), CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    private static PluginHealthSnapshot Healthy(int plugin, Random random) => new()
    {
        PluginId = $"plugin-{plugin}",
        Timestamp = Start,
        Availability = new PluginAvailabilityMetrics { Status = PluginHealthStatus.Healthy, IsRunning = true, IsResponsive = true },
        Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 30 + (random.NextDouble() * 4), SignalsProcessed1h = 120 + random.Next(10), OrdersPlaced1h = 30 + random.Next(4) },
        Errors = new PluginErrorMetrics { ErrorRatePct = random.NextDouble() * 0.5, CriticalErrors = 0 },
        Resources = new PluginResourceMetrics { MemoryUsageMb = 200 + random.Next(5), CpuUsagePct = 20 + random.Next(5) },
        SelfTest = SelfTestResult.Pass(),
    };

    // Plugins 0–49 Dead with critical errors, 50–99 slow, 100–119 alive on odd cycles only, 120–219 dead
    // in waves of 25 for 8 of every 32 cycles: fresh firings and resolutions to group every few cycles.
    private static PluginHealthSnapshot Incident(PluginHealthSnapshot healthy, int plugin, int cycle) => plugin switch
    {
        < 50 => Dead(healthy) with { Errors = new PluginErrorMetrics { ErrorRatePct = 40, CriticalErrors = 3, LastErrorMessage = "socket closed" } },
        < 100 => healthy with { Performance = healthy.Performance with { P95ExecutionTimeMs = 9000 + cycle } },
        < 120 when cycle % 2 == 0 => Dead(healthy),
        >= 120 and < 220 when (cycle + ((plugin - 120) / 25 * 8)) % 32 < 8 => Dead(healthy),
        _ => healthy,
    };

    private static PluginHealthSnapshot Dead(PluginHealthSnapshot healthy) =>
        healthy with { Availability = new PluginAvailabilityMetrics { IsRunning = false, IsResponsive = false, Status = PluginHealthStatus.Dead, Reason = "IsAliveAsync returned false." } };

    private static Stages Create(bool grouped)
    {
        var time = new FakeTimeProvider(Start);
        var options = new PluginHealthOptions { GroupWait = grouped ? null : TimeSpan.Zero };
        if (grouped)
        {
            var critical = new AlertRouteOptions { Continue = true };
            critical.Levels.Add(AlertLevel.Critical);
            critical.Sinks.Add("pager");
            options.Routing.Routes.Add(critical);
            options.Routing.Sinks.Add("telegram");
            options.Routing.EscalateAfter = TimeSpan.FromMinutes(10);
            options.Routing.EscalationSinks.Add("pager");
        }

        var store = new InMemoryHealthStore();
        IHealthRule[] rules = [new AvailabilityRule(), new LatencyP95Rule(), new MemoryRule(), new CpuRule(), new ErrorRateRule(), new CriticalErrorsRule(), new SelfTestRule()];
        var alerts = new HealthAlertManager(store, store, [new DiscardingSink("telegram"), new DiscardingSink("pager")], Options.Create(options), time, NullLogger<HealthAlertManager>.Instance);
        alerts.SilenceAsync("plugin-1*", null, time.GetUtcNow() + TimeSpan.FromDays(365), "benchmark", "bench").GetAwaiter().GetResult();
        return new Stages(new HealthEvaluator(rules, options, time, NullLogger<HealthAlertManager>.Instance), alerts, time);
    }

    private sealed class Stages(HealthEvaluator evaluator, HealthAlertManager alerts, FakeTimeProvider time)
    {
        public HealthEvaluator Evaluator { get; } = evaluator;

        public HealthAlertManager Alerts { get; } = alerts;

        public FakeTimeProvider Time { get; } = time;

        public int Cycle { get; set; }
    }
}
