using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Evaluation;

[TestFixture]
public sealed class HealthEvaluatorTests
{
    private const int RuleFailedEvent = 2001;
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    private static readonly string[] BuiltInRuleIds =
    [
        HealthRuleIds.Availability, HealthRuleIds.LatencyP95, HealthRuleIds.Memory, HealthRuleIds.Cpu,
        HealthRuleIds.ErrorRate, HealthRuleIds.CriticalErrors, HealthRuleIds.SelfTest,
    ];

    private CollectingLoggerProvider _logs = null!;

    [SetUp]
    public void SetUp() => _logs = new CollectingLoggerProvider();

    [TearDown]
    public void TearDown() => _logs.Dispose();

    private static IHealthRule[] BuiltInRules() =>
    [
        new AvailabilityRule(), new LatencyP95Rule(), new MemoryRule(), new CpuRule(),
        new ErrorRateRule(), new CriticalErrorsRule(), new SelfTestRule(),
    ];

    private static PluginHealthOptions WithoutAnomalies()
    {
        var options = new PluginHealthOptions();
        options.Anomalies.Enabled = false;
        return options;
    }

    private HealthEvaluator Evaluator(PluginHealthOptions options, params IHealthRule[] rules) =>
        new(rules.Length == 0 ? BuiltInRules() : rules, options, new FakeTimeProvider(T0), _logs.CreateLogger("evaluation"));

    [Test]
    public async Task Evaluate_EveryRuleEnabled_OneOutcomePerRulePerSnapshotInOrder()
    {
        var evaluator = Evaluator(WithoutAnomalies());

        var outcomes = (await evaluator.EvaluateAsync([Snapshots.Healthy("a", T0), Snapshots.Healthy("b", T0)])).ToArray();

        outcomes.Select(o => (o.PluginId, o.RuleId)).Should().Equal(
            [.. BuiltInRuleIds.Select(r => ("a", r)), .. BuiltInRuleIds.Select(r => ("b", r))]);
        outcomes.Should().AllSatisfy(o => o.Result.Outcome.Should().Be(HealthRuleOutcome.Clear));
    }

    [Test]
    public async Task Evaluate_WithTrackedPairs_HandsOnBreachesAndOnlyTheClearsOfTrackedPairs()
    {
        var evaluator = Evaluator(WithoutAnomalies());
        var hot = Snapshots.Healthy("a", T0) with { Resources = new PluginResourceMetrics { MemoryUsageMb = 100, CpuUsagePct = 95 } };
        var healthy = Snapshots.Healthy("b", T0);

        var trackedOfB = new TrackedRules();
        trackedOfB.Add(HealthRuleIds.Memory);

        var outcomes = (await evaluator.EvaluateAsync([hot, healthy], plugin => plugin == "b" ? trackedOfB : null)).ToArray();

        outcomes.Select(o => (o.PluginId, o.RuleId, o.Result.Outcome)).Should().Equal(
            ("a", HealthRuleIds.Cpu, HealthRuleOutcome.Breached),
            ("b", HealthRuleIds.Memory, HealthRuleOutcome.Clear));
    }

    [Test]
    public async Task Evaluate_BreachingSnapshot_CarriesTheRuleVerdict()
    {
        var evaluator = Evaluator(WithoutAnomalies());
        var hot = Snapshots.Healthy("a", T0) with { Resources = new PluginResourceMetrics { MemoryUsageMb = 100, CpuUsagePct = 95 } };

        var outcomes = (await evaluator.EvaluateAsync([hot])).ToArray();

        var cpu = outcomes.Single(o => o.RuleId == HealthRuleIds.Cpu).Result;
        cpu.Outcome.Should().Be(HealthRuleOutcome.Breached);
        cpu.Value.Should().Be(95);
        cpu.Threshold.Should().Be(PluginHealthDefaults.MaxCpuUsagePct);
    }

    [Test]
    public async Task Evaluate_NoSnapshots_NoOutcomes()
    {
        var evaluator = Evaluator(new PluginHealthOptions());

        (await evaluator.EvaluateAsync([])).ToArray().Should().BeEmpty();
    }

