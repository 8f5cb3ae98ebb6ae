namespace ZepixHealth.Monitoring;

/// <summary>
/// A rule that judges one plugin's snapshot every cycle, for example "win rate below 40 %". The
/// built-in rules implement it too; add rules of your own with <c>builder.AddRule&lt;T&gt;()</c>.
/// </summary>
/// <remarks>
/// A rule only judges the present snapshot. Whether a breach becomes an alert — after how many
/// consecutive cycles, when it resolves, how often it is repeated — is decided by the alert lifecycle
/// from <see cref="AlertRuleOptions"/>, keyed by (plugin, <see cref="RuleId"/>). A rule must be cheap,
/// must not block, and must return <see cref="HealthRuleResult.Unknown"/> when a figure it needs is
/// unknown: an unknown figure never fires a rule. A rule that throws is logged and counts as unknown.
/// </remarks>
public interface IHealthRule
{
    /// <summary>
    /// Gets the rule's stable id, for example <c>availability</c> or <c>win_rate.low</c>: alerts are
    /// keyed by it, options refer to it, and it must not change between versions of the host.
    /// </summary>
    string RuleId { get; }

    /// <summary>Judges one plugin's snapshot.</summary>
    /// <param name="context">The snapshot and the thresholds that apply to its plugin.</param>
    /// <returns>Whether the rule is breached, clear, or cannot tell.</returns>
    HealthRuleResult Evaluate(HealthRuleContext context);
}
