using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts;

[TestFixture]
public sealed class HealthAlertManagerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    private static IEnumerable<TestCaseData> Breaches()
    {
        PluginHealthSnapshot H() => Snapshots.Healthy("p", T0);
        yield return new TestCaseData(HealthRuleIds.Availability, H().WithStatus(PluginHealthStatus.Dead), AlertLevel.Critical, 1).SetName("Rule_availability_Dead_FiresCriticalAndResolves");
        yield return new TestCaseData(HealthRuleIds.Availability, H().WithStatus(PluginHealthStatus.Hung), AlertLevel.Critical, 1).SetName("Rule_availability_Hung_FiresCriticalAndResolves");
        yield return new TestCaseData(HealthRuleIds.Availability, H().WithStatus(PluginHealthStatus.Stale), AlertLevel.High, 1).SetName("Rule_availability_Stale_FiresHighAndResolves");
        yield return new TestCaseData(HealthRuleIds.LatencyP95, H() with { Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 7200 } }, AlertLevel.Warning, 2).SetName("Rule_latency_p95_FiresWarningAndResolves");
        yield return new TestCaseData(HealthRuleIds.Memory, H() with { Resources = new PluginResourceMetrics { MemoryUsageMb = 900 } }, AlertLevel.Warning, 2).SetName("Rule_memory_FiresWarningAndResolves");
        yield return new TestCaseData(HealthRuleIds.Cpu, H() with { Resources = new PluginResourceMetrics { CpuUsagePct = 95 } }, AlertLevel.Warning, 2).SetName("Rule_cpu_FiresWarningAndResolves");
        yield return new TestCaseData(HealthRuleIds.ErrorRate, H() with { Errors = new PluginErrorMetrics { ErrorRatePct = 12, CriticalErrors = 0 } }, AlertLevel.High, 2).SetName("Rule_error_rate_FiresHighAndResolves");
        yield return new TestCaseData(HealthRuleIds.CriticalErrors, H() with { Errors = new PluginErrorMetrics { ErrorRatePct = 0, CriticalErrors = 2, LastErrorMessage = "margin call" } }, AlertLevel.High, 2).SetName("Rule_critical_errors_FiresHighAndResolves");
        yield return new TestCaseData(HealthRuleIds.SelfTest, H() with { SelfTest = SelfTestResult.Fail("exchange unreachable") }, AlertLevel.High, 2).SetName("Rule_self_test_FiresHighAndResolves");
    }

    [TestCaseSource(nameof(Breaches))]
    public async Task EvaluateAsync_EachRule_FiresAfterForCyclesAndResolvesAfterClearCycles(string ruleId, PluginHealthSnapshot breach, AlertLevel level, int forCycles)
    {
        var harness = new AlertingHarness();
        var healthy = Snapshots.Healthy("p", T0);

        await harness.CyclesAsync(forCycles - 1, breach);
        var beforeFiring = harness.Sink.ReceivedAlerts.Count;
        await harness.CycleAsync(breach);
        var fired = harness.Sink.ReceivedAlerts.Single();
        await harness.CycleAsync(healthy);
        var afterOneClear = harness.Sink.ReceivedAlerts.Count;
        await harness.CycleAsync(healthy);

        beforeFiring.Should().Be(0, "a breach is pending for ForCycles - 1 cycles");
        fired.RuleId.Should().Be(ruleId);
        fired.Level.Should().Be(level);
        fired.State.Should().Be(AlertState.Firing);
        afterOneClear.Should().Be(1, "one clear cycle is not enough to resolve (hysteresis)");
        var resolved = harness.Sink.ReceivedAlerts.Last();
        resolved.Id.Should().Be(fired.Id);
        resolved.State.Should().Be(AlertState.Resolved);
        harness.Sink.ReceivedAlerts.Should().HaveCount(2);
        (await harness.Store.GetOpenAlertsAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task EvaluateAsync_UnknownFigures_NeverFire()
    {
        var harness = new AlertingHarness();
        var unknown = new PluginHealthSnapshot
        {
            PluginId = "p",
            Timestamp = T0,
            Availability = new PluginAvailabilityMetrics { Status = PluginHealthStatus.Healthy, IsRunning = true, IsResponsive = true },
        };

        await harness.CyclesAsync(20, unknown);

        harness.Sink.Calls.Should().Be(0);
        (await harness.Store.GetRecentAlertsAsync(10)).Should().BeEmpty();
    }

    [Test]
    public async Task EvaluateAsync_UnknownBetweenBreaches_NeitherAdvancesNorClears()
    {
        var harness = new AlertingHarness();
        var breach = Snapshots.Healthy("p", T0) with { Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 9000 } };
        var unknown = Snapshots.Healthy("p", T0) with { Performance = PluginPerformanceMetrics.Unknown };

        await harness.CycleAsync(breach);
        await harness.CycleAsync(unknown);
        var afterUnknown = harness.Sink.Calls;
        await harness.CycleAsync(breach);

        afterUnknown.Should().Be(0);
        harness.Sink.ReceivedAlerts.Should().ContainSingle().Which.RuleId.Should().Be(HealthRuleIds.LatencyP95);
    }

    [Test]
    public async Task EvaluateAsync_ValueChangesEveryCycle_AlertsOncePerRepeatIntervalSayingForHowLong()
    {
        var harness = new AlertingHarness();

        // 40 minutes at 30 s: the error rate is different every cycle, always High (above 5 %, below the critical 20 %).
        for (var i = 0; i < 80; i++)
        {
            await harness.CycleAsync(Snapshots.Healthy("p", T0) with { Errors = new PluginErrorMetrics { ErrorRatePct = 6 + (i * 0.15), CriticalErrors = 0 } });
        }

        var received = harness.Sink.Received;
        received.Should().HaveCount(3, "one firing at 0:30, then a reminder every 15 minutes, the High repeat interval");
        received.Select(n => n.Alerts.Single().Id).Distinct().Should().ContainSingle("throttling is keyed by plugin and rule, not by message");
        received.Select(n => n.CreatedAt - n.Alerts[0].RaisedAt).Should().Equal(TimeSpan.Zero, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30));
        received.Last().Alerts[0].SendCount.Should().Be(3);
    }

    [Test]
    public async Task EvaluateAsync_LevelRises_IsSentAtOnce()
    {
        var harness = new AlertingHarness();
        var stale = Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Stale);
        var dead = Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead, "IsAliveAsync returned false.");

        await harness.CycleAsync(stale);
        await harness.CycleAsync(dead);

        harness.Sink.ReceivedAlerts.Select(a => a.Level).Should().Equal(AlertLevel.High, AlertLevel.Critical);
        harness.Sink.ReceivedAlerts.Select(a => a.Id).Distinct().Should().ContainSingle();
        harness.Sink.ReceivedAlerts.Last().Message.Should().Contain("is Dead");
    }

    [Test]
    public async Task EvaluateAsync_ConditionFlaps_IsReportedOnceAsFlappingNotOnEveryFlip()
    {
        var harness = new AlertingHarness();
        var healthy = Snapshots.Healthy("p", T0);
        var dead = healthy.WithStatus(PluginHealthStatus.Dead);

        // Dead one cycle in three: without flap detection, a firing and a resolution every 90 seconds.
        for (var i = 0; i < 40; i++)
        {
            await harness.CycleAsync(i % 3 == 0 ? dead : healthy);
        }

        var after40 = harness.Sink.ReceivedAlerts.Count;
        for (var i = 40; i < 120; i++)
        {
            await harness.CycleAsync(i % 3 == 0 ? dead : healthy);
        }

        var sent = harness.Sink.ReceivedAlerts;
        foreach (var alert in sent)
        {
            TestContext.Out.WriteLine($"{alert.State} #{alert.SendCount} {alert.Message}");
        }

        var firstNotices = sent.Where(a => a.State == AlertState.Firing && a.SendCount == 1).ToList();
        var reminders = sent.Where(a => a.State == AlertState.Firing && a.SendCount > 1).ToList();
        firstNotices.Should().HaveCountLessThanOrEqualTo(3, "at most two episodes before flapping is detected, then one flapping alert");
        firstNotices.Last().Message.Should().StartWith("Flapping");
        sent.Count(a => a.State == AlertState.Resolved).Should().BeLessThanOrEqualTo(2);
        reminders.Should().BeEmpty("flapping is reported once, not repeated every cooldown");
        sent.Count.Should().Be(after40, "the last 80 flips add nothing");
    }

    [Test]
    public async Task EvaluateAsync_FlappingStops_TheAlertResolvesOnce()
    {
        var harness = new AlertingHarness();
        var healthy = Snapshots.Healthy("p", T0);
        var dead = healthy.WithStatus(PluginHealthStatus.Dead);
        for (var i = 0; i < 30; i++)
        {
            await harness.CycleAsync(i % 3 == 0 ? dead : healthy);
        }

        await harness.CyclesAsync(40, healthy);

        harness.Sink.ReceivedAlerts.Last().State.Should().Be(AlertState.Resolved);
        (await harness.Store.GetOpenAlertsAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task EvaluateAsync_MoreThanGroupThresholdFireInOneCycle_SendsOneNotificationCarryingAll()
    {
        var harness = new AlertingHarness();
        var dead = Enumerable.Range(1, 5).Select(i => Snapshots.Healthy($"v6-{i}", T0).WithStatus(PluginHealthStatus.Dead)).ToArray();

        await harness.CycleAsync(dead);

        harness.Sink.Received.Should().ContainSingle().Which.Alerts.Select(a => a.PluginId).Should().BeEquivalentTo(dead.Select(d => d.PluginId));
        harness.Sink.Received[0].IsGrouped.Should().BeTrue();
    }

    [Test]
    public async Task EvaluateAsync_GroupThresholdOrFewer_SendsOneNotificationEach()
    {
        var harness = new AlertingHarness();

        await harness.CycleAsync([.. Enumerable.Range(1, 3).Select(i => Snapshots.Healthy($"v6-{i}", T0).WithStatus(PluginHealthStatus.Dead))]);

        harness.Sink.Received.Should().HaveCount(3).And.OnlyContain(n => !n.IsGrouped);
    }

    [Test]
    public async Task SilenceAsync_AlertsDuringTheSilence_AreStoredButNotSentThenSentWhenItEnds()
    {
        var harness = new AlertingHarness();
        var dead = Snapshots.Healthy("v3-combined", T0).WithStatus(PluginHealthStatus.Dead);
        await harness.Manager.SilenceAsync("V3-COMBINED", null, T0 + TimeSpan.FromMinutes(10), "exchange maintenance", "ops");

        await harness.CyclesAsync(10, dead);
        var sentDuringSilence = harness.Sink.Calls;
        var stored = (await harness.Store.GetOpenAlertsAsync()).Single();
        await harness.CyclesAsync(12, dead);

        sentDuringSilence.Should().Be(0);
        stored.SilencedBy.Should().Be("ops: exchange maintenance");
        harness.Sink.ReceivedAlerts.Should().ContainSingle().Which.Id.Should().Be(stored.Id);
        harness.Manager.GetActiveSilences().Should().BeEmpty();
        (await harness.Store.GetSilencesAsync(T0)).Should().ContainSingle().Which.Reason.Should().Be("exchange maintenance");
    }

    [Test]
    public async Task SilenceAsync_OneRuleOfOnePlugin_OtherRulesAndPluginsStillAlert()
    {
        var harness = new AlertingHarness();
        await harness.Manager.SilenceAsync("a", HealthRuleIds.Availability, T0 + TimeSpan.FromHours(1), "restarting", "ops");

        await harness.CyclesAsync(2,
            Snapshots.Healthy("a", T0).WithStatus(PluginHealthStatus.Stale) with { SelfTest = SelfTestResult.Fail("no model") },
            Snapshots.Healthy("b", T0).WithStatus(PluginHealthStatus.Dead));

        harness.Sink.ReceivedAlerts.Select(a => (a.PluginId, a.RuleId)).Should().BeEquivalentTo([("a", HealthRuleIds.SelfTest), ("b", HealthRuleIds.Availability)]);
    }

    [Test]
    public void SilenceAsync_UntilInThePast_Throws()
    {
        var harness = new AlertingHarness();

        var act = () => harness.Manager.SilenceAsync(null, null, T0 - TimeSpan.FromMinutes(1), "oops", "ops");

        act.Should().ThrowAsync<ArgumentException>().WithMessage("*must end in the future*");
    }

    [Test]
    public async Task AcknowledgeAsync_FiringAlert_StopsRemindersButNotTheResolution()
    {
        var harness = new AlertingHarness();
        var dead = Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead);
        await harness.CycleAsync(dead);
        var alert = harness.Sink.ReceivedAlerts.Single();

        (await harness.Manager.AcknowledgeAsync(alert.Id, "alice")).Should().BeTrue();
        await harness.CyclesAsync(40, dead);
        var duringAck = harness.Sink.Calls;
        await harness.CyclesAsync(2, Snapshots.Healthy("p", T0));

        duringAck.Should().Be(1, "no reminders after an acknowledgement");
        harness.Sink.ReceivedAlerts.Last().State.Should().Be(AlertState.Resolved);
        harness.Sink.ReceivedAlerts.Last().AcknowledgedBy.Should().Be("alice");
        (await harness.Manager.AcknowledgeAsync(alert.Id, "bob")).Should().BeFalse("it is no longer firing");
    }

    [Test]
    public async Task EvaluateAsync_RestartWhileFiring_DoesNotFireAgainAndResolvesTheSameAlert()
    {
        var store = new InMemoryHealthStore();
        var time = new FakeTimeProvider(T0);
        var first = new AlertingHarness(store: store, time: time);
        var dead = Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead);
        await first.CyclesAsync(3, dead);
        var fired = first.Sink.ReceivedAlerts.Single();

        var second = new AlertingHarness(store: store, time: time);
        await second.CyclesAsync(3, dead);
        var afterRestart = second.Sink.Calls;
        await second.CyclesAsync(2, Snapshots.Healthy("p", T0));

        afterRestart.Should().Be(0, "the alert was resumed, not raised again");
        second.Sink.ReceivedAlerts.Should().ContainSingle().Which.Should().Match<HealthAlert>(a => a.Id == fired.Id && a.State == AlertState.Resolved);
        second.Logs.Entries.Should().Contain(e => e.EventId.Id == 2004);
    }

    [Test]
    public async Task EvaluateAsync_PerPluginOverride_AppliesOnlyToThatPlugin()
    {
        var options = new PluginHealthOptions();
        options.Plugins["v3-combined"] = new PluginMonitoringOptions();
        options.Plugins["v3-combined"].Thresholds.MaxMemoryUsageMb = 800;
        var harness = new AlertingHarness(options);
        var memory = new PluginResourceMetrics { MemoryUsageMb = 600 };

        await harness.CyclesAsync(2, Snapshots.Healthy("v3-combined", T0) with { Resources = memory }, Snapshots.Healthy("v6-price-action-5m", T0) with { Resources = memory });

        var alert = harness.Sink.ReceivedAlerts.Single();
        alert.PluginId.Should().Be("v6-price-action-5m");
        alert.Threshold.Should().Be(500);
        alert.Value.Should().Be(600);
    }

    [Test]
    public async Task EvaluateAsync_RuleDisabledGloballyOrForOnePlugin_IsNotEvaluated()
    {
        var options = new PluginHealthOptions();
        options.Rules[HealthRuleIds.Cpu] = new AlertRuleOptions { Enabled = false };
        options.Plugins["a"] = new PluginMonitoringOptions();
        options.Plugins["a"].DisabledRules.Add(HealthRuleIds.Memory);
        var harness = new AlertingHarness(options);
        var hot = new PluginResourceMetrics { MemoryUsageMb = 900, CpuUsagePct = 99 };

        await harness.CyclesAsync(2, Snapshots.Healthy("a", T0) with { Resources = hot }, Snapshots.Healthy("b", T0) with { Resources = hot });

        harness.Sink.ReceivedAlerts.Select(a => (a.PluginId, a.RuleId)).Should().Equal(("b", HealthRuleIds.Memory));
    }

    [Test]
    public async Task EvaluateAsync_ForCyclesConfigured_WaitsThatLong()
    {
        var options = new PluginHealthOptions();
        options.Rules[HealthRuleIds.Availability] = new AlertRuleOptions { ForCycles = 3 };
        var harness = new AlertingHarness(options);
        var dead = Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead);

        await harness.CyclesAsync(2, dead);
        var afterTwo = harness.Sink.Calls;
        await harness.CycleAsync(dead);

        afterTwo.Should().Be(0);
        harness.Sink.Calls.Should().Be(1);
    }

    [Test]
    public async Task EvaluateAsync_CustomRule_FiresLikeABuiltInOne()
    {
        var harness = new AlertingHarness(extraRules: [new LowWinRateRule()]);
        var losing = Snapshots.Healthy("p", T0) with { Performance = new PluginPerformanceMetrics { WinRatePct = 31 } };

        await harness.CyclesAsync(2, losing);

        var alert = harness.Sink.ReceivedAlerts.Single();
        alert.RuleId.Should().Be("win_rate.low");
        alert.Message.Should().Be("p wins 31 % of trades");
    }

    [Test]
    public async Task EvaluateAsync_RuleThrows_IsLoggedAndOtherRulesStillRun()
    {
        var harness = new AlertingHarness(extraRules: [new ThrowingRule()]);

        await harness.CycleAsync(Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead));

        harness.Sink.ReceivedAlerts.Should().ContainSingle().Which.RuleId.Should().Be(HealthRuleIds.Availability);
        harness.Logs.Entries.Should().Contain(e => e.EventId.Id == 2001 && e.Message.Contains("broken"));
    }

    [Test]
    public async Task EvaluateAsync_StoreWriteFails_TheChangeIsKeptAndWrittenNextCycle()
    {
        var store = new FlakyStore { FailSaves = 1 };
        var harness = new AlertingHarness(store: store);
        var dead = Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead);

        await harness.CycleAsync(dead);
        var afterFailure = harness.Sink.Calls;
        await harness.CycleAsync(dead);

        afterFailure.Should().Be(0, "nothing reaches a sink before it is durable");
        harness.Sink.ReceivedAlerts.Should().ContainSingle().Which.RaisedAt.Should().Be(T0, "the alert kept its original time");
        harness.Logs.Entries.Should().Contain(e => e.EventId.Id == 2002);
    }

    [TestCase(true, TestName = "EvaluateAsync_LatencyJumpsFarAboveItsOwnNormal_FiresAnAnomalyWarningBelowTheThreshold")]
    [TestCase(false, TestName = "EvaluateAsync_AnomalyRuleDisabled_DoesNotFire")]
    public async Task EvaluateAsync_LatencyAnomaly(bool enabled)
    {
        var options = new PluginHealthOptions();
        if (!enabled)
        {
            options.Rules["anomaly.p95_latency"] = new AlertRuleOptions { Enabled = false };
        }

        var harness = new AlertingHarness(options);
        var random = new Random(7);
        for (var i = 0; i < 120; i++)
        {
            await harness.CycleAsync(Snapshots.Healthy("p", T0) with { Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 30 + random.NextDouble() * 4 } });
        }

        var beforeJump = harness.Sink.Calls;
        await harness.CyclesAsync(5, Snapshots.Healthy("p", T0) with { Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 480 } });

        beforeJump.Should().Be(0, "noise is not an anomaly");
        if (enabled)
        {
            var alert = harness.Sink.ReceivedAlerts.Should().ContainSingle().Which;
            alert.RuleId.Should().Be("anomaly.p95_latency");
            alert.Level.Should().Be(AlertLevel.Warning);
            alert.Value.Should().Be(480);
            alert.Message.Should().Contain("P95 latency 480 ms");
        }
        else
        {
            harness.Sink.Calls.Should().Be(0);
        }
    }

    [Test]
    public async Task EvaluateAsync_LeftOverNotificationsWrittenInAQuietCycle_AsksForDispatch()
    {
        var store = new FlakyStore { FailSaves = 1 };
        var harness = new AlertingHarness(store: store);
        var dead = Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead);

        var first = await harness.EvaluateAsync([dead], CancellationToken.None);
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        var second = await harness.EvaluateAsync([dead], CancellationToken.None);

        first.Should().BeFalse("nothing was written");
        second.Should().BeTrue("the firing written late must still wake the dispatcher, although nothing changed this cycle");
    }

    [TestCase(850, false, TestName = "EvaluateAsync_HostRowBelowNinetyPercentOfItsLimit_DoesNotFireAlthoughAboveThePluginThreshold")]
    [TestCase(950, true, TestName = "EvaluateAsync_HostRowAboveNinetyPercentOfItsLimit_FiresMemory")]
    public async Task EvaluateAsync_HostRowMemory_IsJudgedAgainstItsOwnLimit(double memoryMb, bool fires)
    {
        var harness = new AlertingHarness();
        var host = Snapshots.Healthy(HostMonitoringOptions.PluginId, T0) with
        {
            Resources = new PluginResourceMetrics { MemoryUsageMb = memoryMb, MemoryLimitMb = 1000, CpuUsagePct = 75 },
        };

        await harness.CyclesAsync(3, host);

        harness.Sink.ReceivedAlerts.Select(a => a.RuleId).Should().Equal(fires ? [HealthRuleIds.Memory] : [],
            "memory is judged against 90 % of the host's limit, not the plugins' 500 MB");
    }

    [Test]
    public async Task AcknowledgeAsync_StoreHangs_TheNextCycleIsNotHeldUp()
    {
        var store = new FlakyStore();
        var harness = new AlertingHarness(store: store);
        var dead = Snapshots.Healthy("p", T0).WithStatus(PluginHealthStatus.Dead);
        await harness.CycleAsync(dead);
        var alert = harness.Sink.ReceivedAlerts.Single();
        store.HangSaves = true;

        var acknowledging = harness.Manager.AcknowledgeAsync(alert.Id, "alice");
        var cycle = harness.EvaluateAsync([dead], CancellationToken.None).AsTask();
        harness.Time.Advance(harness.Options.CheckTimeout);
        await cycle.WaitAsync(TimeSpan.FromSeconds(10));

        acknowledging.IsCompleted.Should().BeFalse("the acknowledgement waits for the store");
        cycle.IsCompletedSuccessfully.Should().BeTrue("a cycle waits for the store at most CheckTimeout, never for an operator's command");
    }

    private sealed class LowWinRateRule : IHealthRule
    {
        public string RuleId => "win_rate.low";

        public HealthRuleResult Evaluate(HealthRuleContext context) => context.Snapshot.Performance.WinRatePct switch
        {
            null => HealthRuleResult.Unknown,
            < 40 and var rate => HealthRuleResult.Breached(AlertLevel.Warning, $"{context.Snapshot.PluginId} wins {rate} % of trades", rate, 40),
            _ => HealthRuleResult.Clear,
        };
    }

    private sealed class ThrowingRule : IHealthRule
    {
        public string RuleId => "broken";

        public HealthRuleResult Evaluate(HealthRuleContext context) => throw new InvalidOperationException("bug");
    }

    /// <summary>The real in-memory store, with its alert writes failing a given number of times.</summary>
    private sealed class FlakyStore : IHealthStore, IAlertOutboxStore
    {
        private readonly InMemoryHealthStore _inner = new();

        public int FailSaves { get; set; }

        public bool HangSaves { get; set; }

        public Task SaveAlertsAsync(IReadOnlyList<HealthAlert> alerts, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken = default) =>
            HangSaves ? new TaskCompletionSource().Task
            : FailSaves-- > 0 ? Task.FromException(new IOException("disk full"))
            : _inner.SaveAlertsAsync(alerts, deliveries, cancellationToken);

        public ValueTask AppendSnapshotsAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken = default) => _inner.AppendSnapshotsAsync(snapshots, cancellationToken);

        public Task<IReadOnlyList<PluginHealthSnapshot>> GetLatestSnapshotsAsync(CancellationToken cancellationToken = default) => _inner.GetLatestSnapshotsAsync(cancellationToken);

        public Task<IReadOnlyList<PluginHealthSnapshot>> GetHistoryAsync(string pluginId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) => _inner.GetHistoryAsync(pluginId, from, to, cancellationToken);

        public Task<IReadOnlyList<HealthAlert>> GetRecentAlertsAsync(int limit, CancellationToken cancellationToken = default) => _inner.GetRecentAlertsAsync(limit, cancellationToken);

        public Task<IReadOnlyList<HealthAlert>> GetOpenAlertsAsync(CancellationToken cancellationToken = default) => _inner.GetOpenAlertsAsync(cancellationToken);

        public Task<HealthAlert?> GetAlertAsync(Guid alertId, CancellationToken cancellationToken = default) => _inner.GetAlertAsync(alertId, cancellationToken);

        public Task<IReadOnlyList<AlertDelivery>> GetPendingDeliveriesAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken = default) => _inner.GetPendingDeliveriesAsync(dueBy, limit, cancellationToken);

        public Task<IReadOnlyList<AlertDelivery>> GetDeadLettersAsync(int limit, CancellationToken cancellationToken = default) => _inner.GetDeadLettersAsync(limit, cancellationToken);

        public Task MarkDeliveredAsync(IReadOnlyList<Guid> deliveryIds, DateTimeOffset deliveredAt, CancellationToken cancellationToken = default) => _inner.MarkDeliveredAsync(deliveryIds, deliveredAt, cancellationToken);

        public Task MarkDeliveryFailedAsync(IReadOnlyList<Guid> deliveryIds, string error, DateTimeOffset failedAt, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) => _inner.MarkDeliveryFailedAsync(deliveryIds, error, failedAt, retryAt, cancellationToken);

        public Task SaveSilenceAsync(AlertSilence silence, CancellationToken cancellationToken = default) => _inner.SaveSilenceAsync(silence, cancellationToken);

        public Task<IReadOnlyList<AlertSilence>> GetSilencesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => _inner.GetSilencesAsync(now, cancellationToken);
    }
}
