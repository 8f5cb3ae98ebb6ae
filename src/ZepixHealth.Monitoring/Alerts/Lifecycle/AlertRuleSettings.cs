namespace ZepixHealth.Monitoring;

/// <summary>The lifecycle settings in force for one rule, resolved from <see cref="PluginHealthOptions"/>.</summary>
internal readonly record struct AlertRuleSettings(int ForCycles, int ClearCycles, TimeSpan Cooldown)
{
    public static AlertRuleSettings For(string ruleId, PluginHealthOptions options)
    {
        options.Rules.TryGetValue(ruleId, out var rule);
        // Availability fires at once; an anomaly has already waited for its K anomalous samples in a row.
        var defaultFor = ruleId == HealthRuleIds.Availability || ruleId.StartsWith(HealthRuleIds.AnomalyPrefix, StringComparison.Ordinal)
            ? PluginHealthDefaults.AvailabilityForCycles
            : PluginHealthDefaults.ForCycles;
        return new AlertRuleSettings(
            rule?.ForCycles ?? defaultFor,
            rule?.ClearCycles ?? PluginHealthDefaults.ClearCycles,
            options.AlertCooldown);
    }
}
