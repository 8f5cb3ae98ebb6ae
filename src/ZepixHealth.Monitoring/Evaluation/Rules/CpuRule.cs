using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>CPU above the warning threshold: Warning; above the critical one (by default 90 % of all cores): Critical.</summary>
internal sealed class CpuRule : BuiltInRule
{
    public override string RuleId => HealthRuleIds.Cpu;

    public override HealthRuleResult Evaluate(HealthRuleContext context)
    {
        // No lambda: the message is built only on a breach, and a clear cycle allocates nothing.
        var t = context.Thresholds;
        if (context.Snapshot.Resources.CpuUsagePct is not { } value)
        {
            return HealthRuleResult.Unknown;
        }

        return ThresholdLevels.Judge(value, t.MaxCpuUsagePct, t.CriticalCpuUsagePct, AlertLevel.Warning, out var limit) is { } level
            ? HealthRuleResult.Breached(level, string.Create(CultureInfo.InvariantCulture, $"{context.Snapshot.PluginId} uses {value:0.#} % CPU, {ThresholdLevels.Above(level)} {limit:0.#} %"), value, limit)
            : HealthRuleResult.Clear;
    }
}
