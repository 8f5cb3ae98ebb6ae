using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>Memory above the threshold: Warning.</summary>
internal sealed class MemoryRule : IHealthRule
{
    public string RuleId => HealthRuleIds.Memory;

    public HealthRuleResult Evaluate(HealthRuleContext context)
    {
        // No lambda: the message is built only on a breach, and a clear cycle allocates nothing.
        var limit = context.Thresholds.MaxMemoryUsageMb;
        return context.Snapshot.Resources.MemoryUsageMb switch
        {
            null => HealthRuleResult.Unknown,
            { } value when value > limit => HealthRuleResult.Breached(AlertLevel.Warning, string.Create(CultureInfo.InvariantCulture, $"{context.Snapshot.PluginId} uses {value:0.#} MB of memory, above {limit:0.#} MB"), value, limit),
            _ => HealthRuleResult.Clear,
        };
    }
}