    [Test]
    public async Task Evaluate_RuleDisabledGlobally_GivesNoOutcomeForAnyPlugin()
    {
        var options = WithoutAnomalies();
        options.Rules[HealthRuleIds.Cpu] = new AlertRuleOptions { Enabled = false };
        var evaluator = Evaluator(options);

        var outcomes = (await evaluator.EvaluateAsync([Snapshots.Healthy("a", T0), Snapshots.Healthy("b", T0)])).ToArray();

        outcomes.Should().NotContain(o => o.RuleId == HealthRuleIds.Cpu);
        outcomes.Should().HaveCount(2 * (BuiltInRuleIds.Length - 1));
    }

    [Test]
    public async Task Evaluate_RuleSettingsPresentButEnabled_StillGivesAnOutcome()
    {
        var options = WithoutAnomalies();
        options.Rules[HealthRuleIds.Cpu] = new AlertRuleOptions { ForCycles = 4 };
        var evaluator = Evaluator(options);

        var outcomes = (await evaluator.EvaluateAsync([Snapshots.Healthy("a", T0)])).ToArray();

        outcomes.Should().ContainSingle(o => o.RuleId == HealthRuleIds.Cpu);
    }

    [Test]
    public async Task Evaluate_RuleDisabledForOnePlugin_GivesNoOutcomeForThatPluginOnly()
    {
        var options = WithoutAnomalies();
        var a = new PluginMonitoringOptions();
        a.DisabledRules.Add(HealthRuleIds.Cpu);
        options.Plugins["a"] = a;
        var evaluator = Evaluator(options);

        var outcomes = (await evaluator.EvaluateAsync([Snapshots.Healthy("a", T0), Snapshots.Healthy("b", T0)])).ToArray();

        outcomes.Should().NotContain(o => o.PluginId == "a" && o.RuleId == HealthRuleIds.Cpu);
        outcomes.Should().ContainSingle(o => o.PluginId == "b" && o.RuleId == HealthRuleIds.Cpu);
        outcomes.Count(o => o.PluginId == "a").Should().Be(BuiltInRuleIds.Length - 1);
    }

    [Test]
    public async Task Evaluate_RuleThrows_IsLoggedAndTheOtherRulesStillRun()
    {
        var failure = new InvalidOperationException("rule bug");
        var evaluator = Evaluator(WithoutAnomalies(), new CpuRule(), new ThrowingRule(failure), new MemoryRule());

        var outcomes = (await evaluator.EvaluateAsync([Snapshots.Healthy("a", T0), Snapshots.Healthy("b", T0)])).ToArray();

        outcomes.Select(o => (o.PluginId, o.RuleId)).Should().Equal(
            ("a", HealthRuleIds.Cpu), ("a", HealthRuleIds.Memory), ("b", HealthRuleIds.Cpu), ("b", HealthRuleIds.Memory));
        var logged = _logs.Entries.Where(e => e.EventId.Id == RuleFailedEvent).ToList();
        logged.Should().HaveCount(2, "once per snapshot the rule threw on");
        logged.Should().AllSatisfy(e => e.Exception.Should().BeSameAs(failure));
        logged[0].Message.Should().Contain("broken").And.Contain("a");
    }

    [Test]
    public async Task Evaluate_PluginThresholdOverride_ReachesTheRuleContext()
    {
        var options = WithoutAnomalies();
        options.Thresholds.MaxErrorRatePct = 4;
        var a = new PluginMonitoringOptions();
        a.Thresholds.MaxMemoryUsageMb = 900;
        options.Plugins["a"] = a;
        var recorder = new RecordingRule();
        var evaluator = Evaluator(options, recorder);

        (await evaluator.EvaluateAsync([Snapshots.Healthy("a", T0), Snapshots.Healthy("b", T0)])).ToArray();

        recorder.Seen.Should().HaveCount(2);
        recorder.Seen[0].Snapshot.PluginId.Should().Be("a");
        recorder.Seen[0].Thresholds.MaxMemoryUsageMb.Should().Be(900);
        recorder.Seen[0].Thresholds.MaxErrorRatePct.Should().Be(4);
        recorder.Seen[1].Thresholds.MaxMemoryUsageMb.Should().Be(PluginHealthDefaults.MaxMemoryUsageMb);
    }

