using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts;

[TestFixture]
public sealed class AlertLifecycleTests
{
    private const int SilencedEvent = 2005;
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private static readonly RuleOutcome Dead = new("p", HealthRuleIds.Availability, HealthRuleResult.Breached(AlertLevel.Critical, "p is Dead"));
    private static readonly RuleOutcome Alive = new("p", HealthRuleIds.Availability, HealthRuleResult.Clear);
    private static readonly RuleOutcome CpuWarning = new("p", HealthRuleIds.Cpu, HealthRuleResult.Breached(AlertLevel.Warning, "CPU 90 %", 90, 80));
    private static readonly RuleOutcome CpuHigh = new("p", HealthRuleIds.Cpu, HealthRuleResult.Breached(AlertLevel.High, "CPU 99 %", 99, 80));

    private PluginHealthOptions _options = null!;
    private CollectingLoggerProvider _logs = null!;
    private AlertLifecycle _lifecycle = null!;
    private DateTimeOffset _now;

    [SetUp]
    public void SetUp()
    {
        _options = new PluginHealthOptions();
        _logs = new CollectingLoggerProvider();
        _lifecycle = new AlertLifecycle(_options, _logs.CreateLogger("alerts"));
        _now = T0;
    }

    [TearDown]
    public void TearDown() => _logs.Dispose();

    [Test]
    public void Apply_OnlyClearOutcomes_ChangesNothing()
    {
        var result = Cycle(Alive, new RuleOutcome("p", HealthRuleIds.Cpu, HealthRuleResult.Clear), new RuleOutcome("p", HealthRuleIds.Memory, HealthRuleResult.Unknown));

        result.Notifiable.Should().BeNull();
        result.Changed.Should().BeEmpty();
    }

    [Test]
    public void Apply_AvailabilityBreach_FiresAtOnce()
    {
        var result = Cycle(Dead);

        var fired = result.Notifiable.Should().ContainSingle().Which;
        fired.Kind.Should().Be(AlertChangeKind.Fired);
        fired.Alert.RuleId.Should().Be(HealthRuleIds.Availability);
        fired.Alert.Level.Should().Be(AlertLevel.Critical);
        fired.Alert.RaisedAt.Should().Be(T0);
    }

    [Test]
    public void Apply_ThresholdRuleBreach_WaitsForItsForCycles()
    {
        var first = Cycle(CpuWarning);
        var second = Cycle(CpuWarning);

        first.Notifiable.Should().BeNull();
        second.Notifiable.Should().ContainSingle().Which.Kind.Should().Be(AlertChangeKind.Fired);
    }

    [Test]
    public void Apply_ForCyclesConfiguredForTheRule_IsHonoured()
    {
        _options.Rules[HealthRuleIds.Cpu] = new AlertRuleOptions { ForCycles = 4 };

        var results = Enumerable.Range(0, 4).Select(_ => Cycle(CpuWarning)).ToList();

        results.Take(3).Should().AllSatisfy(r => r.Notifiable.Should().BeNull());
        results[3].Notifiable.Should().ContainSingle();
    }

    [Test]
    public void Announce_FiredAlert_IsSentOnceWithItsSendCountAndStored()
    {
        var result = Cycle(Dead);

        var sent = result.ToSend.Should().ContainSingle().Which;
        sent.SendCount.Should().Be(1);
        sent.LastSentAt.Should().Be(T0);
        result.Changed.Should().ContainSingle().Which.Should().Be(sent);
    }

    [Test]
    public void Announce_SentAlertStillFiring_IsRemindedOnlyAfterTheCooldown()
    {
        Cycle(Dead);
        var cyclesInCooldown = (int)(_options.AlertCooldown / Interval);

        var results = Enumerable.Range(0, cyclesInCooldown).Select(_ => Cycle(Dead)).ToList();

        results.Take(cyclesInCooldown - 1).Should().AllSatisfy(r => r.Notifiable.Should().BeNull(), "the tracker saw the alert as sent");
        var reminder = results[^1].ToSend.Should().ContainSingle().Which;
        reminder.SendCount.Should().Be(2);
        reminder.LastSentAt.Should().Be(T0 + _options.AlertCooldown);
    }

