using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>
/// A host's rules that block their thread (a sleep, a lock wait, a <c>.Result</c> on a task that never
/// completes) in the whole pipeline, from <c>AddPluginHealthMonitoring</c>: these are about real threads,
/// so they run on the real clock, with bounds generous enough for a loaded machine.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BlockingRuleTests
{
    private const int RuleTimedOutEvent = 2020;
    private static readonly TimeSpan RuleTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private ThreadBlockers _blockers = null!;

    [SetUp]
    public void SetUp() => _blockers = new ThreadBlockers();

    [TearDown]
    public void TearDown() => _blockers.Dispose();

    [Test]
    public async Task CollectOnceAsync_ThreeHostRulesBlockForever_EveryCycleBoundedOtherRulesJudgedOneThreadEachLoggedOnce()
    {
        // Arrange: 20 healthy plugins, three rules that block forever and one that answers.
        var blockers = new[] { new BlockingRule("blocks.sleep", _blockers.Sleep), new BlockingRule("blocks.lock", _blockers.Lock), new BlockingRule("blocks.result", _blockers.Result) };
        var answering = new CountingRule();
        using var logs = new CollectingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(logs);
        for (var i = 0; i < 20; i++)
        {
            services.AddSingleton<IHealthCheckablePlugin>(new ScriptedPlugin($"healthy-{i:D2}"));
        }

        services.AddPluginHealthMonitoring(o =>
        {
            o.RuleTimeout = RuleTimeout;
            o.StaleAfter = TimeSpan.FromDays(1);
            o.Host.Enabled = false;
        });
        foreach (var rule in blockers)
        {
            services.AddSingleton<IHealthRule>(rule);
        }

        services.AddSingleton<IHealthRule>(answering);
        await using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<PluginHealthMonitor>();
        var threadsBefore = ThreadBlockers.ProcessThreadCount();
        var givenUpBefore = CallWorkerPool.Cycle.GivenUpWorkers;

        // Act
        var durations = new List<TimeSpan>();
        var cycles = new List<IReadOnlyList<PluginHealthSnapshot>>();
        for (var i = 0; i < 4; i++)
        {
            var watch = Stopwatch.StartNew();
            cycles.Add(await Task.Run(() => monitor.CollectOnceAsync().AsTask()).WaitAsync(Guard));
            durations.Add(watch.Elapsed);
        }

        var threadsAfter = ThreadBlockers.ProcessThreadCount();
        await TestContext.Out.WriteLineAsync(
            $"cycles {string.Join(", ", durations.Select(d => $"{d.TotalMilliseconds:0} ms"))}; threads {threadsBefore} -> {threadsAfter}; " +
            $"workers given up {CallWorkerPool.Cycle.GivenUpWorkers - givenUpBefore}");

        // Assert
        durations.Should().OnlyContain(d => d <= RuleTimeout + Margin, "a blocked rule costs a cycle at most RuleTimeout");
        cycles.Should().OnlyContain(c => c.Count == 20 && c.All(s => s.Availability.Status == PluginHealthStatus.Healthy));
        answering.Calls.Should().Be(4 * 20, "the rule that answers judges every plugin in every cycle");
        blockers.Should().OnlyContain(r => r.Calls == 1, "a rule whose call still holds a thread is not called again");
        (CallWorkerPool.Cycle.GivenUpWorkers - givenUpBefore).Should().BeLessThanOrEqualTo(3, "each blocked rule holds at most one thread");
        (threadsAfter - threadsBefore).Should().BeLessThanOrEqualTo(3 + 16, "the process gains one thread per blocked rule plus a few workers");
        logs.Entries.Where(e => e.EventId.Id == RuleTimedOutEvent).Select(e => e.Message.Split(' ')[1])
            .Should().BeEquivalentTo(["blocks.sleep", "blocks.lock", "blocks.result"], "each stall is logged once, not once per cycle");
    }

    private sealed class BlockingRule(string ruleId, Action block) : IHealthRule
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string RuleId => ruleId;

        public HealthRuleResult Evaluate(HealthRuleContext context)
        {
            Interlocked.Increment(ref _calls);
            block();
            return HealthRuleResult.Clear;
        }
    }

    private sealed class CountingRule : IHealthRule
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string RuleId => "answers";

        public HealthRuleResult Evaluate(HealthRuleContext context)
        {
            Interlocked.Increment(ref _calls);
            return HealthRuleResult.Clear;
        }
    }
}
