using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Evaluation;

/// <summary>
/// A host's rules are judged on call workers under <see cref="PluginHealthOptions.RuleTimeout"/>; the
/// built-in rules inline. The timeout runs on a fake clock here; the real-thread cases are in
/// <c>Reliability/BlockingRuleTests</c>.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class IsolatedRuleTests
{
    private const int RuleTimedOutEvent = 2020;
    private const int RuleUnreadableEvent = 2021;
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private CollectingLoggerProvider _logs = null!;
    private FakeTimeProvider _time = null!;
    private ManualResetEventSlim _release = null!;

    [SetUp]
    public void SetUp()
    {
        _logs = new CollectingLoggerProvider();
        _time = new FakeTimeProvider(T0);
        _release = new ManualResetEventSlim();
    }

    [TearDown]
    public void TearDown()
    {
        _release.Set();
        _logs.Dispose();
        _release.Dispose();
    }

    [Test]
    public void IsBuiltIn_LibraryRuleAndHostRule_TellsThemApart()
    {
        IsolatedRule.IsBuiltIn(new AvailabilityRule()).Should().BeTrue();
        IsolatedRule.IsBuiltIn(new RecordingRule("host")).Should().BeFalse();
    }

    [Test]
    public void EvaluateAsync_BuiltInRulesOnly_CompletesWithoutWaiting()
    {
        var evaluator = Evaluator(new AvailabilityRule(), new MemoryRule());

        var evaluating = evaluator.EvaluateAsync([Snapshots.Healthy("a", T0)]);

        evaluating.IsCompletedSuccessfully.Should().BeTrue("the built-in rules are judged inline, with no call worker");
        evaluating.Result.ToArray().Should().HaveCount(2);
    }

    [Test]
    public async Task EvaluateAsync_HostRuleBetweenBuiltInRules_JudgedOnAWorkerAndKeptInRuleOrder()
    {
        var host = new RecordingRule("host.rule");
        var evaluator = Evaluator(new AvailabilityRule(), host, new MemoryRule());

        var outcomes = (await evaluator.EvaluateAsync([Snapshots.Healthy("a", T0), Snapshots.Healthy("b", T0)]).AsTask().WaitAsync(Guard)).ToArray();

        outcomes.Select(o => (o.PluginId, o.RuleId)).Should().Equal(
            ("a", HealthRuleIds.Availability), ("a", "host.rule"), ("a", HealthRuleIds.Memory),
            ("b", HealthRuleIds.Availability), ("b", "host.rule"), ("b", HealthRuleIds.Memory));
        host.Threads.Should().HaveCount(2).And.OnlyContain(name => name == "ZepixHealth cycle call", "a host's rule runs on a call worker");
    }

    [Test]
    public async Task EvaluateAsync_HostRuleDisabledGloballyOrForAPlugin_NotCalledForIt()
    {
        var options = Options();
        options.Rules["off.everywhere"] = new AlertRuleOptions { Enabled = false };
        var a = new PluginMonitoringOptions();
        a.DisabledRules.Add("off.for.a");
        options.Plugins["a"] = a;
        var everywhere = new RecordingRule("off.everywhere");
        var forA = new RecordingRule("off.for.a");
        var evaluator = new HealthEvaluator([everywhere, forA], options, _time, _logs.CreateLogger("evaluation"));

        var outcomes = (await evaluator.EvaluateAsync([Snapshots.Healthy("a", T0), Snapshots.Healthy("b", T0)]).AsTask().WaitAsync(Guard)).ToArray();

        everywhere.Calls.Should().Be(0);
        forA.Seen.Should().Equal("b");
        outcomes.Select(o => (o.PluginId, o.RuleId)).Should().Equal(("b", "off.for.a"));
    }

    [Test]
    public async Task EvaluateAsync_HostRuleIdThrows_LoggedAndCountedAsUnknown()
    {
        var evaluator = Evaluator(new AvailabilityRule(), new UnnamedRule());

        var outcomes = (await evaluator.EvaluateAsync([Snapshots.Healthy("a", T0)]).AsTask().WaitAsync(Guard)).ToArray();

        outcomes.Select(o => o.RuleId).Should().Equal(HealthRuleIds.Availability);
        _logs.Entries.Should().ContainSingle(e => e.EventId.Id == RuleUnreadableEvent)
            .Which.Message.Should().Contain(nameof(UnnamedRule)).And.Contain("RuleId threw");
    }

    [Test]
    public async Task EvaluateAsync_HostRuleBlocks_CycleEndsAtRuleTimeoutLoggedOnceNotCalledAgainUntilItReturns()
    {
        // Arrange
        var blocking = new BlockingRule(_release);
        var evaluator = Evaluator(new AvailabilityRule(), blocking);
        PluginHealthSnapshot[] cycle = [Snapshots.Healthy("a", T0)];

        // Act 1: the rule blocks; the evaluation ends when RuleTimeout has passed on the clock.
        var first = evaluator.EvaluateAsync(cycle).AsTask();
        await blocking.Entered.Task.WaitAsync(Guard);
        first.IsCompleted.Should().BeFalse("the evaluation waits for the rule until its timeout");
        _time.Advance(PluginHealthDefaults.RuleTimeout);
        var firstOutcomes = (await first.WaitAsync(Guard)).ToArray();

        // Act 2: two more cycles while the rule is still blocked.
        var second = (await evaluator.EvaluateAsync(cycle).AsTask().WaitAsync(Guard)).ToArray();
        var third = (await evaluator.EvaluateAsync(cycle).AsTask().WaitAsync(Guard)).ToArray();

        // Assert
        foreach (var outcomes in new[] { firstOutcomes, second, third })
        {
            outcomes.Select(o => o.RuleId).Should().Equal([HealthRuleIds.Availability], "a rule that has not answered is unknown; the built-in rules go on");
        }

        blocking.Calls.Should().Be(1, "a rule whose call still holds a thread is not called again");
        _logs.Entries.Where(e => e.EventId.Id == RuleTimedOutEvent).Should().ContainSingle("a stall is logged once, not once per cycle")
            .Which.Message.Should().Contain("blocking.rule").And.Contain("3000 ms");

        // Act 3: once the call returns, the rule is judged again.
        _release.Set();
        await blocking.Returned.Task.WaitAsync(Guard);
        var afterRelease = await EvaluateUntilJudgedAsync(evaluator, cycle, "blocking.rule");

        afterRelease.Should().ContainSingle(o => o.RuleId == "blocking.rule").Which.Result.Outcome.Should().Be(HealthRuleOutcome.Breached);
        blocking.Calls.Should().Be(2);
    }

    // Between the rule's return and its abandoned call ending, the worker has a few instructions to run.
    private static async Task<RuleOutcome[]> EvaluateUntilJudgedAsync(HealthEvaluator evaluator, PluginHealthSnapshot[] cycle, string ruleId)
    {
        for (var attempt = 0; ; attempt++)
        {
            await CallWorkers.SettleAsync();
            var outcomes = (await evaluator.EvaluateAsync(cycle).AsTask().WaitAsync(Guard)).ToArray();
            if (outcomes.Any(o => o.RuleId == ruleId) || attempt == 100)
            {
                return outcomes;
            }
        }
    }

    private static PluginHealthOptions Options()
    {
        var options = new PluginHealthOptions();
        options.Anomalies.Enabled = false;
        return options;
    }

    private HealthEvaluator Evaluator(params IHealthRule[] rules) => new(rules, Options(), _time, _logs.CreateLogger("evaluation"));

    private sealed class RecordingRule(string ruleId) : IHealthRule
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _seen = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _threads = new();

        public int Calls => _seen.Count;

        public IReadOnlyList<string> Seen => [.. _seen];

        public IReadOnlyList<string> Threads => [.. _threads];

        public string RuleId => ruleId;

        public HealthRuleResult Evaluate(HealthRuleContext context)
        {
            _seen.Enqueue(context.Snapshot.PluginId);
            _threads.Enqueue(Thread.CurrentThread.Name ?? Environment.CurrentManagedThreadId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return HealthRuleResult.Clear;
        }
    }

    private sealed class UnnamedRule : IHealthRule
    {
        public string RuleId => throw new InvalidOperationException("no id");

        public HealthRuleResult Evaluate(HealthRuleContext context) => HealthRuleResult.Clear;
    }

    private sealed class BlockingRule(ManualResetEventSlim release) : IHealthRule
    {
        private int _calls;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Returned { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls => Volatile.Read(ref _calls);

        public string RuleId => "blocking.rule";

        public HealthRuleResult Evaluate(HealthRuleContext context)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                Entered.TrySetResult();
                release.Wait(CancellationToken.None);
                Returned.TrySetResult();
            }

            return HealthRuleResult.Breached(AlertLevel.Warning, "judged");
        }
    }
}
