using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>P95 execution time above the warning threshold: Warning; above the critical one: Critical.</summary>
internal sealed class LatencyP95Rule : BuiltInRule
{
    public override string RuleId => HealthRuleIds.LatencyP95;

    public override HealthRuleResult Evaluate(HealthRuleContext context)
    {
        // No lambda: the message is built only on a breach, and a clear cycle allocates nothing.
        var t = context.Thresholds;
        if (context.Snapshot.Performance.P95ExecutionTimeMs is not { } value)
        {
            return HealthRuleResult.Unknown;
        }

        return ThresholdLevels.Judge(value, t.MaxExecutionTimeMs, t.CriticalExecutionTimeMs, AlertLevel.Warning, out var limit) is { } level
            ? HealthRuleResult.Breached(level, string.Create(CultureInfo.InvariantCulture, $"{context.Snapshot.PluginId} is slow: P95 execution time {value:0.#} ms is {ThresholdLevels.Above(level)} {limit:0.#} ms"), value, limit)
            : HealthRuleResult.Clear;
    }
}
