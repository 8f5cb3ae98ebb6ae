using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts.Lifecycle;

/// <summary>Silences through the public surface: what they hold back, and what they must not hide.</summary>
[TestFixture]
public sealed class SilenceLifecycleTests
{
    private const int SilencedEvent = 2005;

    private bool _alive;
    private ScriptedPlugin _plugin = null!;

    [SetUp]
    public void SetUp()
    {
        _alive = false;
        _plugin = new ScriptedPlugin("v6-price-action-5m") { Alive = _ => ValueTask.FromResult(_alive) };
    }

    [Test]
    public async Task Silence_AlertSentThenSilencedPastItsRepeatInterval_IsNotReconsideredEveryCycle()
    {
        // Arrange: a dead plugin's alert is sent, then silenced for two hours.
        using var host = new AlertingHost(plugins: _plugin);
        await host.CycleAsync();
        await host.Alerts.SilenceAsync(_plugin.Id, null, host.Time.GetUtcNow() + TimeSpan.FromHours(2), "exchange maintenance", "ops");

        // Act: an hour of cycles, well past every repeat interval.
        await host.RunForAsync(TimeSpan.FromHours(1));

        // Assert: no reminder was sent, and none was drawn up and held back cycle after cycle.
        host.Sent.Should().ContainSingle();
        host.Logs.Entries.Count(e => e.EventId.Id == SilencedEvent).Should().Be(0, "a held-back reminder is not a new change to log every cycle");
    }

