using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>CPU above the threshold: Warning.</summary>
internal sealed class CpuRule : IHealthRule
{
    public string RuleId => HealthRuleIds.Cpu;

    public HealthRuleResult Evaluate(HealthRuleContext context)
    {
        // No lambda: the message is built only on a breach, and a clear cycle allocates nothing.
        var limit = context.Thresholds.MaxCpuUsagePct;
        return context.Snapshot.Resources.CpuUsagePct switch
        {
            null => HealthRuleResult.Unknown,
            { } value when value > limit => HealthRuleResult.Breached(AlertLevel.Warning, string.Create(CultureInfo.InvariantCulture, $"{context.Snapshot.PluginId} uses {value:0.#} % CPU, above {limit:0.#} %"), value, limit),
            _ => HealthRuleResult.Clear,
        };
    }
}