    [Test]
    public async Task Evaluate_PluginThresholdOverride_ChangesTheBuiltInRuleVerdict()
    {
        var options = WithoutAnomalies();
        var a = new PluginMonitoringOptions();
        a.Thresholds.MaxMemoryUsageMb = 900;
        options.Plugins["a"] = a;
        var evaluator = Evaluator(options);
        PluginHealthSnapshot WithMemory(string id) => Snapshots.Healthy(id, T0) with { Resources = new PluginResourceMetrics { MemoryUsageMb = 700, CpuUsagePct = 10 } };

        var outcomes = (await evaluator.EvaluateAsync([WithMemory("a"), WithMemory("b")])).ToArray();

        outcomes.Single(o => o.PluginId == "a" && o.RuleId == HealthRuleIds.Memory).Result.Outcome.Should().Be(HealthRuleOutcome.Clear);
        outcomes.Single(o => o.PluginId == "b" && o.RuleId == HealthRuleIds.Memory).Result.Outcome.Should().Be(HealthRuleOutcome.Breached);
    }

    [Test]
    public async Task Evaluate_AnomaliesOn_OneAnomalyOutcomePerMetricPerSnapshot()
    {
        var evaluator = Evaluator(new PluginHealthOptions());

        var outcomes = (await evaluator.EvaluateAsync([Snapshots.Healthy("a", T0)])).ToArray();

        outcomes.Where(o => o.RuleId.StartsWith(HealthRuleIds.AnomalyPrefix, StringComparison.Ordinal)).Select(o => o.RuleId)
            .Should().BeEquivalentTo(["anomaly.p95_latency", "anomaly.error_rate", "anomaly.memory", "anomaly.cpu", "anomaly.signals_per_hour", "anomaly.orders_per_hour"]);
    }

    [Test]
    public async Task Evaluate_AnomaliesOff_NoAnomalyOutcomes()
    {
        var evaluator = Evaluator(WithoutAnomalies());

        var outcomes = new List<RuleOutcome>();
        for (var i = 0; i < 50; i++)
        {
            outcomes.AddRange((await evaluator.EvaluateAsync([Snapshots.Healthy("a", T0.AddSeconds(30 * i))])).ToArray());
        }

        outcomes.Should().NotContain(o => o.RuleId.StartsWith(HealthRuleIds.AnomalyPrefix, StringComparison.Ordinal));
        outcomes.Should().HaveCount(50 * BuiltInRuleIds.Length);
    }

    [Test]
    public async Task Evaluate_AnomalyRuleDisabledGloballyOrForAPlugin_GivesNoOutcomeForIt()
    {
        var options = new PluginHealthOptions();
        options.Rules["anomaly.cpu"] = new AlertRuleOptions { Enabled = false };
        var a = new PluginMonitoringOptions();
        a.DisabledRules.Add("anomaly.memory");
        options.Plugins["a"] = a;
        var evaluator = Evaluator(options);

        var outcomes = (await evaluator.EvaluateAsync([Snapshots.Healthy("a", T0), Snapshots.Healthy("b", T0)])).ToArray();

        outcomes.Should().NotContain(o => o.RuleId == "anomaly.cpu");
        outcomes.Should().NotContain(o => o.PluginId == "a" && o.RuleId == "anomaly.memory");
        outcomes.Should().ContainSingle(o => o.PluginId == "b" && o.RuleId == "anomaly.memory");
    }

    [Test]
    public async Task Evaluate_CalledAgain_ReturnsOnlyTheNewCyclesOutcomes()
    {
        var evaluator = Evaluator(WithoutAnomalies());

        (await evaluator.EvaluateAsync([Snapshots.Healthy("a", T0), Snapshots.Healthy("b", T0)])).ToArray();
        var second = (await evaluator.EvaluateAsync([Snapshots.Healthy("c", T0)])).ToArray();

        second.Should().HaveCount(BuiltInRuleIds.Length).And.OnlyContain(o => o.PluginId == "c");
    }

    private sealed class ThrowingRule(Exception failure) : IHealthRule
    {
        public string RuleId => "broken";

        public HealthRuleResult Evaluate(HealthRuleContext context) => throw failure;
    }

    private sealed class RecordingRule : IHealthRule
    {
        public List<HealthRuleContext> Seen { get; } = [];

        public string RuleId => "recording";

        public HealthRuleResult Evaluate(HealthRuleContext context)
        {
            Seen.Add(context);
            return HealthRuleResult.Clear;
        }
    }
}
