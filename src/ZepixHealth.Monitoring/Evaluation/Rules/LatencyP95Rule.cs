using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>P95 execution time above the threshold: Warning.</summary>
internal sealed class LatencyP95Rule : IHealthRule
{
    public string RuleId => HealthRuleIds.LatencyP95;

    public HealthRuleResult Evaluate(HealthRuleContext context)
    {
        // No lambda: the message is built only on a breach, and a clear cycle allocates nothing.
        var limit = context.Thresholds.MaxExecutionTimeMs;
        return context.Snapshot.Performance.P95ExecutionTimeMs switch
        {
            null => HealthRuleResult.Unknown,
            { } value when value > limit => HealthRuleResult.Breached(AlertLevel.Warning, string.Create(CultureInfo.InvariantCulture, $"{context.Snapshot.PluginId} is slow: P95 execution time {value:0.#} ms is above {limit:0.#} ms"), value, limit),
            _ => HealthRuleResult.Clear,
        };
    }
}