    [Test]
    public void Apply_LevelRises_IsNotifiedAtOnce()
    {
        Cycle(CpuWarning);
        Cycle(CpuWarning);

        var result = Cycle(CpuHigh);

        result.Notifiable.Should().ContainSingle().Which.Kind.Should().Be(AlertChangeKind.Escalated);
        result.ToSend.Should().ContainSingle().Which.SendCount.Should().Be(2);
    }

    [Test]
    public void Apply_LevelFallsForClearCycles_IsNotifiedOnceAtOnce()
    {
        Cycle(CpuHigh);
        Cycle(CpuHigh);

        var first = Cycle(CpuWarning);
        var second = Cycle(CpuWarning);
        var third = Cycle(CpuWarning);

        first.Notifiable.Should().BeNull("one cycle at a lower level is not yet a lower level");
        second.Notifiable.Should().ContainSingle().Which.Kind.Should().Be(AlertChangeKind.Deescalated);
        second.ToSend.Should().ContainSingle().Which.Level.Should().Be(AlertLevel.Warning);
        third.Notifiable.Should().BeNull();
    }

    [Test]
    public void Announce_ResolvedAfterBeingSent_IsSent()
    {
        var fired = Cycle(Dead).ToSend.Single();
        Cycle(Alive);

        var result = Cycle(Alive);

        var resolved = result.ToSend.Should().ContainSingle().Which;
        resolved.Id.Should().Be(fired.Id);
        resolved.State.Should().Be(AlertState.Resolved);
        resolved.SendCount.Should().Be(2);
    }

    [Test]
    public void Announce_AlertCoveredByASilence_IsStoredAsSilencedButNotSent()
    {
        _lifecycle.Silences.Add(Silence(T0, TimeSpan.FromHours(1)));

        var result = Cycle(Dead);

        result.ToSend.Should().BeEmpty();
        var stored = result.Changed.Should().ContainSingle().Which;
        stored.SilencedBy.Should().Be("ops: maintenance");
        stored.SilencedAt.Should().Be(T0);
        stored.SendCount.Should().Be(0);
        _logs.Entries.Should().ContainSingle(e => e.EventId.Id == SilencedEvent);
    }

    [Test]
    public void Apply_SilenceEndsWhileStillFiring_TheDeferredFiringIsSentThen()
    {
        _lifecycle.Silences.Add(Silence(T0, TimeSpan.FromMinutes(2)));
        var silenced = Cycle(Dead).Changed.Single();
        var during = Enumerable.Range(0, 3).Select(_ => Cycle(Dead)).ToList();

        var after = Cycle(Dead);

        during.Should().AllSatisfy(r => r.ToSend.Should().BeEmpty());
        var deferred = after.Notifiable.Should().ContainSingle().Which;
        deferred.Kind.Should().Be(AlertChangeKind.Fired);
        deferred.Alert.Id.Should().Be(silenced.Id);
        after.ToSend.Should().ContainSingle().Which.SendCount.Should().Be(1);
    }

    [Test]
    public void Announce_ResolvedButNeverSent_IsStoredButNotSent()
    {
        var silence = Silence(T0, TimeSpan.FromHours(1));
        _lifecycle.Silences.Add(silence);
        Cycle(Dead);
        Cycle(Alive);
        _lifecycle.Silences.Remove(silence.Id);

        var result = Cycle(Alive);

        result.Notifiable.Should().ContainSingle().Which.Kind.Should().Be(AlertChangeKind.Resolved);
        result.ToSend.Should().BeEmpty("nobody was told it fired, so nobody is told it resolved");
        result.Changed.Should().ContainSingle().Which.State.Should().Be(AlertState.Resolved);
    }

    [Test]
    public void Acknowledge_FiringAlert_IsAcknowledgedOnceAndNotReminded()
    {
        var fired = Cycle(Dead).ToSend.Single();

        var acknowledged = _lifecycle.Acknowledge(fired.Id, "ops", _now);
        var again = _lifecycle.Acknowledge(fired.Id, "someone else", _now);
        var results = Enumerable.Range(0, 3 * (int)(_options.AlertCooldown / Interval)).Select(_ => Cycle(Dead)).ToList();

        acknowledged.Should().NotBeNull();
        acknowledged!.AcknowledgedBy.Should().Be("ops");
        acknowledged.SendCount.Should().Be(1, "the tracker kept what was sent");
        again.Should().BeNull("an alert is acknowledged once");
        results.Should().AllSatisfy(r => r.ToSend.Should().BeEmpty());
    }

