namespace ZepixHealth.Monitoring;

/// <summary>The lifecycle settings in force for one rule, resolved from <see cref="PluginHealthOptions"/>.</summary>
internal readonly record struct AlertRuleSettings(int ForCycles, int ClearCycles, TimeSpan Cooldown)
{
    public static AlertRuleSettings For(string ruleId, PluginHealthOptions options)
    {
        options.Rules.TryGetValue(ruleId, out var rule);
        var defaultFor = ruleId == HealthRuleIds.Availability ? PluginHealthDefaults.AvailabilityForCycles : PluginHealthDefaults.ForCycles;
        return new AlertRuleSettings(
            rule?.ForCycles ?? defaultFor,
            rule?.ClearCycles ?? PluginHealthDefaults.ClearCycles,
            options.AlertCooldown);
    }
}
