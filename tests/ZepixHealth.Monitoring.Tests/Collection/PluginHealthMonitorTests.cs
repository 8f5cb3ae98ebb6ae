using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Collection;

[TestFixture]
public sealed class PluginHealthMonitorTests
{
    private static readonly TimeSpan CheckTimeout = new PluginHealthOptions().CheckTimeout;

    [Test]
    public async Task CollectOnceAsync_HealthyPlugin_ReportsHealthyWithItsMetrics()
    {
        var plugin = new ScriptedPlugin("v3-combined");
        var harness = new MonitorHarness(null, plugin);
        var started = harness.Time.GetUtcNow() - TimeSpan.FromHours(2);
        plugin.Metrics = _ => ValueTask.FromResult(new PluginMetrics
        {
            LastActivity = harness.Time.GetUtcNow(),
            StartedAt = started,
            Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 12.5, SignalsProcessed1h = 40 },
            Errors = new PluginErrorMetrics { TotalErrors = 1, ErrorRatePct = 2.5 },
            Database = new PluginDatabaseMetrics { ActiveConnections = 3, MaxConnections = 10, AvgQueryTimeMs = 1.5 },
            MemoryUsageMb = 120,
        });

        var snapshot = (await harness.CollectAsync()).Single();

        snapshot.PluginId.Should().Be("v3-combined");
        snapshot.Timestamp.Should().Be(harness.Time.GetUtcNow());
        snapshot.Availability.Status.Should().Be(PluginHealthStatus.Healthy);
        snapshot.Availability.IsRunning.Should().BeTrue();
        snapshot.Availability.IsResponsive.Should().BeTrue();
        snapshot.Availability.Reason.Should().BeNull();
        snapshot.Availability.Uptime.Should().Be(TimeSpan.FromHours(2));
        snapshot.Performance.P95ExecutionTimeMs.Should().Be(12.5);
        snapshot.Performance.SignalsProcessed1h.Should().Be(40);
        snapshot.Errors.ErrorRatePct.Should().Be(2.5);
        snapshot.Resources.MemoryUsageMb.Should().Be(120);
        snapshot.Resources.DbConnectionsActive.Should().Be(3);
        snapshot.Resources.DbConnectionsMax.Should().Be(10);
        snapshot.Resources.DbQueryTimeAvgMs.Should().Be(1.5);
        snapshot.Resources.CpuUsagePct.Should().BeNull("nothing measures CPU for an in-process plugin yet, and unknown is not 0");
        snapshot.Faults.Should().BeEmpty();
    }

    [Test]
    public async Task CollectOnceAsync_IsAliveReturnsFalseThenTrue_IsDeadThenHealthyAgain()
    {
        var plugin = new ScriptedPlugin("v6-price-action-1m") { Alive = _ => ValueTask.FromResult(false) };
        var harness = new MonitorHarness(null, plugin);

        var dead = (await harness.CollectAsync()).Single();
        plugin.Alive = _ => ValueTask.FromResult(true);
        var recovered = (await harness.CollectAsync()).Single();

        dead.Availability.Status.Should().Be(PluginHealthStatus.Dead);
        dead.Availability.IsRunning.Should().BeFalse();
        dead.Availability.Reason.Should().Be("IsAliveAsync returned false.");
        recovered.Availability.Status.Should().Be(PluginHealthStatus.Healthy);
        harness.Logs.Entries.Should().Contain(e => e.EventId.Id == 1001 && e.Message.Contains("v6-price-action-1m is Dead"));
        harness.Logs.Entries.Should().Contain(e => e.EventId.Id == 1002 && e.Message.Contains("Healthy again (was Dead)"));
    }

    [Test]
    public async Task CollectOnceAsync_NotAliveWithALastError_TheReasonCarriesTheLastError()
    {
        var plugin = new ScriptedPlugin("faulted")
        {
            Alive = _ => ValueTask.FromResult(false),
            Metrics = _ => ValueTask.FromResult(new PluginMetrics
            {
                Errors = new PluginErrorMetrics { LastErrorMessage = "socket closed", LastErrorType = "System.IO.IOException" },
            }),
        };
        var harness = new MonitorHarness(null, plugin);

        var snapshot = (await harness.CollectAsync()).Single();

        snapshot.Availability.Reason.Should().Be("IsAliveAsync returned false. Last error (System.IO.IOException): socket closed");
    }

    [Test]
    public async Task CollectOnceAsync_IsAliveThrowsAsynchronously_IsDeadWithTheMessageKept()
    {
        var plugin = new ScriptedPlugin("thrower")
        {
            Alive = async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("exchange socket closed");
            },
        };
        var harness = new MonitorHarness(null, plugin);

        var snapshot = (await harness.CollectAsync()).Single();

        snapshot.Availability.Status.Should().Be(PluginHealthStatus.Dead);
        snapshot.Availability.Reason.Should().Be("IsAliveAsync threw InvalidOperationException: exchange socket closed");
    }

    [Test]
    public async Task CollectOnceAsync_IsAliveThrowsBeforeReturningATask_IsDead()
    {
        var plugin = new ScriptedPlugin("sync-thrower") { Alive = _ => throw new NullReferenceException("model not loaded") };
        var harness = new MonitorHarness(null, plugin);

        var snapshot = (await harness.CollectAsync()).Single();

        snapshot.Availability.Status.Should().Be(PluginHealthStatus.Dead);
        snapshot.Availability.Reason.Should().Contain("NullReferenceException: model not loaded");
    }

    [Test]
    public async Task CollectOnceAsync_IsAliveNeverAnswers_IsHungAfterTheCheckTimeout()
    {
        var plugin = new ScriptedPlugin("hanger") { Alive = _ => ScriptedPlugin.Forever<bool>() };
        var harness = new MonitorHarness(null, plugin);

        var cycle = harness.Monitor.CollectOnceAsync().AsTask();
        harness.Time.Advance(CheckTimeout - TimeSpan.FromMilliseconds(1));
        var finishedEarly = cycle.IsCompleted;
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        var snapshot = (await cycle.WaitAsync(TimeSpan.FromSeconds(10))).Single();

        finishedEarly.Should().BeFalse("the monitor waits the whole check timeout");
        snapshot.Availability.Status.Should().Be(PluginHealthStatus.Hung);
        snapshot.Availability.IsResponsive.Should().BeFalse();
        snapshot.Availability.IsRunning.Should().BeTrue();
        snapshot.Availability.Reason.Should().Be("IsAliveAsync did not answer within 5 s.");
        plugin.MetricsCalls.Should().Be(0, "a hung plugin is not asked for more");
    }

    [Test]
    public async Task CollectOnceAsync_HungPluginFor100Cycles_IsCalledOnceAndLeavesOneOutstandingCall()
    {
        var plugin = new ScriptedPlugin("hanger") { Alive = _ => ScriptedPlugin.Forever<bool>() };
        var harness = new MonitorHarness(null, plugin);
        await harness.CollectAdvancingAsync(CheckTimeout);

        var statuses = new List<PluginHealthStatus>();
        for (var i = 0; i < 100; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(30));

            // No clock advance is needed: a plugin with a call outstanding is judged at once.
            var cycle = harness.Monitor.CollectOnceAsync();
            cycle.IsCompleted.Should().BeTrue();
            statuses.Add((await cycle).Single().Availability.Status);
        }

        statuses.Should().AllBeEquivalentTo(PluginHealthStatus.Hung);
        plugin.AliveCalls.Should().Be(1);
        harness.Monitor.OutstandingCallCount.Should().Be(1);
    }

    [Test]
    public async Task CollectOnceAsync_HungCallFinallyAnswers_PluginIsCalledAgainAndHealthy()
    {
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var plugin = new ScriptedPlugin("slowpoke") { Alive = _ => new ValueTask<bool>(answer.Task) };
        var harness = new MonitorHarness(null, plugin);
        var hung = (await harness.CollectAdvancingAsync(CheckTimeout)).Single();
        var stillHung = (await harness.CollectAsync()).Single();

        plugin.Alive = _ => ValueTask.FromResult(true);
        answer.SetResult(true);
        await WaitUntilAsync(() => harness.Monitor.OutstandingCallCount == 0);
        var recovered = (await harness.CollectAsync()).Single();

        hung.Availability.Status.Should().Be(PluginHealthStatus.Hung);
        stillHung.Availability.Reason.Should().StartWith("IsAliveAsync has not answered for ").And.Contain("(since 09:30 UTC)").And.NotContain("2026-", "an operator reads ages and clock times, not round-trip stamps");
        recovered.Availability.Status.Should().Be(PluginHealthStatus.Healthy);
        plugin.AliveCalls.Should().Be(2);
    }

    [Test]
    public async Task CollectOnceAsync_HungPluginFirst_OthersAreCollectedWithoutWaitingForIt()
    {
        var hanger = new ScriptedPlugin("hanger") { Alive = _ => ScriptedPlugin.Forever<bool>() };
        var others = Enumerable.Range(1, 4).Select(i => new ScriptedPlugin($"healthy-{i}")).ToArray();
        var harness = new MonitorHarness(null, [hanger, .. others]);

        var cycle = harness.Monitor.CollectOnceAsync().AsTask();
        await CallWorkers.SettleAsync();
        var collectedBeforeTimeout = others.Select(p => p.MetricsCalls).ToArray();
        harness.Time.Advance(CheckTimeout);
        var snapshots = await cycle.WaitAsync(TimeSpan.FromSeconds(10));

        collectedBeforeTimeout.Should().AllBeEquivalentTo(1, "the healthy plugins are checked while the hung one is awaited");
        snapshots.Select(s => s.PluginId).Should().Equal("hanger", "healthy-1", "healthy-2", "healthy-3", "healthy-4");
        snapshots.Skip(1).Should().OnlyContain(s => s.Availability.Status == PluginHealthStatus.Healthy);
    }

    [Test]
    public async Task CollectOnceAsync_SeveralPluginsHang_TheCycleCostsOneCheckTimeout()
    {
        var hangers = Enumerable.Range(1, 5).Select(i => new ScriptedPlugin($"hanger-{i}") { Alive = _ => ScriptedPlugin.Forever<bool>() }).ToArray();
        var harness = new MonitorHarness(null, hangers);

        var snapshots = await harness.CollectAdvancingAsync(CheckTimeout);

        snapshots.Should().HaveCount(5).And.OnlyContain(s => s.Availability.Status == PluginHealthStatus.Hung);
    }

    [Test]
    public async Task CollectOnceAsync_MaxConcurrentChecks_BoundsCallsInFlight()
    {
        var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var plugins = Enumerable.Range(1, 6).Select(i => new ScriptedPlugin($"p{i}") { Alive = _ => new ValueTask<bool>(gate.Task) }).ToArray();
        var inFlight = 0;
        var maxInFlight = 0;
        foreach (var plugin in plugins)
        {
            plugin.Alive = async _ =>
            {
                var now = Interlocked.Increment(ref inFlight);
                lock (plugins)
                {
                    maxInFlight = Math.Max(maxInFlight, now);
                }

                try
                {
                    return await gate.Task;
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            };
        }

        var harness = new MonitorHarness(new PluginHealthOptions { MaxConcurrentChecks = 2 }, plugins);

        var cycle = harness.Monitor.CollectOnceAsync().AsTask();
        await CallWorkers.SettleAsync();
        var startedBeforeRelease = plugins.Sum(p => p.AliveCalls);
        gate.SetResult(true);
        var snapshots = await cycle.WaitAsync(TimeSpan.FromSeconds(10));

        startedBeforeRelease.Should().Be(2);
        maxInFlight.Should().Be(2);
        snapshots.Should().HaveCount(6).And.OnlyContain(s => s.Availability.Status == PluginHealthStatus.Healthy);
    }

    [Test]
    public async Task CollectOnceAsync_FiftyQuickPluginsThirtyTwoLanes_OneWorkerMakesTheCalls()
    {
        var threads = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        var plugins = Enumerable.Range(1, 50).Select(i => new ScriptedPlugin($"p{i:D2}")
        {
            Alive = _ =>
            {
                threads[Environment.CurrentManagedThreadId] = true;
                return ValueTask.FromResult(true);
            },
        }).ToArray();
        var harness = new MonitorHarness(new PluginHealthOptions { MaxConcurrentChecks = 32 }, plugins);

        var snapshots = await harness.CollectAsync();

        snapshots.Should().HaveCount(50).And.OnlyContain(s => s.Availability.Status == PluginHealthStatus.Healthy);
        threads.Count.Should().BeLessThanOrEqualTo(2, "a worker runs the first lane through every quick plugin; the other lanes find nothing left");
    }

    [Test]
    public async Task CollectOnceAsync_GetMetricsNeverAnswers_IsHung()
    {
        var plugin = new ScriptedPlugin("metrics-hanger") { Metrics = _ => ScriptedPlugin.Forever<PluginMetrics>() };
        var harness = new MonitorHarness(null, plugin);

        var snapshot = (await harness.CollectAdvancingAsync(CheckTimeout)).Single();
        var next = (await harness.CollectAsync()).Single();

        snapshot.Availability.Status.Should().Be(PluginHealthStatus.Hung);
        snapshot.Availability.Reason.Should().Contain("GetMetricsAsync did not answer");
        next.Availability.Status.Should().Be(PluginHealthStatus.Hung);
        plugin.AliveCalls.Should().Be(1, "no call is made while GetMetricsAsync is still running");
    }

    [TestCase(301, TestName = "CollectOnceAsync_LastActivityJustPastStaleAfter_IsStale")]
    [TestCase(86_410, TestName = "CollectOnceAsync_LastActivityADayAnd10SecondsAgo_IsStale")]
    [TestCase(3_605, TestName = "CollectOnceAsync_LastActivityAnHourAnd5SecondsAgo_IsStale")]
    public async Task CollectOnceAsync_OldLastActivity_IsStaleOnTotalElapsedTime(int secondsAgo)
    {
        // The seed used timedelta.seconds, which wraps every day and so called a day-old plugin healthy.
        var plugin = new ScriptedPlugin("quiet");
        var harness = new MonitorHarness(null, plugin);
        var lastActivity = harness.Time.GetUtcNow() - TimeSpan.FromSeconds(secondsAgo);
        plugin.Metrics = _ => ValueTask.FromResult(new PluginMetrics { LastActivity = lastActivity });

        var snapshot = (await harness.CollectAsync()).Single();

        snapshot.Availability.Status.Should().Be(PluginHealthStatus.Stale);
        snapshot.Availability.LastHeartbeat.Should().Be(lastActivity);
        snapshot.Availability.Reason.Should().Contain("stale after 5 min").And.NotContain("2026-").And.NotContain("00:");
    }

    [Test]
    public async Task CollectOnceAsync_StalePluginBecomesActive_IsHealthyAgain()
    {
        var plugin = new ScriptedPlugin("quiet");
        var harness = new MonitorHarness(null, plugin);
        var lastActivity = harness.Time.GetUtcNow();
        plugin.Metrics = _ => ValueTask.FromResult(new PluginMetrics { LastActivity = lastActivity });

        var fresh = (await harness.CollectAsync()).Single();
        harness.Time.Advance(TimeSpan.FromSeconds(300));
        var atLimit = (await harness.CollectAsync()).Single();
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var stale = (await harness.CollectAsync()).Single();
        lastActivity = harness.Time.GetUtcNow();
        var active = (await harness.CollectAsync()).Single();

        fresh.Availability.Status.Should().Be(PluginHealthStatus.Healthy);
        atLimit.Availability.Status.Should().Be(PluginHealthStatus.Healthy, "stale means older than StaleAfter");
        stale.Availability.Status.Should().Be(PluginHealthStatus.Stale);
        active.Availability.Status.Should().Be(PluginHealthStatus.Healthy);
    }

    [Test]
    public async Task CollectOnceAsync_GetMetricsReturnsNull_MetricsUnknownAndFaultNoted()
    {
        var plugin = new ScriptedPlugin("null-metrics") { Metrics = _ => ValueTask.FromResult<PluginMetrics>(null!) };
        var harness = new MonitorHarness(null, plugin);

        var snapshot = (await harness.CollectAsync()).Single();

        snapshot.Availability.Status.Should().Be(PluginHealthStatus.Healthy);
        snapshot.Performance.Should().Be(PluginPerformanceMetrics.Unknown);
        snapshot.Faults.Should().ContainSingle().Which.Should().Contain("GetMetricsAsync returned null");
    }

    [Test]
    public async Task CollectOnceAsync_GetMetricsThrows_MetricsUnknownAndFaultNoted()
    {
        var plugin = new ScriptedPlugin("metrics-thrower") { Metrics = _ => throw new TimeoutException("db busy") };
        var harness = new MonitorHarness(null, plugin);

        var snapshot = (await harness.CollectAsync()).Single();

        snapshot.Availability.Status.Should().Be(PluginHealthStatus.Healthy);
        snapshot.Faults.Should().ContainSingle().Which.Should().StartWith("GetMetricsAsync threw TimeoutException: db busy");
    }

    [Test]
    public async Task CollectOnceAsync_GarbageMetrics_AreUnknownAndEachIsNoted()
    {
        var plugin = new ScriptedPlugin("garbage");
        var harness = new MonitorHarness(null, plugin);
        var hugeMessage = new string('x', 10 * 1024 * 1024);
        plugin.Metrics = _ => ValueTask.FromResult(new PluginMetrics
        {
            Performance = new PluginPerformanceMetrics
            {
                AvgExecutionTimeMs = 3,
                P95ExecutionTimeMs = double.NaN,
                P99ExecutionTimeMs = double.PositiveInfinity,
                SignalsProcessed1h = -5,
                WinRatePct = 140,
            },
            Errors = new PluginErrorMetrics { TotalErrors = 2, LastErrorMessage = hugeMessage, ErrorRatePct = -1 },
            Database = new PluginDatabaseMetrics { ActiveConnections = -2 },
            MemoryUsageMb = double.NegativeInfinity,
            LastActivity = harness.Time.GetUtcNow() + TimeSpan.FromDays(3),
        });

        var snapshot = (await harness.CollectAsync()).Single();

        snapshot.Performance.AvgExecutionTimeMs.Should().Be(3, "good figures survive next to bad ones");
        snapshot.Performance.P95ExecutionTimeMs.Should().BeNull();
        snapshot.Performance.P99ExecutionTimeMs.Should().BeNull();
        snapshot.Performance.SignalsProcessed1h.Should().BeNull();
        snapshot.Performance.WinRatePct.Should().BeNull();
        snapshot.Errors.TotalErrors.Should().Be(2);
        snapshot.Errors.ErrorRatePct.Should().BeNull();
        snapshot.Errors.LastErrorMessage.Should().HaveLength(PluginHealthDefaults.MaxTextLength).And.EndWith("…");
        snapshot.Resources.MemoryUsageMb.Should().BeNull();
        snapshot.Resources.DbConnectionsActive.Should().BeNull();
        snapshot.Availability.LastHeartbeat.Should().BeNull("a future timestamp is not believed");
        snapshot.Availability.Status.Should().Be(PluginHealthStatus.Healthy);
        snapshot.Faults.Should().HaveCount(9);
        snapshot.Faults.Should().Contain("Performance.P95ExecutionTimeMs was NaN; treated as unknown.");
        snapshot.Faults.Should().Contain("Performance.SignalsProcessed1h was -5; treated as unknown.");
        snapshot.Faults.Should().Contain("Errors.LastErrorMessage was 10485760 characters long; kept the first 1024.");
    }

    [Test]
    public async Task CollectOnceAsync_MetricPartsSetToNull_AreUnknownAndNoted()
    {
        var plugin = new ScriptedPlugin("null-parts")
        {
            Metrics = _ => ValueTask.FromResult(new PluginMetrics { Performance = null!, Errors = null!, Database = null! }),
        };
        var harness = new MonitorHarness(null, plugin);

        var snapshot = (await harness.CollectAsync()).Single();

        snapshot.Performance.Should().Be(PluginPerformanceMetrics.Unknown);
        snapshot.Errors.Should().Be(PluginErrorMetrics.Unknown);
        snapshot.Faults.Should().HaveCount(3);
    }

    [Test]
    public async Task CollectOnceAsync_SelfTest_RunsOncePerSelfTestInterval()
    {
        var plugin = new ScriptedPlugin("tested") { SelfTest = _ => ValueTask.FromResult(SelfTestResult.Fail("exchange unreachable")) };
        var harness = new MonitorHarness(new PluginHealthOptions { SelfTestInterval = TimeSpan.FromMinutes(5) }, plugin);

        await harness.CollectAsync();

        // The self-test runs beside the cycle, on a worker: its result shows from the next snapshot on.
        await harness.Monitor.WhenSelfTestsRecordedAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var first = (await harness.CollectAsync()).Single();
        for (var i = 0; i < 9; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(30));
            await harness.CollectAsync();
        }

        var callsWithinInterval = plugin.SelfTestCalls;
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        await harness.CollectAsync();
        await harness.Monitor.WhenSelfTestsRecordedAsync().WaitAsync(TimeSpan.FromSeconds(10));

        first.SelfTest.Should().Be(SelfTestResult.Fail("exchange unreachable"));
        first.SelfTestCompletedAt.Should().Be(harness.Time.Start);
        callsWithinInterval.Should().Be(1);
        plugin.SelfTestCalls.Should().Be(2);
    }

    [Test]
    public async Task CollectOnceAsync_SelfTestNeverFinishes_FailsAfterItsOwnTimeoutWithoutDelayingCycles()
    {
        var plugin = new ScriptedPlugin("slow-self-test") { SelfTest = _ => ScriptedPlugin.Forever<SelfTestResult>() };
        var options = new PluginHealthOptions { SelfTestTimeout = TimeSpan.FromSeconds(20), SelfTestInterval = TimeSpan.FromSeconds(30) };
        var harness = new MonitorHarness(options, plugin);

        var first = (await harness.CollectAsync()).Single();
        await CallWorkers.SettleAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(20));
        await harness.Monitor.WhenSelfTestsRecordedAsync().WaitAsync(TimeSpan.FromSeconds(10));
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        var due = (await harness.CollectAsync()).Single();

        first.SelfTest.Should().BeNull("the self-test runs beside the cycle and has not finished");
        due.SelfTest!.Passed.Should().BeFalse();
        due.SelfTest.Message.Should().Be("SelfTestAsync did not finish within 20 s.");
        due.Faults.Should().Contain(f => f.Contains("SelfTestAsync call is still running"));
        plugin.SelfTestCalls.Should().Be(1);
    }

    [Test]
    public async Task CollectOnceAsync_SelfTestThrowsOrReturnsNull_RecordsAFailure()
    {
        var thrower = new ScriptedPlugin("thrower") { SelfTest = _ => throw new InvalidOperationException("no model") };
        var nuller = new ScriptedPlugin("nuller") { SelfTest = _ => ValueTask.FromResult<SelfTestResult>(null!) };
        var harness = new MonitorHarness(null, thrower, nuller);

        await harness.CollectAsync();
        await harness.Monitor.WhenSelfTestsRecordedAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var snapshots = await harness.CollectAsync();

        harness.Single(snapshots, "thrower").SelfTest.Should().Be(new SelfTestResult(false, "SelfTestAsync threw InvalidOperationException: no model"));
        harness.Single(snapshots, "nuller").SelfTest.Should().Be(new SelfTestResult(false, "SelfTestAsync returned null."));
    }

    [Test]
    public async Task CollectOnceAsync_DeadPlugin_IsNotSelfTested()
    {
        var plugin = new ScriptedPlugin("dead") { Alive = _ => ValueTask.FromResult(false) };
        var harness = new MonitorHarness(null, plugin);

        await harness.CollectAsync();

        plugin.SelfTestCalls.Should().Be(0);
    }

    [Test]
    public async Task CollectOnceAsync_RegistryChangesDuringACycle_TheCycleKeepsItsSetAndTheNextSeesTheChange()
    {
        var hanger = new ScriptedPlugin("hanger") { Alive = _ => ScriptedPlugin.Forever<bool>() };
        var leaving = new ScriptedPlugin("leaving");
        var harness = new MonitorHarness(null, hanger, leaving);

        var cycle = harness.Monitor.CollectOnceAsync().AsTask();
        harness.Registry.Register(new ScriptedPlugin("joining"));
        harness.Registry.Unregister("LEAVING").Should().BeTrue();
        await CallWorkers.SettleAsync();
        harness.Time.Advance(CheckTimeout);
        var during = await cycle.WaitAsync(TimeSpan.FromSeconds(10));
        var after = await harness.CollectAsync();

        during.Select(s => s.PluginId).Should().Equal("hanger", "leaving");
        after.Select(s => s.PluginId).Should().Equal("hanger", "joining");
    }

    [Test]
    public async Task CollectOnceAsync_CalledConcurrently_CyclesDoNotOverlap()
    {
        var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var plugin = new ScriptedPlugin("gated") { Alive = _ => new ValueTask<bool>(gate.Task) };
        var harness = new MonitorHarness(null, plugin);

        var first = harness.Monitor.CollectOnceAsync().AsTask();
        var second = harness.Monitor.CollectOnceAsync().AsTask();
        await CallWorkers.SettleAsync();
        var callsWhileFirstRuns = plugin.AliveCalls;
        gate.SetResult(true);
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        callsWhileFirstRuns.Should().Be(1);
        plugin.AliveCalls.Should().Be(2);
        plugin.MaxConcurrentAliveCalls.Should().Be(1);
    }

    [Test]
    public async Task CollectOnceAsync_Cancelled_ThrowsPromptlyEvenWhenAPluginHangs()
    {
        var plugin = new ScriptedPlugin("hanger") { Alive = _ => ScriptedPlugin.Forever<bool>() };
        var harness = new MonitorHarness(null, plugin);
        using var stopping = new CancellationTokenSource();

        var cycle = harness.Monitor.CollectOnceAsync(stopping.Token).AsTask();
        await stopping.CancelAsync();

        await FluentActions.Awaiting(() => cycle.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public async Task CollectOnceAsync_HungCallAbandoned_ThePluginsTokenIsCancelled()
    {
        var observed = new TaskCompletionSource<CancellationToken>();
        var plugin = new ScriptedPlugin("cooperative")
        {
            Alive = token =>
            {
                observed.TrySetResult(token);
                return ScriptedPlugin.Forever<bool>();
            },
        };
        var harness = new MonitorHarness(null, plugin);

        await harness.CollectAdvancingAsync(CheckTimeout);

        (await observed.Task).IsCancellationRequested.Should().BeTrue();
    }

    [Test]
    public async Task CollectOnceAsync_PluginWithInvalidIdInACustomRegistry_IsSkippedAndLoggedOnce()
    {
        var good = new ScriptedPlugin("good");
        var bad = new ScriptedPlugin("");
        var registry = new FixedRegistry([bad, good]);
        var logs = new CollectingLoggerProvider();
        var monitor = new PluginHealthMonitor(registry, Microsoft.Extensions.Options.Options.Create(new PluginHealthOptions()), new FakeTimeProvider(), [], logs);

        var first = await monitor.CollectOnceAsync();
        var second = await monitor.CollectOnceAsync();

        // The host row (on by default) comes last.
        first.Select(s => s.PluginId).Should().Equal("good", HostMonitoringOptions.PluginId);
        second.Select(s => s.PluginId).Should().Equal("good", HostMonitoringOptions.PluginId);
        bad.AliveCalls.Should().Be(0);
        logs.Entries.Where(e => e.EventId.Id == 1004).Should().ContainSingle().Which.Message.Should().Contain("empty");
    }

    [Test]
    public async Task CollectOnceAsync_Observers_ReceiveTheSnapshotsAndAThrowingOneHarmsNothing()
    {
        var received = new List<IReadOnlyList<PluginHealthSnapshot>>();
        var harness = new MonitorHarness(null, [new ThrowingObserver(), new RecordingObserver(received)], new ScriptedPlugin("p"));

        var snapshots = await harness.CollectAsync();

        received.Should().ContainSingle().Which.Should().BeSameAs(snapshots);
        harness.Logs.Entries.Should().Contain(e => e.EventId.Id == 1005 && e.Exception is InvalidOperationException);
    }

    [Test]
    public async Task CollectOnceAsync_DefaultRegistry_TakesTheIdReadAtRegistrationAndNeverCallsTheGetter()
    {
        using var release = new ManualResetEventSlim(initialState: true);
        var plugin = new BlockingIdPlugin("counted", release);
        var harness = new MonitorHarness(null, plugin);

        for (var i = 0; i < 3; i++)
        {
            (await harness.CollectAsync()).Single().PluginId.Should().Be("counted");
        }

        plugin.IdReads.Should().Be(1, "the registry read the id when the plugin was registered; the cycle never calls the getter");
    }

    [Test]
    public async Task CollectOnceAsync_HostRegistrysNewPluginIdGetterBlocks_CycleEndsAtCheckTimeoutOthersWatchedLoggedOnce()
    {
        // Arrange: a host's own registry, which reads no ids; the new plugin's getter blocks.
        using var release = new ManualResetEventSlim();
        using var logs = new CollectingLoggerProvider();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero));
        var options = new PluginHealthOptions();
        options.Host.Enabled = false;
        var registry = new MutableRegistry { Plugins = [new ScriptedPlugin("ok")] };
        var monitor = new PluginHealthMonitor(registry, Microsoft.Extensions.Options.Options.Create(options), time, [], logs);
        (await monitor.CollectOnceAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Select(s => s.PluginId).Should().Equal("ok");
        var blocker = new BlockingIdPlugin("blocker", release);
        registry.Plugins = [.. registry.Plugins, blocker];
        // Act 1: first sight; the id read blocks its worker, and the cycle ends when the check timeout has passed.
        var cycle = monitor.CollectOnceAsync().AsTask();
        await blocker.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        cycle.IsCompleted.Should().BeFalse("the cycle waits for the id until the check timeout");
        time.Advance(CheckTimeout);
        var whileBlocked = new List<IReadOnlyList<PluginHealthSnapshot>> { await cycle.WaitAsync(TimeSpan.FromSeconds(10)) };

        // Act 2: more cycles while the getter is still blocked; none needs the clock.
        whileBlocked.Add(await monitor.CollectOnceAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        whileBlocked.Add(await monitor.CollectOnceAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        // Assert
        whileBlocked.Should().OnlyContain(snapshots => snapshots.Count == 1 && snapshots[0].PluginId == "ok", "the plugin with no id yet is left out; the others are watched");
        blocker.IdReads.Should().Be(1, "a getter still blocked is not asked again");
        logs.Entries.Where(e => e.EventId.Id == 1004).Should().ContainSingle("a stall is logged once, not once per cycle")
            .Which.Message.Should().Contain(nameof(BlockingIdPlugin)).And.Contain("did not answer");

        // Act 3: once the getter returns, the plugin is asked again and watched.
        release.Set();
        await blocker.Returned.Task.WaitAsync(TimeSpan.FromSeconds(10));
        IReadOnlyList<PluginHealthSnapshot> watched = [];
        for (var attempt = 0; attempt < 100 && watched.All(s => s.PluginId != "blocker"); attempt++)
        {
            // Between the getter's return and its abandoned call ending, the worker has a few instructions to run.
            await CallWorkers.SettleAsync();
            watched = await monitor.CollectOnceAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }

        watched.Should().ContainSingle(s => s.PluginId == "blocker").Which.Availability.Status.Should().Be(PluginHealthStatus.Healthy);
    }

    /// <summary>Waits for background work (a continuation on the thread pool) without sleeping on a fixed time.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(giveUp, "the condition should have become true");
            await Task.Yield();
        }
    }

    private sealed class FixedRegistry(IReadOnlyList<IHealthCheckablePlugin> plugins) : IPluginRegistry
    {
        public IReadOnlyList<IHealthCheckablePlugin> GetAllPlugins() => plugins;

        public void Register(IHealthCheckablePlugin plugin) => throw new NotSupportedException();

        public bool Unregister(string pluginId) => throw new NotSupportedException();
    }

    /// <summary>A plugin whose Id getter blocks until released.</summary>
    private sealed class BlockingIdPlugin(string id, ManualResetEventSlim release) : IHealthCheckablePlugin
    {
        private int _idReads;

        public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Returned { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int IdReads => Volatile.Read(ref _idReads);

        public string Id
        {
            get
            {
                Interlocked.Increment(ref _idReads);
                if (!release.IsSet)
                {
                    Blocked.TrySetResult();
                    release.Wait(CancellationToken.None);
                    Returned.TrySetResult();
                }

                return id;
            }
        }

        public ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(true);

        public ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(new PluginMetrics());

        public ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(SelfTestResult.Pass());
    }

    private sealed class MutableRegistry : IPluginRegistry
    {
        public IReadOnlyList<IHealthCheckablePlugin> Plugins { get; set; } = [];

        public IReadOnlyList<IHealthCheckablePlugin> GetAllPlugins() => Plugins;

        public void Register(IHealthCheckablePlugin plugin) => throw new NotSupportedException();

        public bool Unregister(string pluginId) => throw new NotSupportedException();
    }

    private sealed class ThrowingObserver : IPluginHealthObserver
    {
        public ValueTask OnCycleCompletedAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("dashboard broke");
    }

    private sealed class RecordingObserver(List<IReadOnlyList<PluginHealthSnapshot>> received) : IPluginHealthObserver
    {
        public ValueTask OnCycleCompletedAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken)
        {
            received.Add(snapshots);
            return ValueTask.CompletedTask;
        }
    }
}
