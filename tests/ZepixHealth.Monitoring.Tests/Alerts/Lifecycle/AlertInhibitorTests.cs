using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Alerts.Lifecycle;

[TestFixture]
public sealed class AlertInhibitorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [TestCase(HealthRuleIds.LatencyP95, "anomaly.p95_latency", "latency.p95 (Warning)")]
    [TestCase(HealthRuleIds.ErrorRate, "anomaly.error_rate", "error_rate (Warning)")]
    [TestCase(HealthRuleIds.Memory, "anomaly.memory", "memory (Warning)")]
    [TestCase(HealthRuleIds.Cpu, "anomaly.cpu", "cpu (Warning)")]
    [TestCase(HealthRuleIds.Cpu, "anomaly.memory", null)]
    [TestCase(HealthRuleIds.LatencyP95, "anomaly.signals_per_hour", null)]
    public void InhibitorOf_DefaultRules_ThresholdAlertHoldsBackTheAnomalyOnItsMetricOnly(string source, string target, string? expected)
    {
        var inhibitor = new AlertInhibitor(new AlertInhibitionOptions());
        var open = new Dictionary<string, HealthAlert> { [source] = Alert("p", source, AlertLevel.Warning) };

        var result = inhibitor.InhibitorOf(Alert("p", target, AlertLevel.Warning), (_, rule) => open.GetValueOrDefault(rule));

        result.Should().Be(expected);
    }

    [TestCase(AlertLevel.Critical, "availability (Critical)")]
    [TestCase(AlertLevel.High, null)]
    public void InhibitorOf_Availability_HoldsBackOtherRulesOnlyWhileDeadOrHung(AlertLevel availabilityLevel, string? expected)
    {
        var inhibitor = new AlertInhibitor(new AlertInhibitionOptions());
        var availability = Alert("p", HealthRuleIds.Availability, availabilityLevel);

        inhibitor.InhibitorOf(Alert("p", HealthRuleIds.SelfTest, AlertLevel.High), (_, rule) => rule == HealthRuleIds.Availability ? availability : null)
            .Should().Be(expected);
        inhibitor.InhibitorOf(availability, (_, rule) => rule == HealthRuleIds.Availability ? availability : null)
            .Should().BeNull("an alert never holds back itself");
    }

    [Test]
    public void InhibitorOf_ResolvedSourceOrOtherPlugin_HoldsBackNothing()
    {
        var inhibitor = new AlertInhibitor(new AlertInhibitionOptions());
        var resolved = Alert("p", HealthRuleIds.Availability, AlertLevel.Critical) with { State = AlertState.Resolved, ResolvedAt = T0 };

        inhibitor.InhibitorOf(Alert("p", HealthRuleIds.Cpu, AlertLevel.Warning), (_, _) => resolved).Should().BeNull();
        inhibitor.InhibitorOf(Alert("q", HealthRuleIds.Cpu, AlertLevel.Warning), (plugin, _) => plugin == "p" ? Alert("p", HealthRuleIds.Availability, AlertLevel.Critical) : null)
            .Should().BeNull();
    }

    [Test]
    public void InhibitorOf_DefaultsOffAndACustomPatternRule_OnlyTheCustomRuleApplies()
    {
        var options = new AlertInhibitionOptions { UseDefaultRules = false };
        options.Rules.Add(new InhibitRuleOptions { SourceRule = HealthRuleIds.SelfTest, TargetRule = "anomaly.*" });
        var inhibitor = new AlertInhibitor(options);
        var open = new Dictionary<string, HealthAlert>
        {
            [HealthRuleIds.SelfTest] = Alert("p", HealthRuleIds.SelfTest, AlertLevel.High),
            [HealthRuleIds.Availability] = Alert("p", HealthRuleIds.Availability, AlertLevel.Critical),
        };

        inhibitor.InhibitorOf(Alert("p", "anomaly.cpu", AlertLevel.Warning), (_, rule) => open.GetValueOrDefault(rule)).Should().Be("self_test (High)");
        inhibitor.InhibitorOf(Alert("p", HealthRuleIds.Cpu, AlertLevel.Warning), (_, rule) => open.GetValueOrDefault(rule)).Should().BeNull();
    }

    private static HealthAlert Alert(string pluginId, string ruleId, AlertLevel level) => new()
    {
        Id = Guid.NewGuid(),
        PluginId = pluginId,
        RuleId = ruleId,
        Level = level,
        Message = "m",
        RaisedAt = T0,
    };
}
