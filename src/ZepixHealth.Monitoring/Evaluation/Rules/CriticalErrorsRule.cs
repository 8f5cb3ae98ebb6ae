using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>Any critical error in the plugin's window: High.</summary>
internal sealed class CriticalErrorsRule : IHealthRule
{
    public string RuleId => HealthRuleIds.CriticalErrors;

    public HealthRuleResult Evaluate(HealthRuleContext context)
    {
        var errors = context.Snapshot.Errors;
        return errors.CriticalErrors switch
        {
            null => HealthRuleResult.Unknown,
            > 0 and var count => HealthRuleResult.Breached(
                AlertLevel.High,
                string.Create(CultureInfo.InvariantCulture, $"{context.Snapshot.PluginId} had {count} critical error(s) in the last hour; last: {errors.LastErrorMessage ?? "unknown"}"),
                count,
                0),
            _ => HealthRuleResult.Clear,
        };
    }
}
