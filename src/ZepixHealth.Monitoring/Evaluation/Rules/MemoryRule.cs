using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Memory above the warning threshold: Warning; above the critical one (by default 90 % of the memory
/// limit it runs under): Critical.
/// </summary>
internal sealed class MemoryRule : BuiltInRule
{
    public override string RuleId => HealthRuleIds.Memory;

    public override HealthRuleResult Evaluate(HealthRuleContext context)
    {
        // No lambda: the message is built only on a breach, and a clear cycle allocates nothing.
        var t = context.Thresholds;
        if (context.Snapshot.Resources.MemoryUsageMb is not { } value)
        {
            return HealthRuleResult.Unknown;
        }

        return ThresholdLevels.Judge(value, t.MaxMemoryUsageMb, t.CriticalMemoryUsageMb, AlertLevel.Warning, out var limit) is { } level
            ? HealthRuleResult.Breached(level, string.Create(CultureInfo.InvariantCulture, $"{context.Snapshot.PluginId} uses {value:0.#} MB of memory, {ThresholdLevels.Above(level)} {limit:0.#} MB"), value, limit)
            : HealthRuleResult.Clear;
    }
}
