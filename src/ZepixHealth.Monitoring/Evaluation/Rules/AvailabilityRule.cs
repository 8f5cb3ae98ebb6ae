namespace ZepixHealth.Monitoring;

/// <summary>A plugin that is not healthy: Dead or Hung is Critical, Stale is High.</summary>
internal sealed class AvailabilityRule : BuiltInRule
{
    public override string RuleId => HealthRuleIds.Availability;

    public override HealthRuleResult Evaluate(HealthRuleContext context)
    {
        var availability = context.Snapshot.Availability;
        var level = availability.Status switch
        {
            PluginHealthStatus.Dead or PluginHealthStatus.Hung => AlertLevel.Critical,
            PluginHealthStatus.Stale => AlertLevel.High,
            _ => (AlertLevel?)null,
        };

        return level is { } l
            ? HealthRuleResult.Breached(l, $"{context.Snapshot.PluginId} is {availability.Status}: {availability.Reason ?? "no reason given"}")
            : HealthRuleResult.Clear;
    }
}
