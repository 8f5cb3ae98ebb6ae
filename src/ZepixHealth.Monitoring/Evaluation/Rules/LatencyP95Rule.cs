using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>P95 execution time above the threshold: Warning.</summary>
internal sealed class LatencyP95Rule : IHealthRule
{
    public string RuleId => HealthRuleIds.LatencyP95;

    public HealthRuleResult Evaluate(HealthRuleContext context) =>
        HealthRuleResult.Above(
            context.Snapshot.Performance.P95ExecutionTimeMs,
            context.Thresholds.MaxExecutionTimeMs,
            AlertLevel.Warning,
            (value, limit) => string.Create(CultureInfo.InvariantCulture, $"{context.Snapshot.PluginId} is slow: P95 execution time {value:0.#} ms is above {limit:0.#} ms"));
}
