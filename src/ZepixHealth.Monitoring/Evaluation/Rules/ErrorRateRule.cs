using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>Error rate above the warning threshold: High; above the critical one: Critical.</summary>
internal sealed class ErrorRateRule : BuiltInRule
{
    public override string RuleId => HealthRuleIds.ErrorRate;

    public override HealthRuleResult Evaluate(HealthRuleContext context)
    {
        // No lambda: the message is built only on a breach, and a clear cycle allocates nothing.
        var t = context.Thresholds;
        if (context.Snapshot.Errors.ErrorRatePct is not { } value)
        {
            return HealthRuleResult.Unknown;
        }

        return ThresholdLevels.Judge(value, t.MaxErrorRatePct, t.CriticalErrorRatePct, AlertLevel.High, out var limit) is { } level
            ? HealthRuleResult.Breached(level, string.Create(CultureInfo.InvariantCulture, $"{context.Snapshot.PluginId} has a high error rate: {value:0.##} % of operations, {ThresholdLevels.Above(level)} {limit:0.##} %"), value, limit)
            : HealthRuleResult.Clear;
    }
}
