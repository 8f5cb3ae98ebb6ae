using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>Error rate above the threshold: High.</summary>
internal sealed class ErrorRateRule : IHealthRule
{
    public string RuleId => HealthRuleIds.ErrorRate;

    public HealthRuleResult Evaluate(HealthRuleContext context) =>
        HealthRuleResult.Above(
            context.Snapshot.Errors.ErrorRatePct,
            context.Thresholds.MaxErrorRatePct,
            AlertLevel.High,
            (value, limit) => string.Create(CultureInfo.InvariantCulture, $"{context.Snapshot.PluginId} has a high error rate: {value:0.##} % of operations, above {limit:0.##} %"));
}
