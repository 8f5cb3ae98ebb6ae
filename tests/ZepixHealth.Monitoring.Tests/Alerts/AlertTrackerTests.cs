using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Alerts;

[TestFixture]
public sealed class AlertTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Repeat = TimeSpan.FromMinutes(5);
    private static readonly AlertRuleSettings Settings = new(forCycles: 3, clearCycles: 2, repeatInterval: Repeat);

    private static readonly HealthRuleResult Warning = HealthRuleResult.Breached(AlertLevel.Warning, "CPU 90 % is above 80 %", 90, 80);
    private static readonly HealthRuleResult High = HealthRuleResult.Breached(AlertLevel.High, "CPU 99 % is above 80 %", 99, 80);

    private AlertTracker _tracker = null!;
    private DateTimeOffset _now;

    [SetUp]
    public void SetUp()
    {
        _tracker = new AlertTracker("p", HealthRuleIds.Cpu);
        _now = T0;
    }

    [Test]
    public void Observe_FewerThanForCyclesBreaches_DoesNotFire()
    {
        var changes = Feed(Warning, Warning);

        changes.Should().AllSatisfy(c => c.Should().BeNull());
        _tracker.Open.Should().BeNull();
    }

    [Test]
    public void Observe_ForCyclesConsecutiveBreaches_FiresOnceWithTheRuleFigures()
    {
        var changes = Feed(Warning, Warning, Warning, Warning);

        changes.Take(2).Should().AllSatisfy(c => c.Should().BeNull());
        var fired = changes[2]!.Value;
        fired.Kind.Should().Be(AlertChangeKind.Fired);
        fired.Alert.PluginId.Should().Be("p");
        fired.Alert.RuleId.Should().Be(HealthRuleIds.Cpu);
        fired.Alert.Level.Should().Be(AlertLevel.Warning);
        fired.Alert.Message.Should().Be("CPU 90 % is above 80 %");
        fired.Alert.Value.Should().Be(90);
        fired.Alert.Threshold.Should().Be(80);
        fired.Alert.RaisedAt.Should().Be(T0 + (2 * Interval));
        fired.Alert.State.Should().Be(AlertState.Firing);
        changes[3].Should().BeNull("the same level before the cooldown is not news");
        _tracker.Open.Should().NotBeNull().And.Subject.As<HealthAlert>().Id.Should().Be(fired.Alert.Id);
    }

    [Test]
    public void Observe_ClearBetweenBreaches_RestartsTheCount()
    {
        var changes = Feed(Warning, Warning, HealthRuleResult.Clear, Warning, Warning);

        changes.Should().AllSatisfy(c => c.Should().BeNull());
        _tracker.Open.Should().BeNull();
    }

    [Test]
    public void Observe_FewerThanClearCyclesClears_DoesNotResolve()
    {
        var fired = Fire();

        var change = Observe(HealthRuleResult.Clear);

        change.Should().BeNull();
        _tracker.Open!.Id.Should().Be(fired.Id);
    }

    [Test]
    public void Observe_ClearCyclesConsecutiveClears_ResolvesTheSameAlertOnce()
    {
        var fired = Fire();

        var changes = Feed(HealthRuleResult.Clear, HealthRuleResult.Clear, HealthRuleResult.Clear);

        changes[0].Should().BeNull();
        var resolved = changes[1]!.Value;
        resolved.Kind.Should().Be(AlertChangeKind.Resolved);
        resolved.Alert.Id.Should().Be(fired.Id);
        resolved.Alert.State.Should().Be(AlertState.Resolved);
        resolved.Alert.ResolvedAt.Should().Be(fired.RaisedAt + (2 * Interval), "it resolves on the second clear cycle");
        changes[2].Should().BeNull("a resolved problem is reported once");
        _tracker.Open.Should().BeNull();
    }

    [Test]
    public void Observe_BreachBetweenClears_RestartsTheClearCount()
    {
        Fire();

        var changes = Feed(HealthRuleResult.Clear, Warning, HealthRuleResult.Clear);

        changes.Should().AllSatisfy(c => c.Should().BeNull());
        _tracker.Open.Should().NotBeNull();
    }

    [Test]
    public void Observe_UnknownBetweenBreaches_NeitherAdvancesNorResetsTheCount()
    {
        var changes = Feed(Warning, HealthRuleResult.Unknown, Warning, HealthRuleResult.Unknown);
        var third = Observe(Warning);

        changes.Should().AllSatisfy(c => c.Should().BeNull());
        third!.Value.Kind.Should().Be(AlertChangeKind.Fired);
    }

    [Test]
    public void Observe_UnknownBetweenClears_NeitherResolvesNorResetsTheClearCount()
    {
        Fire();

        var changes = Feed(HealthRuleResult.Clear, HealthRuleResult.Unknown, HealthRuleResult.Unknown);
        var second = Observe(HealthRuleResult.Clear);

        changes.Should().AllSatisfy(c => c.Should().BeNull());
        second!.Value.Kind.Should().Be(AlertChangeKind.Resolved);
    }

    [Test]
    public void Observe_OnlyUnknown_ChangesNothing()
    {
        var changes = Feed(Enumerable.Repeat(HealthRuleResult.Unknown, 30).ToArray());

        changes.Should().AllSatisfy(c => c.Should().BeNull());
        _tracker.Open.Should().BeNull();
        _tracker.IsFlapping.Should().BeFalse();
    }

    [Test]
    public void Observe_LevelRises_IsEscalatedAtOnce()
    {
        var fired = Fire();
        MarkSent(fired);

        var change = Observe(High);

        change!.Value.Kind.Should().Be(AlertChangeKind.Escalated);
        change.Value.Alert.Id.Should().Be(fired.Id);
        change.Value.Alert.Level.Should().Be(AlertLevel.High);
        change.Value.Alert.Message.Should().Be("Escalated from Warning to High: " + High.Message);
        change.Value.Alert.Value.Should().Be(99);
    }

    [Test]
    public void Observe_LevelFallsForClearCycles_IsDeescalatedOnceThenQuiet()
    {
        Observe(High);
        Observe(High);
        var fired = Observe(High)!.Value.Alert;
        MarkSent(fired);

        var first = Observe(Warning);
        var levelAfterFirst = _tracker.Open!.Level;
        var second = Observe(Warning);
        var later = Feed(Warning, Warning, Warning);

        first.Should().BeNull("a lower level is confirmed over ClearCycles (2) cycles, as a resolution is");
        levelAfterFirst.Should().Be(AlertLevel.High);
        second!.Value.Kind.Should().Be(AlertChangeKind.Deescalated);
        second.Value.IsNotifiable.Should().BeTrue();
        second.Value.Alert.Level.Should().Be(AlertLevel.Warning);
        second.Value.Alert.Message.Should().Be("De-escalated from High to Warning: " + Warning.Message);
        later.Should().AllSatisfy(c => c.Should().BeNull());
    }

    [Test]
    public void Observe_LevelDipsForOneCycle_IsNotDeescalated()
    {
        Observe(High);
        Observe(High);
        MarkSent(Observe(High)!.Value.Alert);

        var changes = Feed(Warning, High, Warning, High);

        changes.Should().AllSatisfy(c => c.Should().BeNull());
        _tracker.Open!.Level.Should().Be(AlertLevel.High);
    }

    [Test]
    public void Observe_RepeatIntervalsPerLevel_RemindsAtTheIntervalOfTheCurrentLevel()
    {
        var settings = new AlertRuleSettings(1, 2, CriticalRepeat: TimeSpan.FromMinutes(5), HighRepeat: TimeSpan.FromMinutes(15), WarningRepeat: TimeSpan.FromHours(1));
        var fired = _tracker.Observe(Warning, settings, _now)!.Value.Alert;
        _tracker.Replace(fired with { SendCount = 1, LastSentAt = _now });

        var beforeAnHour = _tracker.Observe(Warning, settings, T0 + TimeSpan.FromMinutes(59));
        var atAnHour = _tracker.Observe(Warning, settings, T0 + TimeSpan.FromHours(1));

        beforeAnHour.Should().BeNull("a Warning repeats after an hour, not after the Critical 5 minutes");
        atAnHour!.Value.Kind.Should().Be(AlertChangeKind.Reminder);
    }

    [Test]
    public void Observe_StillBreachedBeforeTheCooldown_SendsNoReminder()
    {
        var fired = Fire();
        MarkSent(fired);
        var cycles = (int)(Repeat / Interval) - 1;

        var changes = Feed(Enumerable.Repeat(Warning, cycles).ToArray());

        changes.Should().AllSatisfy(c => c.Should().BeNull());
    }

    [Test]
    public void Observe_StillBreachedAfterTheCooldown_SendsOneReminder()
    {
        var fired = Fire();
        MarkSent(fired);
        _now = fired.RaisedAt + Repeat;

        var change = Observe(Warning);

        change!.Value.Kind.Should().Be(AlertChangeKind.Reminder);
        change.Value.Alert.Id.Should().Be(fired.Id);
    }

    [Test]
    public void Observe_AcknowledgedAndStillBreachedAfterTheCooldown_SendsNoReminder()
    {
        var fired = Fire();
        _tracker.Replace(fired with { SendCount = 1, LastSentAt = fired.RaisedAt, AcknowledgedBy = "ops", AcknowledgedAt = fired.RaisedAt });
        _now = fired.RaisedAt + (3 * Repeat);

        var change = Observe(Warning);

        change.Should().BeNull();
    }

    [Test]
    public void Observe_NeverSentAndPastTheCooldown_SendsNoReminder()
    {
        var fired = Fire();
        _now = fired.RaisedAt + (2 * Repeat);

        var change = Observe(Warning);

        change.Should().BeNull("a reminder repeats a notification, and none was sent yet");
    }

    [Test]
    public void Replace_AlertWithAnotherId_IsIgnored()
    {
        var fired = Fire();

        _tracker.Replace(fired with { Id = Guid.NewGuid(), Message = "other" });

        _tracker.Open.Should().Be(fired);
    }

    [Test]
    public void Resume_AlertFiringBeforeARestart_IsNotFiredAgainAndResolvesUnderItsId()
    {
        var before = new HealthAlert { Id = Guid.NewGuid(), PluginId = "p", RuleId = HealthRuleIds.Cpu, Level = AlertLevel.Warning, Message = "m", RaisedAt = T0 - TimeSpan.FromHours(1), SendCount = 1, LastSentAt = T0 - TimeSpan.FromMinutes(1) };
        _tracker.Resume(before, Settings);

        var breach = Observe(Warning);
        var clears = Feed(HealthRuleResult.Clear, HealthRuleResult.Clear);

        breach.Should().BeNull();
        clears[1]!.Value.Kind.Should().Be(AlertChangeKind.Resolved);
        clears[1]!.Value.Alert.Id.Should().Be(before.Id);
    }

    [Test]
    public void Observe_AlternatingOutcomes_FiresOnceAsFlappingAfterEnoughObservations()
    {
        var changes = Feed(Alternating(7));

        changes.Take(6).Should().AllSatisfy(c => c.Should().BeNull("too few outcomes to call it flapping"));
        var fired = changes[6]!.Value;
        fired.Kind.Should().Be(AlertChangeKind.FlappingStarted);
        fired.Alert.Message.Should().StartWith("Flapping: cpu");
        fired.Alert.Message.Should().EndWith(Warning.Message);
        _tracker.IsFlapping.Should().BeTrue();
    }

    [Test]
    public void Observe_StillFlapping_NeitherResolvesNorRemindsNorFiresAgain()
    {
        var fired = Feed(Alternating(7))[6]!.Value.Alert;
        MarkSent(fired);

        var changes = Feed(Alternating(40));

        changes.Should().AllSatisfy(c => c.Should().BeNull("flapping is reported once"));
        _tracker.Open!.Id.Should().Be(fired.Id);
        _tracker.IsFlapping.Should().BeTrue();
    }

    [Test]
    public void Observe_FlappingSettlesClear_ResolvesOnceAfterFlappingStops()
    {
        var fired = Feed(Alternating(21))[6]!.Value.Alert;

        var changes = Feed(Enumerable.Repeat(HealthRuleResult.Clear, PluginHealthDefaults.FlapWindow).ToArray());

        var resolutions = changes.Select((c, i) => (Change: c, Index: i)).Where(x => x.Change is not null).ToList();
        resolutions.Should().ContainSingle();
        resolutions[0].Change!.Value.Kind.Should().Be(AlertChangeKind.FlappingEnded);
        resolutions[0].Change!.Value.Alert.Id.Should().Be(fired.Id);
        resolutions[0].Index.Should().BeGreaterThan(Settings.ClearCycles, "a flapping alert does not resolve after the usual clear cycles");
        _tracker.IsFlapping.Should().BeFalse();
    }

    private static HealthRuleResult[] Alternating(int count) =>
        [.. Enumerable.Range(0, count).Select(i => i % 2 == 0 ? Warning : HealthRuleResult.Clear)];

    private HealthAlert Fire()
    {
        var changes = Feed(Enumerable.Repeat(Warning, Settings.ForCycles).ToArray());
        changes[^1]!.Value.Kind.Should().Be(AlertChangeKind.Fired);
        return changes[^1]!.Value.Alert;
    }

    private void MarkSent(HealthAlert alert) => _tracker.Replace(alert with { SendCount = 1, LastSentAt = alert.RaisedAt });

    private AlertChange? Observe(HealthRuleResult result)
    {
        var change = _tracker.Observe(result, Settings, _now);
        _now += Interval;
        return change;
    }

    private List<AlertChange?> Feed(params HealthRuleResult[] results) => [.. results.Select(Observe)];
}
