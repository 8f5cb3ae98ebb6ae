using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Critical errors in the plugin's window: High for one or more; Critical from
/// <see cref="PluginHealthThresholds.CriticalErrorsForCritical"/> (default 5) on.
/// </summary>
internal sealed class CriticalErrorsRule : BuiltInRule
{
    public override string RuleId => HealthRuleIds.CriticalErrors;

    public override HealthRuleResult Evaluate(HealthRuleContext context)
    {
        var errors = context.Snapshot.Errors;
        if (errors.CriticalErrors is not { } count)
        {
            return HealthRuleResult.Unknown;
        }

        if (count <= 0)
        {
            return HealthRuleResult.Clear;
        }

        var critical = context.Thresholds.CriticalErrorsForCritical ?? PluginHealthDefaults.CriticalErrorsForCritical;
        var level = count >= critical ? AlertLevel.Critical : AlertLevel.High;
        return HealthRuleResult.Breached(
            level,
            string.Create(CultureInfo.InvariantCulture, $"{context.Snapshot.PluginId} had {count} critical error(s) in the last hour; last: {errors.LastErrorMessage ?? "unknown"}"),
            count,
            level == AlertLevel.Critical ? critical : 0);
    }
}
