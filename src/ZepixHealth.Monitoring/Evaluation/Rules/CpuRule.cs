using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>CPU above the threshold: Warning.</summary>
internal sealed class CpuRule : IHealthRule
{
    public string RuleId => HealthRuleIds.Cpu;

    public HealthRuleResult Evaluate(HealthRuleContext context) =>
        HealthRuleResult.Above(
            context.Snapshot.Resources.CpuUsagePct,
            context.Thresholds.MaxCpuUsagePct,
            AlertLevel.Warning,
            (value, limit) => string.Create(CultureInfo.InvariantCulture, $"{context.Snapshot.PluginId} uses {value:0.#} % CPU, above {limit:0.#} %"));
}
