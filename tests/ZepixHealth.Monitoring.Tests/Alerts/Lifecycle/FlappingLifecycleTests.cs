using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts.Lifecycle;

/// <summary>Flapping through the public surface: its start and its end announced once each, for any rule.</summary>
[TestFixture]
public sealed class FlappingLifecycleTests
{
    private int _cycle;

    [Test]
    public async Task Flapping_PluginAlternatesAliveAndDeadFor200CyclesThenStaysAlive_FiredFlappingStartAndFlappingEndResolvedOnce()
    {
        // Arrange: dead on even cycles, alive on odd ones, for 200 cycles; alive after that.
        var plugin = new ScriptedPlugin("v6-price-action-5m") { Alive = _ => ValueTask.FromResult(_cycle >= 200 || _cycle % 2 == 1) };
        using var host = new AlertingHost(plugins: plugin);

        // Act: 200 flapping cycles, then an hour steady.
        await RunAsync(host, 200 + 120);

        // Assert
        host.Sent.Should().HaveCount(3);
        var (fired, started, ended) = (host.Sent[0], host.Sent[1], host.Sent[2]);
        fired.State.Should().Be(AlertState.Firing);
        fired.FlappingSince.Should().BeNull();
        started.Id.Should().Be(fired.Id);
        started.FlappingSince.Should().NotBeNull();
        started.Message.Should().StartWith("Flapping: availability");
        ended.Id.Should().Be(fired.Id);
        ended.FlappingSince.Should().BeNull();
        ended.State.Should().Be(AlertState.Resolved, "it settled healthy");
        ended.Message.Should().StartWith("Stopped flapping, resolved");
        ended.ResolvedAt.Should().BeAfter(host.Time.GetUtcNow() - TimeSpan.FromHours(1), "the end comes soon after it settles");
        (await host.Store.GetOpenAlertsAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task Flapping_PluginAlternatesThenStaysDead_FlappingEndSaysStillFiring()
    {
        // Arrange: alternating for 40 cycles, then dead for good.
        var plugin = new ScriptedPlugin("v6-price-action-5m") { Alive = _ => ValueTask.FromResult(_cycle < 40 && _cycle % 2 == 1) };
        using var host = new AlertingHost(plugins: plugin);

        // Act: 40 flapping cycles and 20 dead ones (10 minutes: under the Critical repeat interval after the end).
        await RunAsync(host, 40 + 20);

        // Assert
        host.Sent.Select(a => (a.State, Flapping: a.FlappingSince is not null)).Should().Equal(
            (AlertState.Firing, false), (AlertState.Firing, true), (AlertState.Firing, false));
        host.Sent[2].Message.Should().StartWith("Stopped flapping, still firing");
        (await host.Store.GetOpenAlertsAsync()).Should().ContainSingle().Which.Id.Should().Be(host.Sent[0].Id);
    }

    [Test]
    public async Task Flapping_PendingThresholdAlertThatNeverFires_FlappingStartAndEndAreEachAnnouncedOnce()
    {
        // Arrange: an error rate above 5 % every other cycle never holds for ForCycles (2), so it never fires.
        var plugin = new ScriptedPlugin("v3-combined")
        {
            Metrics = _ => ValueTask.FromResult(new PluginMetrics { Errors = new PluginErrorMetrics { ErrorRatePct = _cycle < 60 && _cycle % 2 == 0 ? 12 : 0.5 } }),
        };
        using var host = new AlertingHost(plugins: plugin);

        // Act
        await RunAsync(host, 60 + 60);

        // Assert
        host.Sent.Should().HaveCount(2);
        host.Sent[0].RuleId.Should().Be(HealthRuleIds.ErrorRate);
        host.Sent[0].FlappingSince.Should().NotBeNull();
        host.Sent[1].Id.Should().Be(host.Sent[0].Id);
        host.Sent[1].State.Should().Be(AlertState.Resolved);
    }

    private async Task RunAsync(AlertingHost host, int cycles)
    {
        for (_cycle = 0; _cycle < cycles; _cycle++)
        {
            await host.CycleAsync();
        }
    }
}
