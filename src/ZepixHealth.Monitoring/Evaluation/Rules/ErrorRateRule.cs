using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>Error rate above the threshold: High.</summary>
internal sealed class ErrorRateRule : IHealthRule
{
    public string RuleId => HealthRuleIds.ErrorRate;

    public HealthRuleResult Evaluate(HealthRuleContext context)
    {
        // No lambda: the message is built only on a breach, and a clear cycle allocates nothing.
        var limit = context.Thresholds.MaxErrorRatePct;
        return context.Snapshot.Errors.ErrorRatePct switch
        {
            null => HealthRuleResult.Unknown,
            { } value when value > limit => HealthRuleResult.Breached(AlertLevel.High, string.Create(CultureInfo.InvariantCulture, $"{context.Snapshot.PluginId} has a high error rate: {value:0.##} % of operations, above {limit:0.##} %"), value, limit),
            _ => HealthRuleResult.Clear,
        };
    }
}