    [Test]
    public async Task Silence_ResolutionDuringTheSilenceOfAnAnnouncedFiring_IsSentOnceWhenTheSilenceEnds()
    {
        // Arrange: the firing is announced, then the plugin is silenced for 30 minutes.
        using var host = new AlertingHost(plugins: _plugin);
        await host.CycleAsync();
        var silence = await host.Alerts.SilenceAsync(_plugin.Id, null, host.Time.GetUtcNow() + TimeSpan.FromMinutes(30), "broker restart", "ops");

        // Act: it recovers 5 minutes in; the silence runs out 25 minutes later; an hour more passes.
        await host.RunForAsync(TimeSpan.FromMinutes(5));
        _alive = true;
        await host.RunForAsync(TimeSpan.FromMinutes(24));
        var duringSilence = host.Sent.Count;
        await host.RunForAsync(TimeSpan.FromHours(1));

        // Assert
        duringSilence.Should().Be(1, "nothing is sent while the silence holds");
        host.Sent.Should().HaveCount(2);
        var resolved = host.Sent[1];
        resolved.Id.Should().Be(host.Sent[0].Id);
        resolved.State.Should().Be(AlertState.Resolved);
        resolved.LastSentAt.Should().BeOnOrAfter(silence.Until);
        (await host.Store.GetOpenAlertsAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task Silence_FiringAndResolutionBothDuringTheSilence_NothingIsSentAfterIt()
    {
        // Arrange
        using var host = new AlertingHost(plugins: _plugin);
        await host.Alerts.SilenceAsync(_plugin.Id, null, host.Time.GetUtcNow() + TimeSpan.FromMinutes(30), "deploy", "ops");

        // Act: dead for 5 minutes and back, all inside the silence; then an hour after it.
        await host.RunForAsync(TimeSpan.FromMinutes(5));
        _alive = true;
        await host.RunForAsync(TimeSpan.FromMinutes(85));

        // Assert: nobody was told it fired, so nobody is told it resolved.
        host.Sent.Should().BeEmpty();
        (await host.Store.GetRecentAlertsAsync(10)).Should().ContainSingle().Which.State.Should().Be(AlertState.Resolved);
    }

    [Test]
    public async Task Silence_PluginIdPattern_HoldsBackTheMatchingPluginsOnly()
    {
        // Arrange: two dead plugins, a silence for every "v6-*" plugin.
        var other = new ScriptedPlugin("v3-combined") { Alive = _ => ValueTask.FromResult(false) };
        using var host = new AlertingHost(plugins: [_plugin, other]);
        await host.Alerts.SilenceAsync("V6-*", null, host.Time.GetUtcNow() + TimeSpan.FromHours(1), "v6 upgrade", "ops");

        // Act: less than a repeat interval, so that each alert is sent once at most.
        await host.RunForAsync(TimeSpan.FromMinutes(4));

        // Assert
        host.Sent.Should().ContainSingle().Which.PluginId.Should().Be("v3-combined");
        (await host.Store.GetOpenAlertsAsync()).Single(a => a.PluginId == _plugin.Id).SilencedBy.Should().Be("ops: v6 upgrade");
    }

    [Test]
    public async Task Silence_OneRule_HoldsBackThatRuleOnly()
    {
        // Arrange: one plugin dead, another alive but failing its self-test; availability is silenced everywhere.
        var failing = new ScriptedPlugin("v3-combined") { SelfTest = _ => ValueTask.FromResult(SelfTestResult.Fail("broker unreachable")) };
        using var host = new AlertingHost(plugins: [_plugin, failing]);
        await host.Alerts.SilenceAsync(null, HealthRuleIds.Availability, host.Time.GetUtcNow() + TimeSpan.FromHours(1), "network work", "ops");

        // Act: less than a repeat interval, so that each alert is sent once at most.
        await host.RunForAsync(TimeSpan.FromMinutes(4));

        // Assert
        host.Sent.Should().ContainSingle().Which.RuleId.Should().Be(HealthRuleIds.SelfTest);
    }

    [Test]
    public async Task Silence_UpToHigh_HoldsBackStaleButSendsTheEscalationToDead()
    {
        // Arrange: a plugin that is alive but idle (Stale: High), under a silence of levels up to High.
        var activity = new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero);
        _alive = true;
        _plugin.Metrics = _ => ValueTask.FromResult(new PluginMetrics { LastActivity = activity });
        using var host = new AlertingHost(plugins: _plugin);
        await host.Alerts.SilenceAsync(_plugin.Id, null, AlertLevel.High, host.Time.GetUtcNow() + TimeSpan.FromHours(2), "quiet market", "ops");
        await host.RunForAsync(TimeSpan.FromMinutes(10));
        var whileStale = host.Sent.Count;

        // Act: it dies (Critical).
        _alive = false;
        await host.RunForAsync(TimeSpan.FromMinutes(3));

        // Assert
        whileStale.Should().Be(0);
        var escalated = host.Sent.Should().ContainSingle().Which;
        escalated.Level.Should().Be(AlertLevel.Critical);
        escalated.State.Should().Be(AlertState.Firing);
    }

    [Test]
    public async Task Silence_ResolutionHeldWhenTheHostRestarts_IsSentOnceAfterTheSilence()
    {
        // Arrange: one store outlives the first host, as a SQLite file would.
        var store = new InMemoryHealthStore();
        var firstPlugin = new ScriptedPlugin(_plugin.Id) { Alive = _ => ValueTask.FromResult(_alive) };
        DateTimeOffset until;
        HealthAlert fired;
        using (var first = new AlertingHost(store: store, plugins: firstPlugin))
        {
            await first.CycleAsync();
            until = first.Time.GetUtcNow() + TimeSpan.FromMinutes(20);
            await first.Alerts.SilenceAsync(_plugin.Id, null, until, "broker restart", "ops");
            _alive = true;
            await first.RunForAsync(TimeSpan.FromMinutes(5));
            fired = first.Sent.Should().ContainSingle().Which;
        }

        // Act: a new host on the same store, past the silence.
        using var second = new AlertingHost(store: store, start: until - TimeSpan.FromMinutes(10), plugins: _plugin);
        await second.RunForAsync(TimeSpan.FromMinutes(30));

        // Assert
        var resolved = second.Sent.Should().ContainSingle().Which;
        resolved.Id.Should().Be(fired.Id);
        resolved.State.Should().Be(AlertState.Resolved);
    }
}
