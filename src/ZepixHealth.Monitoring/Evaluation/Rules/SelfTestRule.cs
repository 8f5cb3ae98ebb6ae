namespace ZepixHealth.Monitoring;

/// <summary>The most recent self-test failed: High.</summary>
internal sealed class SelfTestRule : BuiltInRule
{
    public override string RuleId => HealthRuleIds.SelfTest;

    public override HealthRuleResult Evaluate(HealthRuleContext context) =>
        context.Snapshot.SelfTest switch
        {
            null => HealthRuleResult.Unknown,
            { Passed: true } => HealthRuleResult.Clear,
            var failed => HealthRuleResult.Breached(AlertLevel.High, $"{context.Snapshot.PluginId} failed its self-test: {failed.Message ?? "no reason given"}"),
        };
}
