using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts;

/// <summary>What an operator reads at 3 a.m.: ages, clock times, how long it lasted, and a resolution that says so.</summary>
[TestFixture]
public sealed class OperatorWordingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public async Task Notifications_FiringReminderAndResolution_SayAgesAndClockTimesNeverZeroOrIsoStamps()
    {
        // Arrange: a plugin dead for 12 minutes, through the alert manager and the dashboard's notification text.
        var harness = new AlertingHarness(time: new FakeTimeProvider(T0));
        var dashboard = new HealthDashboard(harness.Store, harness.Time);
        var dead = Snapshots.Healthy("v3-combined", T0).WithStatus(PluginHealthStatus.Dead);

        // Act
        await harness.CyclesAsync(24, dead);
        await harness.CyclesAsync(3, Snapshots.Healthy("v3-combined", T0));
        var texts = harness.Sink.Received.Select(n => dashboard.RenderNotification(n, DashboardFormat.PlainText)[0]).ToList();

        // Assert
        texts.Should().HaveCount(4, "the firing, two reminders and the resolution");
        texts[0].Should().Contain("Firing since 09:30 UTC").And.NotContain("Firing for");
        texts[1].Should().Contain("Firing for 5 min, since 09:30 UTC");
        texts[3].Should().Contain("Lasted 12 min (Critical, 09:30 to 09:42 UTC).");
        texts.Should().OnlyContain(t => !t.Contains("0s", StringComparison.Ordinal) && !t.Contains("2026-", StringComparison.Ordinal) && !t.Contains("00:00", StringComparison.Ordinal));
        var resolved = harness.Sink.ReceivedAlerts[^1];
        resolved.State.Should().Be(AlertState.Resolved);
        resolved.Message.Should().StartWith("Recovered: availability is clear again after 12 min. Was: ");
    }

    [Test]
    public async Task Notification_StalePlugin_SaysHowLongQuietAndSinceWhenWithoutStamps()
    {
        // Arrange: the plugin's last activity was 6 minutes before the first cycle (stale after 5).
        var plugin = new ScriptedPlugin("v3-combined") { Metrics = _ => ValueTask.FromResult(new PluginMetrics { LastActivity = T0 - TimeSpan.FromMinutes(6) }) };
        using var host = new AlertingHost(o => o.Anomalies.Enabled = false, plugins: plugin);

        // Act
        await host.CycleAsync();

        // Assert
        host.Sent.Should().ContainSingle().Which.Message.Should().Be("v3-combined is Stale: No activity for 6 min (last at 09:24 UTC); stale after 5 min.");
    }

    [Test]
    public async Task Notifications_EscalationAndDeescalation_SayFromWhichLevelToWhich()
    {
        // Arrange: an error rate of 10 % (High), then 30 % (Critical), then 10 % again.
        var errorRate = 10.0;
        var plugin = new ScriptedPlugin("v3-combined") { Metrics = _ => ValueTask.FromResult(new PluginMetrics { Errors = new PluginErrorMetrics { ErrorRatePct = errorRate } }) };
        using var host = new AlertingHost(o => o.Anomalies.Enabled = false, plugins: plugin);
        var dashboard = host.Dashboard;

        // Act
        await host.CyclesAsync(4);
        errorRate = 30;
        await host.CyclesAsync(2);
        errorRate = 10;
        await host.CyclesAsync(2);
        var texts = host.Sink.Received.Select(n => dashboard.RenderNotification(n, DashboardFormat.PlainText)[0]).ToList();

        // Assert
        texts.Should().HaveCount(3);
        texts[1].Should().Contain("CRITICAL").And.Contain("Escalated from High to Critical: v3-combined has a high error rate: 30 % of operations, above the critical limit of 20 %");
        texts[2].Should().Contain("HIGH").And.Contain("De-escalated from Critical to High: v3-combined has a high error rate: 10 % of operations, above 5 %")
            .And.Contain("Firing for 3 min, since 09:30 UTC");
    }
}
