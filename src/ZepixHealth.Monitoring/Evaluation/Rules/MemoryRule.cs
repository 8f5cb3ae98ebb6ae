using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>Memory above the threshold: Warning.</summary>
internal sealed class MemoryRule : IHealthRule
{
    public string RuleId => HealthRuleIds.Memory;

    public HealthRuleResult Evaluate(HealthRuleContext context) =>
        HealthRuleResult.Above(
            context.Snapshot.Resources.MemoryUsageMb,
            context.Thresholds.MaxMemoryUsageMb,
            AlertLevel.Warning,
            (value, limit) => string.Create(CultureInfo.InvariantCulture, $"{context.Snapshot.PluginId} uses {value:0.#} MB of memory, above {limit:0.#} MB"));
}