    [Test]
    public void Acknowledge_UnknownAlert_IsNull()
    {
        Cycle(Dead);

        _lifecycle.Acknowledge(Guid.NewGuid(), "ops", _now).Should().BeNull();
    }

    [Test]
    public void Resume_AlertSentBeforeARestart_IsNotFiredAgainAndResolvesUnderItsId()
    {
        var before = OpenAlert(sendCount: 1);
        _lifecycle.Resume([before]);

        var breached = Cycle(Dead);
        Cycle(Alive);
        var resolved = Cycle(Alive);

        breached.Notifiable.Should().BeNull();
        var sent = resolved.ToSend.Should().ContainSingle().Which;
        sent.Id.Should().Be(before.Id);
        sent.State.Should().Be(AlertState.Resolved);
    }

    [Test]
    public void Resume_AlertNeverSentBeforeARestart_IsSentOnTheNextApply()
    {
        var before = OpenAlert(sendCount: 0);
        _lifecycle.Resume([before]);

        var result = Cycle();

        result.ToSend.Should().ContainSingle().Which.Id.Should().Be(before.Id);
    }

    [Test]
    public void TrackedRulesOf_NamesTheRulesWithATrackerOfThatPluginOnly()
    {
        Cycle(Alive, CpuWarning, new RuleOutcome("q", HealthRuleIds.Memory, HealthRuleResult.Clear));

        var tracked = _lifecycle.TrackedRulesOf("P");

        tracked.Should().NotBeNull("plugin ids are compared ignoring case");
        tracked!.Contains(HealthRuleIds.Cpu).Should().BeTrue();
        tracked.Contains(HealthRuleIds.Availability).Should().BeFalse("a clear outcome creates no tracker");
        _lifecycle.TrackedRulesOf("q").Should().BeNull();
    }

    [Test]
    public void TrackedRulesOf_ResumedAlert_IsTrackedAndForgottenWithItsPlugin()
    {
        _lifecycle.Resume([OpenAlert(sendCount: 1)]);
        _lifecycle.TrackedRulesOf("p")!.Contains(HealthRuleIds.Availability).Should().BeTrue();

        List<AlertChange>? notifiable = null;
        _lifecycle.Forget(["p"], _now, ref notifiable);

        _lifecycle.TrackedRulesOf("p").Should().BeNull();
        Cycle(CpuWarning);
        _lifecycle.TrackedRulesOf("p")!.Contains(HealthRuleIds.Availability).Should().BeFalse("the resumed tracker went with the plugin");
    }

    private HealthAlert OpenAlert(int sendCount) => new()
    {
        Id = Guid.NewGuid(),
        PluginId = "p",
        RuleId = HealthRuleIds.Availability,
        Level = AlertLevel.Critical,
        Message = "p is Dead",
        RaisedAt = T0 - TimeSpan.FromHours(1),
        SendCount = sendCount,
        LastSentAt = sendCount > 0 ? T0 - TimeSpan.FromMinutes(1) : null,
    };

    private static AlertSilence Silence(DateTimeOffset from, TimeSpan length) => new()
    {
        Id = Guid.NewGuid(),
        PluginId = "p",
        CreatedAt = from,
        Until = from + length,
        Reason = "maintenance",
        CreatedBy = "ops",
    };

    /// <summary>One cycle as the alert manager runs it: apply, then announce what is notifiable.</summary>
    private CycleResult Cycle(params RuleOutcome[] outcomes)
    {
        var changed = new List<HealthAlert>();
        var notifiable = _lifecycle.Apply(outcomes, _now, changed);
        var toSend = notifiable is null ? [] : _lifecycle.Announce(notifiable, _now, changed);
        _now += Interval;
        return new CycleResult(notifiable, toSend, changed);
    }

    private sealed record CycleResult(List<AlertChange>? Notifiable, List<HealthAlert> ToSend, List<HealthAlert> Changed);
}
