using System.Text;
using Microsoft.Extensions.Configuration;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts.Lifecycle;

/// <summary>Inhibition through the public surface: held-back alerts are stored and marked, never sent while their source fires.</summary>
[TestFixture]
public sealed class InhibitionLifecycleTests
{
    private bool _alive;

    [Test]
    public async Task Inhibition_DeadPluginWithCriticalErrors_OnlyTheAvailabilityAlertIsSentAndTheOtherIsStoredMarked()
    {
        // Arrange
        using var host = new AlertingHost(plugins: DeadWithCriticalErrors());

        // Act: four minutes, under every repeat interval.
        await host.RunForAsync(TimeSpan.FromMinutes(4));

        // Assert
        host.Sent.Should().ContainSingle().Which.RuleId.Should().Be(HealthRuleIds.Availability);
        var open = await host.Store.GetOpenAlertsAsync();
        open.Select(a => a.RuleId).Should().BeEquivalentTo([HealthRuleIds.Availability, HealthRuleIds.CriticalErrors]);
        open.Single(a => a.RuleId == HealthRuleIds.CriticalErrors).InhibitedBy.Should().Be("availability (Critical)");
        open.Single(a => a.RuleId == HealthRuleIds.Availability).InhibitedBy.Should().BeNull();
        var alertsPage = await host.Dashboard.RenderOpenAlertsAsync(DashboardFormat.PlainText);
        string.Concat(alertsPage).Should().Contain("critical_errors · High").And.Contain("inhibited by availability (Critical)");
    }

    [Test]
    public async Task Inhibition_SourceResolvesWhileTheTargetStillFires_TheTargetIsSentOnceThen()
    {
        // Arrange
        using var host = new AlertingHost(plugins: DeadWithCriticalErrors());
        await host.RunForAsync(TimeSpan.FromMinutes(2));

        // Act: alive again, but its critical errors remain.
        _alive = true;
        await host.RunForAsync(TimeSpan.FromMinutes(3));

        // Assert: the target is sent in the cycle its source resolves.
        host.Sent.Should().HaveCount(3);
        (host.Sent[0].RuleId, host.Sent[0].State).Should().Be((HealthRuleIds.Availability, AlertState.Firing));
        host.Sent.Skip(1).Select(a => (a.RuleId, a.State)).Should().BeEquivalentTo(
            [(HealthRuleIds.Availability, AlertState.Resolved), (HealthRuleIds.CriticalErrors, AlertState.Firing)]);
        host.Sent[1].LastSentAt.Should().Be(host.Sent[2].LastSentAt);
        host.Sent.Single(a => a.RuleId == HealthRuleIds.CriticalErrors).InhibitedBy.Should().BeNull();
        (await host.Store.GetOpenAlertsAsync()).Should().ContainSingle().Which.InhibitedBy.Should().BeNull();
    }

    [Test]
    public async Task Inhibition_Disabled_BothAlertsAreSent()
    {
        using var host = new AlertingHost(o => o.Inhibition.Enabled = false, plugins: DeadWithCriticalErrors());

        await host.RunForAsync(TimeSpan.FromMinutes(4));

        host.Sent.Select(a => a.RuleId).Should().BeEquivalentTo([HealthRuleIds.Availability, HealthRuleIds.CriticalErrors]);
    }

    [Test]
    public async Task Inhibition_RuleFromTheDocsConfiguration_HoldsBackTheErrorRateWhileTheSelfTestFails()
    {
        // Arrange: the configuration block of docs/alerting.md, exactly as written.
        var json = DocsBlocks.After("alerting.md", "### Inhibition", "json");
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

        // Errors start once the self-test alert is open: the source is firing before its target breaches.
        var failing = false;
        var plugin = new ScriptedPlugin("v3-combined")
        {
            SelfTest = _ => ValueTask.FromResult(SelfTestResult.Fail("broker unreachable")),
            Metrics = _ => ValueTask.FromResult(new PluginMetrics { Errors = new PluginErrorMetrics { ErrorRatePct = Volatile.Read(ref failing) ? 12 : 0 } }),
        };
        using var host = new AlertingHost(configuration: configuration.GetSection(PluginHealthOptions.SectionName), plugins: plugin);

        // Act
        await host.RunForAsync(TimeSpan.FromMinutes(2));
        host.Sent.Should().ContainSingle(a => a.RuleId == HealthRuleIds.SelfTest, "the self-test alert is the inhibition's source");
        Volatile.Write(ref failing, true);
        await host.RunForAsync(TimeSpan.FromMinutes(2));

        // Assert
        host.Sent.Should().ContainSingle().Which.RuleId.Should().Be(HealthRuleIds.SelfTest);
        (await host.Store.GetOpenAlertsAsync()).Single(a => a.RuleId == HealthRuleIds.ErrorRate).InhibitedBy.Should().Be("self_test (High)");
    }

    [Test]
    public void Inhibition_RuleWithAPatternAsItsSource_FailsNamingTheKey()
    {
        var act = () => new AlertingHost(o => o.Inhibition.Rules.Add(new InhibitRuleOptions { SourceRule = "anomaly.*", TargetRule = "cpu" }));

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>()
            .WithMessage("*PluginHealth:Inhibition:Rules:0:SourceRule must name one rule exactly*'anomaly.*'*");
    }

    private ScriptedPlugin DeadWithCriticalErrors() => new("v6-price-action-5m")
    {
        Alive = _ => ValueTask.FromResult(_alive),
        Metrics = _ => ValueTask.FromResult(new PluginMetrics { Errors = new PluginErrorMetrics { CriticalErrors = 3, LastErrorMessage = "broker socket closed" } }),
    };
}
